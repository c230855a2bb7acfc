// Forms of the administration pages.
import { z } from 'zod';
import { APP_ROLES, type AppRole } from '../db/schema';
import { checkbox, choice, optionalId, optionalText, passwordField, requiredEmail } from '../web/form';

const role = choice(APP_ROLES, 'Vælg en rolle');

/** How a new user gets a password: an invitation by e-mail (they choose it), or one the administrator types. */
export const ACCESS_OPTIONS = [
  { value: 'invitation', label: 'Send invitation på e-mail: brugeren vælger selv sin adgangskode' },
  { value: 'password', label: 'Skriv en adgangskode, som du giver brugeren' },
] as const;

export const NewUserSchema = z
  .object({
    email: requiredEmail,
    role,
    person_id: optionalId,
    name: optionalText(200),
    organisation_id: optionalId,
    // Without the choice (an older form, a script) the password is typed, as before.
    access: z.enum(['invitation', 'password'], { error: 'Vælg, hvordan brugeren får sin adgangskode' }).default('password'),
    password: z.string().default(''),
  })
  .refine((v) => v.person_id || v.name, { path: ['name'], error: 'Vælg en eksisterende person, eller skriv navnet på en ny' })
  .superRefine((v, ctx) => {
    if (v.access !== 'password') return;
    const checked = passwordField.safeParse(v.password);
    if (!checked.success) ctx.addIssue({ code: 'custom', path: ['password'], message: checked.error.issues[0].message });
  });

export const EditUserSchema = z.object({ role, disabled: checkbox });

export const ResetPasswordSchema = z.object({ password: passwordField });

export const AuditFilterSchema = z.object({
  user_id: z.coerce.number().int().positive().optional().catch(undefined),
  entity: z.string().trim().max(50).regex(/^[a-z_]*$/).optional().catch(undefined),
});

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  person: 'Person',
  organisation: 'Organisation',
  user: 'Bruger',
  partnership: 'Partnerskab',
  partnership_party: 'Partnerskabets parter',
  partnership_member: 'Partnerskabets repræsentanter',
  role: 'Rolle',
  kerneopgave: 'Kerneopgave',
  focus_aspect: 'Fokusaspekt',
  role_evidence: 'Rolleobservation',
  learning: 'Erfaring',
  dilemma: 'Dilemma',
  fef_item: 'Forklar eller fjern',
  outbox: 'E-mail (udbakke)',
  account_token: 'Link til adgangskode',
};

export const ACTION_LABELS = { create: 'Oprettet', update: 'Ændret', delete: 'Slettet' } as const;

export function roleOptions(labels: Record<AppRole, string>) {
  return APP_ROLES.map((r) => ({ value: r, label: labels[r] }));
}

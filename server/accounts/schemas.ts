// Form schemas for set-up, sign-in and the profile page.
import { z } from 'zod';
import { optionalId, passwordField, requiredEmail, requiredText } from '../web/form';

function withConfirmation<T extends z.ZodObject<{ password: typeof passwordField; password_confirm: z.ZodType }>>(schema: T) {
  return schema.refine((v) => v.password === v.password_confirm, {
    path: ['password_confirm'],
    error: 'De to adgangskoder er ikke ens',
  });
}

export const SetupSchema = withConfirmation(
  z.object({
    name: requiredText('Skriv dit navn'),
    organisation_id: optionalId,
    email: requiredEmail,
    password: passwordField,
    password_confirm: z.string().default(''),
  }),
);

export const LoginSchema = z.object({
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''), z.string().min(1, { error: 'Skriv din e-mail' }).max(200)),
  password: z.string({ error: 'Skriv din adgangskode' }).min(1, { error: 'Skriv din adgangskode' }).max(200),
  next: z.string().optional(),
});

export const ChangePasswordSchema = withConfirmation(
  z.object({
    current_password: z.string({ error: 'Skriv din nuværende adgangskode' }).min(1, { error: 'Skriv din nuværende adgangskode' }),
    password: passwordField,
    password_confirm: z.string().default(''),
  }),
);

export const ProfileNameSchema = z.object({
  name: requiredText('Skriv dit navn'),
});

/** Only a path on this site is a valid place to return to after sign-in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

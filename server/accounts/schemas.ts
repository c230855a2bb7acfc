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

/** "Glemt adgangskode?": the e-mail to send a link to. */
export const ForgotPasswordSchema = z.object({ email: requiredEmail });

/** A new password from a reset link or an invitation: the same rules as everywhere else. */
export const NewPasswordSchema = withConfirmation(
  z.object({
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

/** A code from the authenticator app (6 digits) or a recovery code (16 letters and digits, dashes allowed). */
export const CodeSchema = z.object({
  code: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, { error: 'Skriv koden' }).max(40, { error: 'Koden er for lang' })),
});

/** Enrolment takes the app's 6-digit code only. */
export const EnrolCodeSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.replace(/\s/g, '') : ''),
    z.string().min(1, { error: 'Skriv koden fra appen' }).regex(/^\d{6}$/, { error: 'Skriv de 6 cifre, appen viser' }),
  ),
});

/** A session on the sessions page, named by its handle (never its id). */
export const SessionHandleSchema = z.object({
  session: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});

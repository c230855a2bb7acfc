// Forms of the administrator's sign-in pages: OpenID providers and access requests.
import { z } from 'zod';
import { APP_ROLES } from '../db/schema';
import { checkbox, choice, optionalId, optionalText, requiredText } from '../web/form';
import { isAllowedIssuer, parseRoleMap, slugFor } from '../web/sign-in-options';

const trimmedOr = (fallback: string) => (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback);

export const ProviderSchema = z
  .object({
    display_name: requiredText('Skriv det navn, knappen skal vise, fx Hedensted Kommune', 100),
    slug: z.preprocess(
      trimmedOr(''),
      z.union([z.literal(''), z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'Kun små bogstaver (a–z), tal og bindestreg, højst 40 tegn' })]),
    ),
    issuer: z.preprocess(
      trimmedOr(''),
      z.string().min(1, { error: 'Skriv udbyderens issuer-adresse' }).max(300).refine(isAllowedIssuer, { error: 'Skriv en https-adresse, fx https://login.microsoftonline.com/<tenant-id>/v2.0' }),
    ),
    client_id: requiredText('Skriv klient-id (application/client id)', 300),
    client_secret: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(500, { error: 'Højst 500 tegn' })),
    clear_secret: checkbox,
    scopes: z.preprocess(
      trimmedOr('openid email profile'),
      z
        .string()
        .max(300)
        .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, { error: 'Skriv scopes adskilt af mellemrum' })
        .refine((s) => s.split(' ').includes('openid'), { error: 'Scopes skal indeholde openid' }),
    ),
    email_claim: z.preprocess(trimmedOr('email'), z.string().max(100).regex(/^[\w.:/-]+$/, { error: 'Skriv navnet på et claim, fx email' })),
    role_claim: z.preprocess(trimmedOr(''), z.union([z.literal(''), z.string().max(100).regex(/^[\w.:/-]+$/, { error: 'Skriv navnet på et claim, fx roles' })])),
    role_map: optionalText(2000),
    allow_linking: checkbox,
    enabled: checkbox,
  })
  .transform((v, ctx) => {
    const map = parseRoleMap(v.role_map);
    if (!map.ok) {
      ctx.addIssue({ code: 'custom', path: ['role_map'], message: `Ret linjen '${map.entry}': skriv værdi=rolle, hvor rollen er konsulent, repraesentant eller laeser` });
      return z.NEVER;
    }
    return { ...v, slug: v.slug || slugFor(v.display_name), roleMap: map.map };
  });

export const EnabledSchema = z.object({ enabled: checkbox });

export const GrantSchema = z
  .object({
    user_id: optionalId,
    role: z.preprocess(trimmedOr(''), z.union([z.literal(''), choice(APP_ROLES, 'Vælg en rolle')])),
    person_id: optionalId,
    organisation_id: optionalId,
  })
  .refine((v) => v.user_id || v.role, { path: ['role'], error: 'Vælg en rolle til den nye bruger, eller vælg en eksisterende bruger' });

export const ACCESS_REQUEST_STATUS_LABELS: Record<string, string> = { aaben: 'Venter', godkendt: 'Adgang givet', afvist: 'Afvist' };

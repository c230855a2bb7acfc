// OpenID providers from the environment, for the first start (before an administrator can sign
// in to add them): OIDC_1_NAME, OIDC_1_ISSUER, OIDC_1_CLIENT_ID, … then OIDC_2_… and so on.
// Each is added at start-up when no provider has its slug yet; after that the administrator's
// page (/admin/providers) is where it is changed. See README, "Log ind med organisationens konto".
import { z } from 'zod';
import { isAllowedIssuer, parseRoleMap, slugFor, type RoleMap } from './web/sign-in-options';

export interface ProviderSeed {
  slug: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  emailClaim: string;
  roleClaim: string;
  roleMap: RoleMap;
  allowLinking: boolean;
}

const ProviderEnv = z.object({
  NAME: z.string({ error: 'mangler' }).trim().min(1, { error: 'mangler' }).max(100),
  SLUG: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, { error: 'må kun have små bogstaver, tal og -' }).optional(),
  ISSUER: z.string({ error: 'mangler' }).trim().refine(isAllowedIssuer, { error: 'skal være en https-adresse (udbyderens issuer)' }),
  CLIENT_ID: z.string({ error: 'mangler' }).trim().min(1, { error: 'mangler' }),
  CLIENT_SECRET: z.string().default(''),
  SCOPES: z.string().trim().default('openid email profile'),
  EMAIL_CLAIM: z.string().trim().min(1).default('email'),
  ROLE_CLAIM: z.string().trim().default(''),
  ROLE_MAP: z.string().default(''),
  ALLOW_LINKING: z.enum(['0', '1']).default('0'),
});

/** Reads OIDC_<n>_* for n = 1, 2, … up to the first n without a NAME; throws a readable line on a wrong value. */
export function providersFromEnv(env: NodeJS.ProcessEnv): ProviderSeed[] {
  const seeds: ProviderSeed[] = [];
  for (let n = 1; env[`OIDC_${n}_NAME`] !== undefined || env[`OIDC_${n}_ISSUER`] !== undefined; n++) {
    const prefix = `OIDC_${n}_`;
    const values = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
    const parsed = ProviderEnv.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${prefix}${issue.path.join('.')}: ${issue.message}`);
    }
    const p = parsed.data;
    const roleMap = parseRoleMap(p.ROLE_MAP);
    if (!roleMap.ok) throw new Error(`${prefix}ROLE_MAP: '${roleMap.entry}' skal være værdi=rolle (konsulent, repraesentant eller laeser)`);
    if (!p.SCOPES.split(/\s+/).includes('openid')) throw new Error(`${prefix}SCOPES: skal indeholde openid`);
    seeds.push({
      slug: p.SLUG ?? slugFor(p.NAME),
      displayName: p.NAME,
      issuer: p.ISSUER,
      clientId: p.CLIENT_ID,
      clientSecret: p.CLIENT_SECRET,
      scopes: p.SCOPES,
      emailClaim: p.EMAIL_CLAIM,
      roleClaim: p.ROLE_CLAIM,
      roleMap: roleMap.map,
      allowLinking: p.ALLOW_LINKING === '1',
    });
  }
  return seeds;
}

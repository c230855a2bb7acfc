// The small rules the provider settings share between the environment (config-providers.ts), the
// administrator's form and sign-in: the role map's text form, a provider's slug, and which issuer
// addresses are acceptable.
import { APP_ROLES, type AppRole } from '../db/schema';

/** Roles a provider's claim may give: never admin (administrators are made in the app). */
export const CLAIMABLE_ROLES: readonly AppRole[] = APP_ROLES.filter((r) => r !== 'admin');

export type RoleMap = Record<string, AppRole>;

/**
 * `Uldum.Konsulent=konsulent` entries, one a line (or separated by commas): the claim's value,
 * then the role. Returns the map, or the first wrong entry.
 */
export function parseRoleMap(text: string): { ok: true; map: RoleMap } | { ok: false; entry: string } {
  const map: RoleMap = {};
  for (const raw of text.split(/[\n,;]/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const at = entry.lastIndexOf('=');
    const value = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim() as AppRole;
    if (at < 1 || !value || !CLAIMABLE_ROLES.includes(role)) return { ok: false, entry };
    map[value] = role;
  }
  return { ok: true, map };
}

export function formatRoleMap(map: RoleMap): string {
  return Object.entries(map)
    .map(([value, role]) => `${value}=${role}`)
    .join('\n');
}

/** A provider's slug from its name: lower-case letters, digits and dashes (æ → ae, ø → oe, å → aa). */
export function slugFor(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'udbyder'
  );
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An issuer must be https, except on this machine (a provider for tests or development). */
export function isAllowedIssuer(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    if (url.search || url.hash || url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

export function isLoopbackIssuer(issuer: string): boolean {
  try {
    return LOOPBACK.has(new URL(issuer).hostname);
  } catch {
    return false;
  }
}

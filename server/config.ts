// The process configuration: environment variables parsed once with zod, then frozen.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { APP_ROLES, type AppRole } from './db/schema';
import { providersFromEnv, type ProviderSeed } from './config-providers';

/** A variable set to '' counts as not set (as in a systemd unit with an empty line). */
const emptyAsUnset = (v: unknown) => (v === '' ? undefined : v);
const appUrl = z.url({ protocol: /^https?$/, error: 'skal være en adresse som https://uldum.example.dk' }).transform((u) => u.replace(/\/+$/, ''));

export interface MailFrom {
  readonly name: string;
  readonly address: string;
}

/** MAIL_FROM: an address, or a name and an address as `Uldum Samskabelse <noreply@kommune.dk>`. */
function parseMailFrom(value: string, ctx: z.RefinementCtx): MailFrom {
  const m = /^\s*(?:"?([^"<>\r\n]*?)"?\s*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = m ? (m[2] ?? m[3]) : '';
  if (m && z.email().safeParse(address).success) return Object.freeze({ name: (m[1] ?? '').trim(), address });
  ctx.addIssue({ code: 'custom', message: 'skal være en e-mailadresse, evt. med navn: Uldum Samskabelse <noreply@kommune.dk>' });
  return z.NEVER;
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/uldum.sqlite'),
  DATABASE_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^postgres(ql)?$/, error: 'skal være en PostgreSQL-adresse som postgres://bruger:kode@vært:5432/uldum' }).optional(),
  ),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  SESSION_SECRET: z.string().min(32, { error: 'skal være mindst 32 tegn' }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  TRUST_PROXY: z.string().trim().default('0').transform(parseTrustProxy),
  SLOW_QUERY_MS: z.coerce.number().min(0).optional(),
  BENCH_BASELINE: z.enum(['0', '1']).default('0'),
  REQUIRE_TOTP_FOR: z.string().trim().default('admin,konsulent').transform(parseRoles),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  PASSWORD_LOGIN: z.enum(['0', '1']).default('1'),
  PUBLIC_URL: z.preprocess(emptyAsUnset, appUrl.optional()),
  APP_URL: z.preprocess(emptyAsUnset, appUrl.optional()),
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^smtps?$/, error: 'skal være en adresse som smtp://relay.kommune.dk:25 eller smtps://bruger:kode@vært:465' }).optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUnset, z.string().transform(parseMailFrom).optional()),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(25),
});

/** REQUIRE_TOTP_FOR: a comma-separated list of roles ('' or 'none' for none). */
function parseRoles(value: string, ctx: z.RefinementCtx): readonly AppRole[] {
  if (value === '' || value === 'none') return Object.freeze([]);
  const roles = value.split(',').map((v) => v.trim());
  const wrong = roles.find((r) => !(APP_ROLES as readonly string[]).includes(r));
  if (wrong === undefined) return Object.freeze(roles as AppRole[]);
  ctx.addIssue({ code: 'custom', message: `ukendt rolle '${wrong}': brug ${APP_ROLES.join(', ')} eller none` });
  return z.NEVER;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, an address/prefix (CIDR) or one of Express's names for a range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/** TRUST_PROXY: 0/false (none), a hop count (true meaning 1), or a comma-separated list of proxies. */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): false | number | readonly string[] {
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === 'true') return 1;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(',').map((v) => v.trim());
  if (entries.every(isProxyAddress)) return Object.freeze(entries);
  ctx.addIssue({ code: 'custom', message: 'skal være 0, et antal proxyled (fx 1) eller en kommasepareret liste af adresser og CIDR-net' });
  return z.NEVER;
}

export interface Config {
  readonly port: number;
  readonly databasePath: string;
  /** PostgreSQL instead of the SQLite file (DATABASE_URL); several instances may share it. */
  readonly databaseUrl?: string;
  /** PostgreSQL: connections per instance (DB_POOL_SIZE, default 10) … */
  readonly dbPoolSize?: number;
  /** … and how long one statement may run before the server cancels it (DB_STATEMENT_TIMEOUT_MS, default 30 s). */
  readonly dbStatementTimeoutMs?: number;
  readonly sessionSecret: string;
  readonly env: 'development' | 'production' | 'test';
  /**
   * Which proxies in front of the app to believe (X-Forwarded-For/-Proto): none, the nearest
   * N hops, or the listed addresses/CIDR ranges. Express's `trust proxy` setting.
   */
  readonly trustProxy: false | number | readonly string[];
  /** When set, every query that takes longer is written to stderr with its SQL (finding slow pages). */
  readonly slowQueryMs?: number;
  /** Serve /baseline, the bench's yardstick page (set only by `npm run bench`). */
  readonly benchBaseline?: boolean;
  /** Roles that must sign in with a second factor (TOTP) when signing in with a password; default admin and konsulent. */
  readonly requireTotpFor?: readonly AppRole[];
  /** A session ends after this long without a request (default 120 minutes) … */
  readonly sessionIdleMinutes?: number;
  /** … and this long after sign-in, however active (default 12 hours). */
  readonly sessionMaxHours?: number;
  /** The password form on the login page; false leaves only the OpenID providers (default true). */
  readonly passwordLogin?: boolean;
  /**
   * The address people reach the app at (PUBLIC_URL or APP_URL, one value): OpenID redirect URIs
   * (default: the request's own) and the absolute links in e-mail (default http://localhost:PORT).
   */
  readonly publicUrl?: string;
  /** The SMTP server e-mail is sent through (SMTP_URL); without it e-mail stays in the outbox. */
  readonly smtpUrl?: string;
  /** The sender of every e-mail (MAIL_FROM); required with SMTP_URL. */
  readonly mailFrom?: MailFrom;
  /** OpenID providers from OIDC_1_…, OIDC_2_… added at start when their slug is not there yet. */
  readonly oidcProviders?: readonly ProviderSeed[];
  /** The largest bilag (attachment) accepted, in MB per file (UPLOAD_MAX_MB, default 25). */
  readonly uploadMaxMb: number;
}

export class ConfigError extends Error {}

function oidcProvidersOf(env: NodeJS.ProcessEnv): readonly ProviderSeed[] {
  try {
    return Object.freeze(providersFromEnv(env));
  } catch (err) {
    throw new ConfigError(`Ugyldig konfiguration: ${(err as Error).message}`);
  }
}

/** Parses the environment; throws ConfigError with one readable line on a wrong value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Ugyldig konfiguration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.APP_URL && e.PUBLIC_URL && e.APP_URL !== e.PUBLIC_URL) {
    throw new ConfigError('Ugyldig konfiguration: APP_URL: er en anden end PUBLIC_URL; sæt kun den ene');
  }
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError('Ugyldig konfiguration: MAIL_FROM: skal sættes, når SMTP_URL er sat (fx Uldum Samskabelse <noreply@kommune.dk>)');
  }
  if (e.DATABASE_URL && !e.SESSION_SECRET) {
    // Several instances must sign the same session cookies; a secret made by one would not do.
    throw new ConfigError('Ugyldig konfiguration: SESSION_SECRET: skal sættes (mindst 32 tegn, den samme på alle instanser), når DATABASE_URL er sat');
  }
  const databasePath = e.DATABASE_PATH === ':memory:' ? e.DATABASE_PATH : path.resolve(e.DATABASE_PATH);
  return Object.freeze({
    port: e.PORT,
    databasePath,
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSecret(databasePath),
    env: e.NODE_ENV,
    trustProxy: e.TRUST_PROXY,
    slowQueryMs: e.SLOW_QUERY_MS,
    benchBaseline: e.BENCH_BASELINE === '1',
    requireTotpFor: e.REQUIRE_TOTP_FOR,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    passwordLogin: e.PASSWORD_LOGIN === '1',
    publicUrl: e.APP_URL ?? e.PUBLIC_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    oidcProviders: oidcProvidersOf(env),
    uploadMaxMb: e.UPLOAD_MAX_MB,
  });
}

/** Keeps a generated secret beside the database so sessions survive a restart. */
function readOrCreateSecret(databasePath: string): string {
  if (databasePath === ':memory:') return crypto.randomBytes(32).toString('hex');
  const file = path.join(path.dirname(databasePath), 'session-secret');
  if (fs.existsSync(file)) {
    const secret = fs.readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

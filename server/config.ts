// The process configuration: environment variables parsed once with zod, then frozen.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/uldum.sqlite'),
  SESSION_SECRET: z.string().min(32, { error: 'skal være mindst 32 tegn' }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  SLOW_QUERY_MS: z.coerce.number().min(0).optional(),
});

export interface Config {
  readonly port: number;
  readonly databasePath: string;
  readonly sessionSecret: string;
  readonly env: 'development' | 'production' | 'test';
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto so cookies get Secure. */
  readonly trustProxy: boolean;
  /** When set, every query that takes longer is written to stderr with its SQL (finding slow pages). */
  readonly slowQueryMs?: number;
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError with one readable line on a wrong value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Ugyldig konfiguration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const databasePath = e.DATABASE_PATH === ':memory:' ? e.DATABASE_PATH : path.resolve(e.DATABASE_PATH);
  return Object.freeze({
    port: e.PORT,
    databasePath,
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSecret(databasePath),
    env: e.NODE_ENV,
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    slowQueryMs: e.SLOW_QUERY_MS,
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

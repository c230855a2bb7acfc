// An app on its own fresh database for each test: migrated and seeded once per worker into a
// template, then copied from memory (fast, and no test sees another's rows).
import SQLite from 'better-sqlite3';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import type { Config } from '../../server/config';
import { applyPragmas, createDb, type Db } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { fixedClock } from '../../server/web/clock';
import { seedPartnership } from '../../seeds/partnership';
import { registerAuditRuleHandle, withAuditRule } from './audit-rule';
import { freshPostgresDb, onPostgres } from './postgres';

let template: Promise<Buffer> | undefined;

async function buildTemplate(): Promise<Buffer> {
  const raw = new SQLite(':memory:');
  applyPragmas(raw);
  const db = createDb(raw);
  await migrateToLatest(db);
  await seedPartnership(db, new Date('2026-01-01T09:00:00Z'));
  return raw.serialize();
}

/**
 * A fresh, migrated and seeded database, with the audit rule enforced (test/helpers/audit-rule.ts):
 * a write without its audit row fails the test.
 */
export async function freshDb(): Promise<{ db: Db; raw: SQLite.Database }> {
  // The PostgreSQL run has no SQLite handle: tests that need one run on SQLite only (jest.pg.config.js).
  if (onPostgres) return { db: await freshPostgresDb(), raw: undefined as unknown as SQLite.Database };
  template ??= buildTemplate();
  const raw = new SQLite(await template);
  applyPragmas(raw);
  const db = createDb(withAuditRule(raw));
  registerAuditRuleHandle(db, raw);
  return { db, raw };
}

export const TEST_NOW = '2026-11-24T10:00:00.000Z';

export const testConfig: Config = Object.freeze({
  port: 0,
  databasePath: ':memory:',
  sessionSecret: 'test-secret-test-secret-test-secret-0123456789',
  env: 'test',
  trustProxy: false,
  // Most tests sign in admins and konsulenter with a password alone (helpers/agent.ts); the
  // second-factor requirement is tested on its own (test/accounts/two-factor.test.ts).
  requireTotpFor: [],
  // Tests move the clock by days inside one signed-in session; the timeouts are tested on their
  // own with the production values (test/accounts/sessions.test.ts).
  sessionIdleMinutes: 60 * 24 * 365,
  sessionMaxHours: 24 * 365,
  uploadMaxMb: 25,
});

export interface TestApp {
  app: Express;
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  logged: string[];
}

/** An app over a fresh database, with a fixed clock and a captured error log. */
export async function testApp(opts: { now?: string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const { db } = await freshDb();
  const clock = fixedClock(opts.now ?? TEST_NOW);
  const logged: string[] = [];
  const app = createApp({ db, config: { ...testConfig, ...opts.config }, clock, log: (line) => logged.push(line) });
  return { app, db, clock, logged };
}

// The PostgreSQL run of the suite (TEST_DATABASE_URL, set by scripts/with-postgres.sh): every test
// gets a database of its own, created from a template that was migrated and seeded once per run,
// and dropped after the test file. The audit rule is checked on the SQLite run (it reads SQLite's
// triggers); the code under test is the same.
import pg from 'pg';
import type { Db } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { createPostgresDb, createPostgresPool } from '../../server/db/postgres';
import { seedPartnership } from '../../seeds/partnership';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';
export const onPostgres = TEST_DATABASE_URL !== '';

const TEMPLATE = 'uldum_test_template';
const TEMPLATE_LOCK = 4242;

/** The address of database `name` on the test cluster. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let template: Promise<void> | undefined;

/** Builds the template once per cluster; the workers of one run take turns through a lock. */
function ensureTemplate(): Promise<void> {
  template ??= withAdmin(async (admin) => {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [TEMPLATE]);
      if (rowCount) return;
      await admin.query(`create database ${TEMPLATE}`);
      const pool = createPostgresPool(databaseUrl(TEMPLATE), { poolSize: 2 });
      const db = createPostgresDb(pool);
      await migrateToLatest(db);
      await seedPartnership(db, new Date('2026-01-01T09:00:00Z'));
      await db.destroy();
      await admin.query(`alter database ${TEMPLATE} is_template true`);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return template;
}

const created: Array<{ name: string; db: Db }> = [];
let counter = 0;

/** An empty database of its own on the test cluster (for tests that migrate it themselves). */
export async function emptyPostgresDatabase(): Promise<{ name: string; url: string }> {
  const name = `t_${process.pid}_${++counter}_e`;
  await withAdmin((admin) => admin.query(`create database ${name}`));
  created.push({ name, db: undefined as unknown as Db });
  return { name, url: databaseUrl(name) };
}

/** A fresh, migrated and seeded database of its own, and its address (for a second instance's pool). */
export async function freshPostgresDatabase(): Promise<{ db: Db; url: string }> {
  await ensureTemplate();
  const name = `t_${process.pid}_${++counter}`;
  await withAdmin((admin) => admin.query(`create database ${name} template ${TEMPLATE}`));
  const db = createPostgresDb(createPostgresPool(databaseUrl(name), { poolSize: 4, idleTimeoutMs: 1000 }));
  created.push({ name, db });
  return { db, url: databaseUrl(name) };
}

export async function freshPostgresDb(): Promise<Db> {
  return (await freshPostgresDatabase()).db;
}

/** Another pool on a test database: a second app instance. Closed with the file's databases. */
export function anotherInstanceDb(url: string): Db {
  const db = createPostgresDb(createPostgresPool(url, { poolSize: 4, idleTimeoutMs: 1000 }));
  pools.push(db);
  return db;
}
const pools: Db[] = [];

/** After a test file: close its pools and drop its databases. */
export async function dropTestDatabases(): Promise<void> {
  await Promise.all(pools.splice(0).map((db) => db.destroy().catch(() => undefined)));
  const done = created.splice(0);
  if (!done.length) return;
  await Promise.all(done.map(({ db }) => db?.destroy().catch(() => undefined)));
  await withAdmin(async (admin) => {
    for (const { name } of done) await admin.query(`drop database if exists ${name} with (force)`);
  });
}

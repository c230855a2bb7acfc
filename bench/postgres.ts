// `npm run bench -- --pg`: a fresh PostgreSQL database on a cluster, filled from the bench's SQLite
// file by the app's own copy (server/db/copy-to-postgres.ts), and dropped after the run.
import pg from 'pg';
import { sql } from 'kysely';
import { copySqliteToPostgres } from '../server/db/copy-to-postgres';
import { openDatabase } from '../server/db/database';
import { createPostgresDb, createPostgresPool } from '../server/db/postgres';

/** The cluster to create the bench database on: BENCH_DATABASE_URL, else the one scripts/with-postgres.sh started. */
export function clusterUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

export interface BenchPostgres {
  url: string;
  name: string;
  version: string;
  rows: number;
  tables: number;
  copy_ms: number;
  /** VACUUM ANALYZE after the copy: the statistics and visibility map autovacuum would have made by itself soon after. */
  analyze_ms: number;
  drop(): Promise<void>;
}

async function onCluster<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'uldum-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `uldum_bench_<time>` on the cluster and copies the SQLite file into it. */
export async function createBenchPostgres(adminUrl: string, sqliteFile: string, log: (line: string) => void): Promise<BenchPostgres> {
  const name = `uldum_bench_${Date.now()}`;
  const version = await onCluster(adminUrl, async (c) => {
    await c.query(`create database ${name} template template0 encoding 'UTF8'`);
    return (await c.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0].v;
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = () => onCluster(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`).then(() => undefined));

  const source = openDatabase(sqliteFile);
  const target = createPostgresDb(createPostgresPool(url.href, { poolSize: 2, statementTimeoutMs: 0 }));
  try {
    let started = Date.now();
    const counts = await copySqliteToPostgres(source.raw, source.db, target, (line) => log(`  ${line}`));
    const copyMs = Date.now() - started;
    started = Date.now();
    await sql`vacuum analyze`.execute(target);
    const analyzeMs = Date.now() - started;
    // The copy leaves a few hundred MB for PostgreSQL to write out: a checkpoint now, so the
    // server's start is measured on a settled database, not against that write-back.
    await sql`checkpoint`.execute(target);
    return { url: url.href, name, version, rows: counts.reduce((n, c) => n + c.target, 0), tables: counts.length, copy_ms: copyMs, analyze_ms: analyzeMs, drop };
  } catch (err) {
    await drop().catch(() => undefined);
    throw err;
  } finally {
    await source.db.destroy();
    await target.destroy();
  }
}

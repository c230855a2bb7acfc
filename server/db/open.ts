// Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else the SQLite
// file at DATABASE_PATH. The rest of the app gets a Kysely instance and cannot tell which.
import type { Config } from '../config';
import { openDatabase, optimizeDatabase, type Db } from './database';
import type { DialectName } from './dialect';
import { createPostgresDb, createPostgresPool } from './postgres';

export interface OpenedDatabase {
  db: Db;
  dialect: DialectName;
  /** Where the data is, for the start-up line (never the password). */
  label: string;
  /** Refreshes the planner's statistics now and then (SQLite; PostgreSQL's autovacuum does it). */
  optimize(): void;
}

/** `postgres://uldum@db.kommune.dk:5432/uldum` without user password or query. */
export function describePostgresUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

export function openConfiguredDatabase(config: Config, options: { slowQueryMs?: number } = {}): OpenedDatabase {
  if (config.databaseUrl) {
    const pgOptions = { poolSize: config.dbPoolSize, statementTimeoutMs: config.dbStatementTimeoutMs, slowQueryMs: options.slowQueryMs };
    const db = createPostgresDb(createPostgresPool(config.databaseUrl, pgOptions), pgOptions);
    return { db, dialect: 'postgres', label: describePostgresUrl(config.databaseUrl), optimize: () => undefined };
  }
  const { db, raw } = openDatabase(config.databasePath, options);
  return { db, dialect: 'sqlite', label: config.databasePath, optimize: () => optimizeDatabase(raw) };
}

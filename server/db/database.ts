// Opens the SQLite database with the pragmas that make a committed write durable, and wraps it
// in Kysely. SQLITE ADAPTER: the pragmas and `BEGIN IMMEDIATE` below are SQLite-only by design;
// everything else in the app speaks portable Kysely.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type DatabaseConnection, type LogEvent, type SqliteDatabase } from 'kysely';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** Applies the durability and integrity pragmas to a raw connection. */
export function applyPragmas(raw: SQLite.Database): void {
  if (raw.name !== ':memory:' && !raw.memory) raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL'); // an acknowledged commit survives power loss, also in WAL mode
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
}

/**
 * Every Kysely transaction starts with BEGIN IMMEDIATE: it takes the write lock up front, so a
 * read-then-write transaction cannot fail half-way with SQLITE_BUSY when the CLI writes too.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver() {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Refreshes the query planner's statistics where they are stale or missing (quick: a bounded
 * sample per index), so it picks e.g. the partial index of open actions. Run after migrations
 * at start-up and now and then.
 */
export function optimizeDatabase(raw: SQLite.Database): void {
  raw.pragma('analysis_limit = 400');
  raw.pragma('optimize = 0x10002');
}

export function openRawDatabase(file: string | Buffer): SQLite.Database {
  if (typeof file === 'string' && file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new SQLite(file);
  applyPragmas(raw);
  return raw;
}

export interface DbOptions {
  /** Queries slower than this many milliseconds are written to stderr with their SQL. */
  slowQueryMs?: number;
}

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles the SQL on each prepare(): keep
 * the compiled statements of the most recent query texts and reuse them. A statement still being
 * iterated (a streamed query) is busy and cannot be shared, so that case prepares a fresh one.
 */
export function withStatementCache(raw: SQLite.Database, size = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      const cached = statements.get(text);
      if (cached && !cached.busy) {
        statements.delete(text); // re-inserted below: the Map's order is least recently used first
        statements.set(text, cached);
        return cached;
      }
      const statement = raw.prepare(text);
      statements.set(text, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}

export function createDb(raw: SQLite.Database, options: DbOptions = {}): Db {
  const { slowQueryMs } = options;
  const log =
    slowQueryMs === undefined
      ? undefined
      : (event: LogEvent) => {
          if (event.level === 'query' && event.queryDurationMillis >= slowQueryMs) {
            console.error(`langsom forespørgsel ${event.queryDurationMillis.toFixed(1)} ms: ${event.query.sql}`);
          }
        };
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(raw) }), log });
}

export function openDatabase(file: string, options: DbOptions = {}): { db: Db; raw: SQLite.Database } {
  const raw = openRawDatabase(file);
  return { db: createDb(raw, options), raw };
}

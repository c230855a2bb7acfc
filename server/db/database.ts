// Opens the SQLite database with the pragmas that make a committed write durable, and wraps it
// in Kysely. SQLITE ADAPTER: the pragmas and `BEGIN IMMEDIATE` below are SQLite-only by design;
// everything else in the app speaks portable Kysely.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type DatabaseConnection, type SqliteDatabase } from 'kysely';
import type { Database } from './schema';
import { slowQueryLog } from './slow-queries';

export type Db = Kysely<Database>;

/**
 * Applies the durability and integrity pragmas to a raw connection. busy_timeout is 0: SQLite's
 * own wait for another process's lock sleeps inside the synchronous call and would freeze every
 * request; the Kysely connection below waits asynchronously instead.
 */
export function applyPragmas(raw: SQLite.Database): void {
  if (raw.name !== ':memory:' && !raw.memory) raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL'); // an acknowledged commit survives power loss, also in WAL mode
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 0');
}

/** Another process (a CLI job) held the write lock for longer than we wait. */
export class DatabaseBusy extends Error {
  constructor() {
    super('Databasen er optaget af et andet job (fx en sikkerhedskopi eller genopbygning af søgeindekset). Vent lidt, og prøv igen.');
  }
}

export function isBusyError(err: unknown): boolean {
  return typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY');
}

const DEFAULT_LOCK_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every Kysely transaction starts with BEGIN IMMEDIATE: it takes the write lock up front, so a
 * read-then-write transaction cannot fail half-way with SQLITE_BUSY when the CLI writes too.
 * A statement outside a transaction (BEGIN IMMEDIATE itself, a single write) that meets another
 * process's lock is retried with backoff on timers, and the one connection is handed to other
 * requests in between, so reads (which WAL never blocks) go on while a write waits.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly raw: SQLite.Database,
    private readonly lockWaitMs: number,
    private readonly onLockWait?: () => void,
  ) {
    super(config);
  }

  override createDriver() {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    const release = driver.releaseConnection.bind(driver);
    const { raw, lockWaitMs, onLockWait } = this;
    let wrapped: DatabaseConnection | undefined;
    const wrap = (connection: DatabaseConnection): DatabaseConnection =>
      (wrapped ??= {
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
        async executeQuery(query) {
          const started = performance.now();
          for (let attempt = 0; ; attempt++) {
            try {
              return await connection.executeQuery(query);
            } catch (err) {
              // Inside a transaction we hold the lock already: a busy error there is not ours to wait out.
              if (!isBusyError(err) || raw.inTransaction) throw err;
              if (performance.now() - started >= lockWaitMs) throw new DatabaseBusy();
              onLockWait?.();
              await release(connection);
              await sleep(Math.min(5 * 2 ** attempt, 200));
              await acquire();
            }
          }
        },
      });
    driver.acquireConnection = async () => wrap(await acquire());
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
  try {
    raw.pragma('optimize = 0x10002');
  } catch (err) {
    if (!isBusyError(err)) throw err; // another process is writing: the next run will do it
  }
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
  /** How long a statement waits for another process's write lock before DatabaseBusy (10 s). */
  lockWaitMs?: number;
  /** Called each time a statement has met another process's lock and is about to wait. */
  onLockWait?: () => void;
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
  const { slowQueryMs, lockWaitMs = DEFAULT_LOCK_WAIT_MS, onLockWait } = options;
  const log = slowQueryLog(slowQueryMs);
  const dialect = new ImmediateSqliteDialect({ database: withStatementCache(raw) }, raw, lockWaitMs, onLockWait);
  return new Kysely<Database>({ dialect, log });
}

export function openDatabase(file: string, options: DbOptions = {}): { db: Db; raw: SQLite.Database } {
  const raw = openRawDatabase(file);
  return { db: createDb(raw, options), raw };
}

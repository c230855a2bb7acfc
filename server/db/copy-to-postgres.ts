// `npm run cli -- copy-to-postgres`: moves an SQLite installation into an empty PostgreSQL
// database. Both are migrated to the same version first, so the tables and columns are the same;
// then every table is copied in foreign-key order with its ids (bilag content included, a few
// rows at a time so memory stays flat), the id sequences are set past the highest id, and the
// row counts are compared. One PostgreSQL transaction, read from one SQLite snapshot: a failure
// (a wrong count included) leaves the target empty, and a server still writing to the SQLite
// file cannot make the copy half old, half new (its later writes are not in the copy).
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from './database';
import { migrateToLatest } from './migrator';

/** Kept by the databases themselves, not copied: the migrator's bookkeeping, SQLite's own, the search index (its triggers refill it). */
const NOT_COPIED = /^(sqlite_|kysely_migration|search_index)/;

/**
 * Rows the migrations themselves write (the installation id, migrations/0012): the freshly
 * migrated target has its own, which the source's replace, so calendar subscriptions keep
 * their event ids.
 */
const WRITTEN_BY_MIGRATIONS = ['app_settings'];

/** Rows per INSERT, and fewer when they are large (bilag are stored in 1 MB chunks) or wide. */
const BATCH_ROWS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;
/** PostgreSQL takes at most 65535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;

export class TargetNotEmpty extends Error {}
export class CountMismatch extends Error {}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

function tablesOf(raw: SQLite.Database): string[] {
  return (raw.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[]).filter((t) => !NOT_COPIED.test(t));
}

/** Parents before children, from SQLite's own foreign-key lists (self-references copy in id order). */
export function copyOrder(raw: SQLite.Database, tables: string[]): string[] {
  const parents = new Map(
    tables.map((t) => [t, new Set((raw.prepare(`select "table" from pragma_foreign_key_list(?)`).pluck().all(t) as string[]).filter((p) => p !== t))]),
  );
  const order: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (order.includes(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) if (tables.includes(p)) visit(p, path);
    path.delete(t);
    order.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return order;
}

async function rowsIn(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0].n);
}

/** Throws TargetNotEmpty when any table of the target (after migrating) holds a row the migrations did not write. */
async function assertEmpty(target: Db, tables: string[]): Promise<void> {
  for (const table of tables) {
    if (WRITTEN_BY_MIGRATIONS.includes(table)) continue;
    if ((await rowsIn(target, table)) > 0) throw new TargetNotEmpty(`Måldatabasen er ikke tom (tabellen ${table} har rækker). Kopiér kun til en tom PostgreSQL-database.`);
  }
}

function sizeOf(row: Record<string, unknown>): number {
  let n = 0;
  for (const v of Object.values(row)) n += Buffer.isBuffer(v) ? v.length : typeof v === 'string' ? v.length * 2 : 8;
  return n;
}

export async function copySqliteToPostgres(source: SQLite.Database, sourceDb: Db, target: Db, log: (line: string) => void = () => undefined): Promise<TableCount[]> {
  await migrateToLatest(sourceDb);
  const tables = copyOrder(source, tablesOf(source));
  await migrateToLatest(target);
  await assertEmpty(target, tables);

  source.exec('begin'); // a read transaction: every table from the same snapshot
  let counts: TableCount[];
  try {
    counts = await target.transaction().execute(async (trx) => {
      for (const table of WRITTEN_BY_MIGRATIONS) if (tables.includes(table)) await trx.deleteFrom(table as never).execute();
      for (const table of tables) {
        const columns = source.prepare(`select name from pragma_table_info(?) order by cid`).pluck().all(table) as string[];
        const hasId = columns.includes('id');
        const maxRows = Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / columns.length));
        const statement = source.prepare(`select * from "${table}"${hasId ? ' order by id' : ''}`);
        let batch: Record<string, unknown>[] = [];
        let bytes = 0;
        let copied = 0;
        const flush = async () => {
          if (!batch.length) return;
          await trx.insertInto(table as never).values(batch as never).execute();
          copied += batch.length;
          batch = [];
          bytes = 0;
        };
        for (const row of statement.iterate() as Iterable<Record<string, unknown>>) {
          batch.push(row);
          bytes += sizeOf(row);
          if (batch.length >= maxRows || bytes >= BATCH_BYTES) await flush();
        }
        await flush();
        if (hasId && copied) {
          // The next id PostgreSQL hands out comes after the highest one copied.
          await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(trx);
        }
        log(`${table}: ${copied}`);
      }

      // Counted inside the transaction: a difference rolls the whole copy back.
      const counts: TableCount[] = [];
      for (const table of tables) {
        counts.push({ table, source: Number(source.prepare(`select count(*) from "${table}"`).pluck().get()), target: await rowsIn(trx, table) });
      }
      const wrong = counts.filter((c) => c.source !== c.target);
      if (wrong.length) throw new CountMismatch(`Antallet af rækker passer ikke: ${wrong.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}. Intet er kopieret.`);
      return counts;
    });
  } finally {
    source.exec('rollback');
  }
  // Planner statistics for the new tables now, rather than whenever autovacuum comes by.
  await sql`analyze`.execute(target);
  return counts;
}

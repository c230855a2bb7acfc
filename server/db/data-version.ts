// A cheap "has anything changed?" for the remembered summaries (server/web/caches.ts). Every
// write adds an audit-log row in its own transaction, so the highest audit id moves with every
// change to the data.
//
// Under load many requests ask at once, and on PostgreSQL each asking is a round trip. A caller
// never takes the answer of a query sent before it asked (that could miss a write it has just
// made), but every caller that arrives while one query is out shares the next one: at most two
// are ever out per database, however many ask.
//
// Within one request the version is read once (the request sees the data as it was when it first
// asked, as one query would), unless a write was recorded in this process since: a request that
// writes and then reads must see its own write.
import type { ExpressionBuilder } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema';
import { requestMemo } from './request-scope';

interface Batch {
  /** The query out now. */
  running?: Promise<number>;
  /** The query sent when `running` is answered, shared by everyone who asked meanwhile. */
  next?: Promise<number>;
}

const batches = new WeakMap<Db, Batch>();

async function readVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Audit rows written by this process; moved by audit() before the write's commit (so never too late). */
let localWrites = 0;
export function noteLocalWrite(): void {
  localWrites++;
}

/**
 * The version read with the request's first query (the session's, which asks for it in the same
 * round trip), so a page needs no query of its own for it.
 */
export function rememberDataVersion(db: Db, version: number): void {
  const memo = requestMemo();
  if (memo && !memo.version) Object.assign(memo, { db, localWrites, version: Promise.resolve(version) });
}

/** The highest audit id as a column of another query (the session's read). */
export function dataVersionColumn(eb: ExpressionBuilder<Database, keyof Database>) {
  return eb.selectFrom('audit_log').select((e) => e.fn.max('id').as('v')).as('data_version');
}

export function dataVersion(db: Db): Promise<number> {
  const memo = requestMemo();
  if (!memo) return sharedRead(db);
  if (memo.db === db && memo.localWrites === localWrites && memo.version) return memo.version;
  Object.assign(memo, { db, localWrites, version: sharedRead(db) });
  memo.version!.catch(() => {
    if (memo.db === db) memo.version = undefined; // a failure is not remembered
  });
  return memo.version!;
}

function sharedRead(db: Db): Promise<number> {
  let batch = batches.get(db);
  if (!batch) batches.set(db, (batch = {}));
  const b = batch;
  const send = (): Promise<number> => {
    const query = readVersion(db).finally(() => {
      if (b.running === query) b.running = undefined;
    });
    b.running = query;
    return query;
  };
  if (!b.running) return send();
  b.next ??= b.running.then(
    () => undefined,
    () => undefined,
  ).then(() => {
    b.next = undefined;
    return send();
  });
  return b.next;
}

// A cheap "has anything changed?" for the remembered summaries (server/web/caches.ts). Every
// write adds an audit-log row in its own transaction, so the highest audit id moves with every
// change to the data.
//
// Under load many requests ask at once, and on PostgreSQL each asking is a round trip. A caller
// never takes the answer of a query sent before it asked (that could miss a write it has just
// made), but every caller that arrives while one query is out shares the next one: at most two
// are ever out per database, however many ask.
import type { Db } from './database';

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

export function dataVersion(db: Db): Promise<number> {
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

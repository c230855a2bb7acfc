// A cheap "has anything changed?" for read-heavy summaries. Every write adds an audit-log row
// in its own transaction, so the highest audit id moves with every change to the data.
import type { Db } from './database';

export async function dataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/**
 * Wraps a summary so it is computed once per data version and argument key (e.g. the day or a
 * period); the next request after any write computes it afresh. Keeps the `keys` most recently
 * used arguments (one by default).
 */
export function perDataVersion<A extends string, T>(db: Db, compute: (arg: A) => Promise<T>, keys = 1): (arg: A) => Promise<T> {
  const remembered = new Map<A, { version: number; value: Promise<T> }>();
  return async (arg: A) => {
    const version = await dataVersion(db);
    const hit = remembered.get(arg);
    remembered.delete(arg); // re-inserted below: a Map iterates oldest first, so this keeps LRU order
    if (hit && hit.version === version) {
      remembered.set(arg, hit);
      return hit.value;
    }
    const value = compute(arg);
    remembered.set(arg, { version, value });
    if (remembered.size > keys) remembered.delete(remembered.keys().next().value as A);
    value.catch(() => {
      if (remembered.get(arg)?.value === value) remembered.delete(arg); // a failed computation is not remembered
    });
    return value;
  };
}

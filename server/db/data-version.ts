// A cheap "has anything changed?" for read-heavy summaries. Every write adds an audit-log row
// in its own transaction, so the highest audit id moves with every change to the data.
import type { Db } from './database';

export async function dataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/**
 * Wraps a summary so it is computed once per data version and argument (e.g. the day, a period
 * or a search form: any JSON value, compared by its JSON text); the next request after any write
 * computes it afresh. Keeps the `keys` most recently used arguments (one by default).
 */
export function perDataVersion<A = void, T = unknown>(db: Db, compute: (arg: A) => Promise<T>, keys = 1): (arg: A) => Promise<T> {
  const remembered = new Map<string, { version: number; value: Promise<T> }>();
  return async (arg: A) => {
    const key = JSON.stringify(arg) ?? '';
    const version = await dataVersion(db);
    const hit = remembered.get(key);
    remembered.delete(key); // re-inserted below: a Map iterates oldest first, so this keeps LRU order
    if (hit && hit.version === version) {
      remembered.set(key, hit);
      return hit.value;
    }
    const value = compute(arg);
    remembered.set(key, { version, value });
    if (remembered.size > keys) remembered.delete(remembered.keys().next().value as string);
    value.catch(() => {
      if (remembered.get(key)?.value === value) remembered.delete(key); // a failed computation is not remembered
    });
    return value;
  };
}

// A cheap "has anything changed?" for read-heavy summaries. Every write adds an audit-log row
// in its own transaction, so the highest audit id moves with every change to the data.
import type { Db } from './database';

export async function dataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/**
 * Wraps a summary so it is computed once per data version and argument key (e.g. the day);
 * the next request after any write computes it afresh.
 */
export function perDataVersion<A extends string, T>(db: Db, compute: (arg: A) => Promise<T>): (arg: A) => Promise<T> {
  let last: { version: number; arg: A; value: Promise<T> } | undefined;
  return async (arg: A) => {
    const version = await dataVersion(db);
    if (last && last.version === version && last.arg === arg) return last.value;
    const value = compute(arg);
    last = { version, arg, value };
    value.catch(() => {
      if (last?.value === value) last = undefined; // a failed computation is not remembered
    });
    return value;
  };
}

// A cheap "has anything changed?" for the remembered summaries (server/web/caches.ts). Every
// write adds an audit-log row in its own transaction, so the highest audit id moves with every
// change to the data.
import type { Db } from './database';

export async function dataVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

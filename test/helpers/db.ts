// Row counts and audit entries, so tests can assert what was (or was not) saved.
import type { Db } from '../../server/db/database';
import type { AuditEntry, Database } from '../../server/db/schema';

export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table as 'people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The audit entries for one record (or one kind of record), oldest first. */
export async function auditOf(db: Db, entity: string, entityId?: number | string): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().where('entity', '=', entity);
  if (entityId !== undefined) q = q.where('entity_id', '=', String(entityId));
  return q.orderBy('id').execute();
}

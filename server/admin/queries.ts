// Reads for the administration pages: accounts and the audit log.
import type { Db } from '../db/database';

export function listUsers(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select([
      'users.id',
      'users.email',
      'users.role',
      'users.disabled',
      'users.last_login_at',
      'people.id as person_id',
      'people.name as person_name',
      'organisations.name as organisation_name',
    ])
    .orderBy('people.sort_key')
    .execute();
}

export function findUser(db: Db, id: number) {
  return db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['users.id', 'users.email', 'users.role', 'users.disabled', 'users.last_login_at', 'people.id as person_id', 'people.name as person_name'])
    .where('users.id', '=', id)
    .executeTakeFirst();
}

/** People who can still get an account: active and without one. */
export function peopleWithoutAccount(db: Db) {
  return db
    .selectFrom('people')
    .leftJoin('users', 'users.person_id', 'people.id')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select(['people.id', 'people.name', 'organisations.name as organisation_name'])
    .where('users.id', 'is', null)
    .where('people.active', '=', 1)
    .where('people.anonymised_at', 'is', null)
    .orderBy('people.sort_key')
    .execute();
}

export interface AuditFilter {
  user_id?: number;
  entity?: string;
}

function filteredAudit(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.user_id) q = q.where('audit_log.user_id', '=', f.user_id);
  if (f.entity) q = q.where('audit_log.entity', '=', f.entity);
  return q;
}

export function listAudit(db: Db, f: AuditFilter, limit: number, offset: number) {
  return filteredAudit(db, f)
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.before',
      'audit_log.after',
      'people.name as user_name',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countAudit(db: Db, f: AuditFilter): Promise<number> {
  const row = await filteredAudit(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function auditEntities(db: Db) {
  return db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute();
}

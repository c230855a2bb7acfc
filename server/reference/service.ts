// Reference data: the roles, core tasks (kerneopgaver) and focus aspects.
import type { Db } from '../db/database';

export function listRoles(db: Db, opts: { includeRetired?: boolean } = {}) {
  let q = db.selectFrom('roles').selectAll().orderBy('sort_order');
  if (!opts.includeRetired) q = q.where('retired', '=', 0);
  return q.execute();
}

export function listKerneopgaver(db: Db) {
  return db.selectFrom('kerneopgaver').selectAll().orderBy('sort_order').execute();
}

export function listFocusAspects(db: Db) {
  return db.selectFrom('focus_aspects').selectAll().orderBy('sort_order').execute();
}

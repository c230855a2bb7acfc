// Reads of the "forklar eller fjern" register: the list, one item, and the hours per decision.
import type { Db } from '../db/database';
import type { FefFilter } from './schemas';

function filtered(db: Db, f: FefFilter) {
  let q = db.selectFrom('fef_items');
  if (f.decision) q = q.where('fef_items.decision', '=', f.decision);
  if (f.origin) q = q.where('fef_items.origin', '=', f.origin);
  return q;
}

/** Newest first, with who raised it and the meeting that decided it, in one query. */
export function listFefItems(db: Db, f: FefFilter, limit: number, offset: number) {
  return filtered(db, f)
    .leftJoin('people', 'people.id', 'fef_items.raised_by')
    .leftJoin('meetings', 'meetings.id', 'fef_items.decided_meeting_id')
    .select([
      'fef_items.id',
      'fef_items.title',
      'fef_items.applies_to',
      'fef_items.origin',
      'fef_items.decision',
      'fef_items.hours_saved_per_month',
      'fef_items.raised_by',
      'people.name as raised_by_name',
      'fef_items.decided_meeting_id',
      'meetings.title as meeting_title',
      'meetings.starts_at as meeting_starts_at',
    ])
    .orderBy('fef_items.created_at', 'desc')
    .orderBy('fef_items.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countFefItems(db: Db, f: FefFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Items and estimated hours per month for each decision, over the whole register: one GROUP BY. */
export function hoursByDecisionRows(db: Db) {
  return db
    .selectFrom('fef_items')
    .select((eb) => [
      'fef_items.decision',
      eb.fn.countAll<number>().as('items'),
      eb.fn.count<number>('fef_items.hours_saved_per_month').as('estimated'),
      eb.fn.sum<number | null>('fef_items.hours_saved_per_month').as('hours'),
    ])
    .groupBy('fef_items.decision')
    .execute();
}

export function findFefItem(db: Db, id: number) {
  return db
    .selectFrom('fef_items')
    .leftJoin('people', 'people.id', 'fef_items.raised_by')
    .leftJoin('meetings', 'meetings.id', 'fef_items.decided_meeting_id')
    .selectAll('fef_items')
    .select(['people.name as raised_by_name', 'meetings.title as meeting_title', 'meetings.starts_at as meeting_starts_at'])
    .where('fef_items.id', '=', id)
    .executeTakeFirst();
}
export type FefItemRow = NonNullable<Awaited<ReturnType<typeof findFefItem>>>;

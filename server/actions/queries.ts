// Reads of follow-up actions: the /actions list, a meeting's actions, open actions to carry over.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import { containsText } from '../db/text-keys';
import type { ActionFilter } from './schemas';

export const OPEN_STATUSES = ['aaben', 'i_gang'] as const;

/**
 * "The action is open", written with literal values (not bound parameters) so the database can
 * use the partial indexes of open actions by due date (migration 0007); portable SQL.
 */
export const isOpen = sql<SqlBool>`actions.status in ('aaben', 'i_gang')`;

/**
 * 1 for an action without a due date, else 0: ordering by it first puts those last, a portable
 * "nulls last". The same expression is indexed (migrations 0006 and 0007), so keep it as it is.
 */
export const withoutDueDate = sql<number>`case when actions.due_date is null then 1 else 0 end`;

/**
 * Overdue: open, and due before `today` (a Copenhagen day, ÅÅÅÅ-MM-DD). The one rule, as SQL here
 * and as `isOverdue` for the CSV and the pages: the two must always agree.
 */
export function overdueOn(today: string) {
  return sql<SqlBool>`${isOpen} and actions.due_date < ${today}`;
}

export function isOverdue(a: { due_date: string | null; status: string }, today: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(a.status) && a.due_date !== null && a.due_date < today;
}

/** A filter from the page, and whether the reader may see actions agreed under a closed item. */
export type ActionQuery = ActionFilter & { withoutClosedItems?: boolean };

/** The actions matching the filters; the meeting is joined only when a filter needs it. */
function filtered(db: Db, f: ActionQuery, today: string) {
  let q = db.selectFrom('actions');
  if (f.withoutClosedItems) {
    q = q.where((eb) => eb.or([eb('actions.agenda_item_id', 'is', null), eb('actions.agenda_item_id', 'not in', eb.selectFrom('agenda_items').select('agenda_items.id').where('agenda_items.closed', '=', 1))]));
  }
  if (f.status) q = q.where('actions.status', '=', f.status);
  if (f.open) q = q.where(isOpen);
  if (f.owner_id) q = q.where('actions.owner_id', '=', f.owner_id);
  if (f.owner_q) {
    const text = f.owner_q;
    q = q.where('actions.owner_id', 'in', (eb) => eb.selectFrom('people').select('people.id').where(containsText('people.search_key', text)));
  }
  if (f.meeting_id) q = q.where('actions.meeting_id', '=', f.meeting_id);
  if (f.partnership_id) {
    const id = f.partnership_id;
    q = q.where('actions.meeting_id', 'in', (eb) => eb.selectFrom('meetings').select('meetings.id').where('meetings.partnership_id', '=', id));
  }
  if (f.overdue) q = q.where(overdueOn(today));
  return q;
}

export function listActions(db: Db, f: ActionQuery, today: string, limit: number, offset: number) {
  return filtered(db, f, today)
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .leftJoin('people as owner', 'owner.id', 'actions.owner_id')
    .select([
      'actions.id',
      'actions.text',
      'actions.status',
      'actions.due_date',
      'actions.owner_id',
      'actions.meeting_id',
      'actions.agenda_item_id',
      'owner.name as owner_name',
      'meetings.title as meeting_title',
      'meetings.starts_at as meeting_starts_at',
    ])
    // Portable "nulls last": actions without a due date come after those with one. The same
    // expression is indexed (migration 0006), so a page is read in order instead of sorted.
    // Overdue actions all have a due date: their own index gives that order directly.
    .$if(!f.overdue, (q) => q.orderBy(withoutDueDate))
    .orderBy('actions.due_date')
    .orderBy('actions.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countActions(db: Db, f: ActionQuery, today: string): Promise<number> {
  const row = await filtered(db, f, today).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function actionsOfMeeting(db: Db, meetingId: number) {
  return db
    .selectFrom('actions')
    .leftJoin('people as owner', 'owner.id', 'actions.owner_id')
    .select([
      'actions.id',
      'actions.text',
      'actions.status',
      'actions.due_date',
      'actions.owner_id',
      'actions.agenda_item_id',
      'owner.name as owner_name',
    ])
    .where('actions.meeting_id', '=', meetingId)
    .orderBy('actions.id')
    .execute();
}

/** The actions each follow-up item of a meeting carried over, with their live status. */
export function carriedOverOfMeeting(db: Db, meetingId: number) {
  return db
    .selectFrom('carried_over_actions')
    .innerJoin('agenda_items', 'agenda_items.id', 'carried_over_actions.agenda_item_id')
    .innerJoin('actions', 'actions.id', 'carried_over_actions.action_id')
    .leftJoin('people as owner', 'owner.id', 'actions.owner_id')
    .select([
      'carried_over_actions.agenda_item_id',
      'actions.id',
      'actions.text',
      'actions.status',
      'actions.due_date',
      'actions.meeting_id',
      'owner.name as owner_name',
    ])
    .where('agenda_items.meeting_id', '=', meetingId)
    .orderBy(withoutDueDate)
    .orderBy('actions.due_date')
    .orderBy('actions.id')
    .execute();
}

export function findAction(db: Db, id: number) {
  return db
    .selectFrom('actions')
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .selectAll('actions')
    .select(['meetings.title as meeting_title', 'meetings.partnership_id'])
    .where('actions.id', '=', id)
    .executeTakeFirst();
}

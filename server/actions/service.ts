// Follow-up actions across meetings: their status kept up to date by their owner or the
// consultant, carried over to the partnership's next meeting while open, and the reads other
// features use. Creating and editing an action is part of its meeting (server/meetings/follow-up.ts).
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit } from '../db/audit';
import type { ActionStatus, Database } from '../db/schema';
import { Forbidden, NotFound } from '../web/errors';
import { OPEN_STATUSES, withoutDueDate } from './queries';
import { ACTION_TEXTS as A } from './messages';

export { OPEN_STATUSES } from './queries';

/** Reads and SQL fragments other features use (the overview, the status report, the referat, the CSV). */
export { actionsOfMeeting, carriedOverOfMeeting, findAction, isOpen, isOverdue, listActions, overdueOn, withoutDueDate, type ActionQuery } from './queries';

/** When an action was finished (udført or droppet): kept from before, or now; null while open. */
export function completedAt(status: ActionStatus, at: Date, previous: string | null = null): string | null {
  return status === 'udfoert' || status === 'droppet' ? previous ?? at.toISOString() : null;
}

export interface StatusChanger {
  /** Null when the system records it (the demo seed), as in the audit log. */
  userId: number | null;
  personId: number;
  mayEditAll: boolean;
}

/**
 * Sets an action's status. The consultant may change any action; a representative only the
 * ones they own. Status is live tracking, so it may change after the minutes are locked.
 */
export async function setActionStatus(db: Db, actionId: number, status: ActionStatus, who: StatusChanger, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('actions').selectAll().where('id', '=', actionId).executeTakeFirst();
    if (!before) throw new NotFound();
    if (!who.mayEditAll && before.owner_id !== who.personId) {
      throw new Forbidden(A.onlyOwnStatus);
    }
    if (before.status === status) return;
    const set = { status, completed_at: completedAt(status, at, before.completed_at), updated_at: at.toISOString() };
    await trx.updateTable('actions').set(set).where('id', '=', actionId).execute();
    await audit(trx, { actor: { userId: who.userId }, at, action: 'update', entity: 'action', entityId: actionId, before, after: { ...before, ...set } });
  });
}

export interface CarriedAction {
  id: number;
  text: string;
  owner_name: string | null;
  due_date: string | null;
  status: ActionStatus;
}

/**
 * Links the partnership's open actions (from its earlier meetings) to a follow-up agenda item
 * and returns them, so the item can list them as they stood when the meeting was created.
 */
export async function carryOverOpenActions(
  trx: Kysely<Database>,
  partnershipId: number,
  agendaItemId: number,
  exceptMeetingId: number,
): Promise<CarriedAction[]> {
  const open = await trx
    .selectFrom('actions')
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .leftJoin('people as owner', 'owner.id', 'actions.owner_id')
    .select(['actions.id', 'actions.text', 'actions.due_date', 'actions.status', 'owner.name as owner_name'])
    .where('meetings.partnership_id', '=', partnershipId)
    .where('meetings.id', '!=', exceptMeetingId)
    .where('actions.status', 'in', OPEN_STATUSES)
    .orderBy(withoutDueDate) // no due date last, as on /actions
    .orderBy('actions.due_date')
    .orderBy('actions.id')
    .execute();
  if (open.length) {
    await trx
      .insertInto('carried_over_actions')
      .values(open.map((a) => ({ agenda_item_id: agendaItemId, action_id: a.id })))
      .execute();
  }
  return open;
}

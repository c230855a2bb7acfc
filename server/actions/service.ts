// Follow-up actions: created from a meeting or an agenda item, status kept up to date by their
// owner or the consultant, and carried over to the partnership's next meeting while open.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { ActionStatus, Database } from '../db/schema';
import { assertMeetingEditable } from '../meetings/lock';
import { Forbidden, Invalid, NotFound } from '../web/errors';
import { OPEN_STATUSES, withoutDueDate } from './queries';
import type { ActionForm } from './schemas';

/** What one referat's follow-up table can hold (server/meetings/schemas.ts MEETING_LIMITS). */
export const MAX_ACTIONS_PER_MEETING = 300;

export { OPEN_STATUSES } from './queries';

async function assertReferences(trx: Kysely<Database>, meetingId: number, input: ActionForm) {
  if (input.owner_id) {
    const owner = await trx.selectFrom('people').select('id').where('id', '=', input.owner_id).executeTakeFirst();
    if (!owner) throw new Invalid({ owner_id: 'Vælg en ansvarlig fra listen' });
  }
  if (input.agenda_item_id) {
    const item = await trx
      .selectFrom('agenda_items')
      .select('id')
      .where('id', '=', input.agenda_item_id)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!item) throw new Invalid({ agenda_item_id: 'Vælg et punkt fra mødets dagsorden' });
  }
  if (input.initiative_id) {
    const initiative = await trx.selectFrom('initiatives').select('id').where('id', '=', input.initiative_id).executeTakeFirst();
    if (!initiative) throw new Invalid({ initiative_id: 'Vælg et initiativ fra listen' });
  }
}

function completedAt(status: ActionStatus, at: Date, previous: string | null = null): string | null {
  return status === 'udfoert' || status === 'droppet' ? previous ?? at.toISOString() : null;
}

export async function createAction(db: Db, meetingId: number, input: ActionForm, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    await assertReferences(trx, meetingId, input);
    const count = await trx.selectFrom('actions').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ACTIONS_PER_MEETING) throw new Invalid({ text: `Et møde kan højst have ${MAX_ACTIONS_PER_MEETING} opfølgningspunkter.` });
    const row = {
      meeting_id: meetingId,
      agenda_item_id: input.agenda_item_id,
      initiative_id: input.initiative_id,
      text: input.text,
      owner_id: input.owner_id,
      due_date: input.due_date,
      status: input.status,
      completed_at: completedAt(input.status, at),
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    const { id } = await trx.insertInto('actions').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'action', entityId: id, after: row });
    return id;
  });
}

export async function updateAction(db: Db, actionId: number, input: ActionForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('actions').selectAll().where('id', '=', actionId).executeTakeFirst();
    if (!before) throw new NotFound();
    await assertMeetingEditable(trx, before.meeting_id);
    await assertReferences(trx, before.meeting_id, input);
    const set = {
      text: input.text,
      owner_id: input.owner_id,
      due_date: input.due_date,
      status: input.status,
      agenda_item_id: input.agenda_item_id,
      initiative_id: input.initiative_id,
      completed_at: completedAt(input.status, at, before.completed_at),
      updated_at: at.toISOString(),
    };
    await trx.updateTable('actions').set(set).where('id', '=', actionId).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'action', entityId: actionId, before, after: { ...before, ...set } });
  });
}

export async function deleteAction(db: Db, actionId: number, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('actions').selectAll().where('id', '=', actionId).executeTakeFirst();
    if (!before) throw new NotFound();
    await assertMeetingEditable(trx, before.meeting_id);
    await trx.deleteFrom('actions').where('id', '=', actionId).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'action', entityId: actionId, before });
    return before.meeting_id;
  });
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
      throw new Forbidden('Du kan kun ændre status på opfølgningspunkter, du selv er ansvarlig for.');
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

// A meeting's follow-up actions (hvad, hvem, hvornår) as part of its content: created, changed
// and deleted only while the meeting's minutes are a draft (lock.ts), each with its audit row.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Database } from '../db/schema';
import { completedAt } from '../actions/service';
import { Invalid, NotFound } from '../web/errors';
import { assertMeetingEditable } from './lock';
import { MEETING_LIMITS, type ActionForm } from './schemas';
import { notifyActionAssigned, type Notifier } from '../notifications/service';

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

/** With a notifier, the owner is mailed that the action is theirs. */
export async function createAction(db: Db, meetingId: number, input: ActionForm, actor: Actor, at: Date, notifier?: Notifier): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    await assertReferences(trx, meetingId, input);
    const count = await trx.selectFrom('actions').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    if (Number(count.n) >= MEETING_LIMITS.actions) throw new Invalid({ text: `Et møde kan højst have ${MEETING_LIMITS.actions} opfølgningspunkter.` });
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
    if (row.owner_id) await notifyActionAssigned(trx, notifier, id, at);
    return id;
  });
}

/** With a notifier, a new owner is mailed that the action is theirs. */
export async function updateAction(db: Db, actionId: number, input: ActionForm, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
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
    if (set.owner_id && set.owner_id !== before.owner_id) await notifyActionAssigned(trx, notifier, actionId, at);
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

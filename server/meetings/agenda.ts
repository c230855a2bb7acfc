// The agenda: items kept in order 1..n; add, edit, remove and move up or down.
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { NotFound } from '../web/errors';
import { assertMeetingEditable } from './lock';
import type { AgendaItemForm } from './schemas';

export async function addAgendaItem(db: Db, meetingId: number, form: AgendaItemForm, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const last = await trx
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    const row = {
      meeting_id: meetingId,
      position: Number(last?.max ?? 0) + 1,
      ...form,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    const { id } = await trx.insertInto('agenda_items').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'agenda_item', entityId: id, after: row });
    return id;
  });
}

export async function updateAgendaItem(db: Db, meetingId: number, itemId: number, form: AgendaItemForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const before = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!before) throw new NotFound();
    const set = { ...form, updated_at: at.toISOString() };
    await trx.updateTable('agenda_items').set(set).where('id', '=', itemId).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'agenda_item', entityId: itemId, before, after: { ...before, ...set } });
  });
}

export async function removeAgendaItem(db: Db, meetingId: number, itemId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const before = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!before) throw new NotFound();
    await trx.deleteFrom('agenda_items').where('id', '=', itemId).execute();
    await trx
      .updateTable('agenda_items')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('meeting_id', '=', meetingId)
      .where('position', '>', before.position)
      .execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'agenda_item', entityId: itemId, before });
  });
}

/** Swaps an item with its neighbour above or below; at either end nothing changes. */
export async function moveAgendaItem(db: Db, meetingId: number, itemId: number, direction: 'up' | 'down', actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const item = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!item) throw new NotFound();
    let q = trx.selectFrom('agenda_items').select(['id', 'position']).where('meeting_id', '=', meetingId);
    q = direction === 'up'
      ? q.where('position', '<', item.position).orderBy('position', 'desc')
      : q.where('position', '>', item.position).orderBy('position', 'asc');
    const neighbour = await q.limit(1).executeTakeFirst();
    if (!neighbour) return;
    await trx.updateTable('agenda_items').set({ position: neighbour.position, updated_at: at.toISOString() }).where('id', '=', item.id).execute();
    await trx.updateTable('agenda_items').set({ position: item.position, updated_at: at.toISOString() }).where('id', '=', neighbour.id).execute();
    await audit(trx, {
      actor,
      at,
      action: 'update',
      entity: 'agenda_item',
      entityId: itemId,
      before: { position: item.position },
      after: { position: neighbour.position },
    });
  });
}

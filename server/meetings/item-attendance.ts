// Attendance for one agenda item: a participant absent for it ("forlod mødet under punkt 4"), a
// participant who is inhabil, or a guest who took part in that item only. Part of the meeting's
// content, so only while the minutes are a draft.
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { ItemAttendanceKind } from '../db/schema';
import { Invalid, NotFound } from '../web/errors';
import { assertMeetingEditable } from './lock';

export const ITEM_ATTENDANCE_LABELS: Record<ItemAttendanceKind, string> = {
  fravaerende: 'Fraværende under punktet',
  inhabil: 'Inhabil',
  gaest: 'Gæst under punktet',
};

export interface ItemAttendanceInput {
  person_id: number;
  kind: ItemAttendanceKind;
  note: string;
}

export async function addItemAttendance(db: Db, meetingId: number, itemId: number, input: ItemAttendanceInput, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const item = await trx.selectFrom('agenda_items').select('id').where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!item) throw new NotFound();
    const person = await trx.selectFrom('people').select('id').where('id', '=', input.person_id).executeTakeFirst();
    if (!person) throw new Invalid({ person_id: 'Vælg en person fra listen' });
    const participant = await trx.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', meetingId).where('person_id', '=', input.person_id).executeTakeFirst();
    // Absent or inhabil for an item is said of a participant; a guest is someone who was not invited.
    if (input.kind !== 'gaest' && !participant) throw new Invalid({ person_id: 'Kun en af mødets deltagere kan være fraværende eller inhabil under et punkt' });
    if (input.kind === 'gaest' && participant) throw new Invalid({ person_id: 'En af mødets deltagere kan ikke være gæst. Vælg en, der ikke er inviteret' });
    const taken = await trx.selectFrom('item_attendance').select('id').where('agenda_item_id', '=', itemId).where('person_id', '=', input.person_id).executeTakeFirst();
    if (taken) throw new Invalid({ person_id: 'Personen er allerede noteret under punktet' });
    const row = { agenda_item_id: itemId, person_id: input.person_id, kind: input.kind, note: input.note };
    const { id } = await trx.insertInto('item_attendance').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'item_attendance', entityId: id, after: row });
    return id;
  });
}

export async function removeItemAttendance(db: Db, meetingId: number, rowId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const before = await trx
      .selectFrom('item_attendance')
      .innerJoin('agenda_items', 'agenda_items.id', 'item_attendance.agenda_item_id')
      .selectAll('item_attendance')
      .where('item_attendance.id', '=', rowId)
      .where('agenda_items.meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!before) throw new NotFound();
    await trx.deleteFrom('item_attendance').where('id', '=', rowId).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'item_attendance', entityId: rowId, before });
  });
}

/** A meeting's item attendance, one query, in item order. */
export function itemAttendanceOf(db: Db, meetingId: number) {
  return db
    .selectFrom('item_attendance')
    .innerJoin('agenda_items', 'agenda_items.id', 'item_attendance.agenda_item_id')
    .innerJoin('people', 'people.id', 'item_attendance.person_id')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select(['item_attendance.id', 'item_attendance.agenda_item_id', 'item_attendance.kind', 'item_attendance.note', 'people.id as person_id', 'people.name', 'organisations.name as organisation_name'])
    .where('agenda_items.meeting_id', '=', meetingId)
    .orderBy('agenda_items.position')
    .orderBy('item_attendance.id')
    .execute();
}

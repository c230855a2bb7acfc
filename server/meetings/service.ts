// Meetings: plan, change, cancel, hold; invitations and attendance; the short evaluation.
// Every write is one transaction with its audit entry.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Attendance, Database } from '../db/schema';
import { carryOverOpenActions } from '../actions/service';
import { Conflict, Invalid, NotFound } from '../web/errors';
import { formatCount } from '../web/format';
import { copenhagenToUtc } from '../web/time';
import { assertMeetingEditable } from './lock';
import type { MeetingForm } from './schemas';
import { MEETING_TEXTS as M } from './messages';

export const FOLLOW_UP_TITLE = 'Opfølgning fra sidste møde';

async function assertPeopleExist(trx: Kysely<Database>, form: MeetingForm) {
  const partnership = await trx.selectFrom('partnerships').select('id').where('id', '=', form.partnership_id).executeTakeFirst();
  if (!partnership) throw new Invalid({ partnership_id: 'Vælg et partnerskab fra listen' });
  const named = { convener_id: form.convener_id, chair_id: form.chair_id, minute_taker_id: form.minute_taker_id };
  const ids = [...new Set([...form.participant_ids, ...Object.values(named).filter((v): v is number => !!v)])];
  if (ids.length === 0) return;
  const found = new Set((await trx.selectFrom('people').select('id').where('id', 'in', ids).execute()).map((p) => p.id));
  for (const [field, id] of Object.entries(named)) if (id && !found.has(id)) throw new Invalid({ [field]: 'Vælg en person fra listen' });
  if (form.participant_ids.some((id) => !found.has(id))) throw new Invalid({ participant_ids: 'Vælg deltagere fra listen' });
}

function meetingColumns(form: MeetingForm) {
  return {
    partnership_id: form.partnership_id,
    title: form.title,
    kind: form.kind,
    starts_at: copenhagenToUtc(form.day, form.start_time).toISOString(),
    ends_at: copenhagenToUtc(form.day, form.end_time).toISOString(),
    place: form.place,
    convener_id: form.convener_id,
    chair_id: form.chair_id,
    minute_taker_id: form.minute_taker_id,
  };
}

/** The people a new partnership meeting proposes to invite: its representatives and conveners. */
export async function proposedParticipants(db: Db, partnershipId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('partnership_members')
    .innerJoin('people', 'people.id', 'partnership_members.person_id')
    .select('people.id')
    .where('partnership_members.partnership_id', '=', partnershipId)
    .where('people.active', '=', 1)
    .where((eb) => eb.or([eb('partnership_members.is_representative', '=', 1), eb('partnership_members.convenes_meetings', '=', 1)]))
    .execute();
  return rows.map((r) => r.id);
}

/** The person who convenes the partnership's meetings by default (the consultant first). */
export async function defaultConvener(db: Db, partnershipId: number): Promise<number | null> {
  const row = await db
    .selectFrom('partnership_members')
    .innerJoin('people', 'people.id', 'partnership_members.person_id')
    .select('people.id')
    .where('partnership_members.partnership_id', '=', partnershipId)
    .where('partnership_members.convenes_meetings', '=', 1)
    .orderBy(
      (eb) => eb.case().when('people.position', '=', 'konsulent').then(0).else(1).end(),
    )
    .orderBy('people.id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Creates a meeting with its invitations. A partnership meeting, and any meeting when the
 * partnership has open actions, starts with the item "Opfølgning fra sidste møde" listing them.
 */
export async function createMeeting(db: Db, form: MeetingForm, actor: Actor, at: Date): Promise<number> {
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    await assertPeopleExist(trx, form);
    const row = { ...meetingColumns(form), status: 'planlagt' as const, sequence: 0, evaluation_note: '', created_at: now, updated_at: now };
    const { id } = await trx.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow();
    if (form.participant_ids.length) {
      await trx
        .insertInto('meeting_participants')
        .values([...new Set(form.participant_ids)].map((person_id) => ({ meeting_id: id, person_id, attendance: 'inviteret' as const })))
        .execute();
    }
    await audit(trx, { actor, at, action: 'create', entity: 'meeting', entityId: id, after: { ...row, participant_ids: form.participant_ids } });

    const item = {
      meeting_id: id,
      position: 1,
      kind: 'orientering' as const,
      title: FOLLOW_UP_TITLE,
      background: '',
      discussion: '',
      decision: '',
      created_at: now,
      updated_at: now,
    };
    const { id: itemId } = await trx.insertInto('agenda_items').values(item).returning('id').executeTakeFirstOrThrow();
    const carried = await carryOverOpenActions(trx, form.partnership_id, itemId, id);
    if (carried.length === 0 && form.kind !== 'partnerskabsmoede') {
      await trx.deleteFrom('agenda_items').where('id', '=', itemId).execute();
      return id;
    }
    const background = carried.length
      ? `Status på partnerskabets ${formatCount(carried.length, 'åbne opfølgningspunkt', 'åbne opfølgningspunkter')} fra tidligere møder (listet nedenfor).`
      : 'Der var ingen åbne opfølgningspunkter fra tidligere møder, da mødet blev oprettet.';
    await trx.updateTable('agenda_items').set({ background }).where('id', '=', itemId).execute();
    await audit(trx, {
      actor,
      at,
      action: 'create',
      entity: 'agenda_item',
      entityId: itemId,
      after: { ...item, background, carried_over_action_ids: carried.map((a) => a.id) },
    });
    return id;
  });
}

async function loadMeeting(trx: Kysely<Database>, id: number) {
  const meeting = await trx.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!meeting) throw new NotFound();
  return meeting;
}

/** Saves the meeting form; the invitation list becomes exactly the people ticked. */
export async function updateMeeting(db: Db, id: number, form: MeetingForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, id);
    await assertMeetingEditable(trx, id);
    await assertPeopleExist(trx, form);
    const set = { ...meetingColumns(form), sequence: before.sequence + 1, updated_at: at.toISOString() };
    await trx.updateTable('meetings').set(set).where('id', '=', id).execute();

    const current = await trx.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', id).execute();
    const wanted = new Set(form.participant_ids);
    const have = new Set(current.map((p) => p.person_id));
    const removed = [...have].filter((p) => !wanted.has(p));
    const added = [...wanted].filter((p) => !have.has(p));
    if (removed.length) await trx.deleteFrom('meeting_participants').where('meeting_id', '=', id).where('person_id', 'in', removed).execute();
    if (added.length) {
      await trx
        .insertInto('meeting_participants')
        .values(added.map((person_id) => ({ meeting_id: id, person_id, attendance: 'inviteret' as const })))
        .execute();
    }
    await audit(trx, {
      actor,
      at,
      action: 'update',
      entity: 'meeting',
      entityId: id,
      before: { ...before, participant_ids: [...have] },
      after: { ...before, ...set, participant_ids: form.participant_ids },
    });
  });
}

export async function cancelMeeting(db: Db, id: number, reason: string, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, id);
    if (before.status !== 'planlagt') throw new Conflict(M.onlyPlannedCancelled, `/meetings/${id}`);
    const set = { status: 'aflyst' as const, cancel_reason: reason, sequence: before.sequence + 1, updated_at: at.toISOString() };
    await trx.updateTable('meetings').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'meeting', entityId: id, before, after: { ...before, ...set } });
  });
}

/** More than a day ahead of now: marking such a meeting as held needs a confirmation. */
export function isFarAhead(startsAt: string, now: Date): boolean {
  return new Date(startsAt).getTime() - now.getTime() > 24 * 60 * 60 * 1000;
}

export async function markHeld(db: Db, id: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, id);
    if (before.status !== 'planlagt') throw new Conflict(M.onlyPlannedHeld, `/meetings/${id}`);
    const set = { status: 'afholdt' as const, updated_at: at.toISOString() };
    await trx.updateTable('meetings').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'meeting', entityId: id, before, after: { ...before, ...set } });
  });
}

export async function invitePerson(db: Db, meetingId: number, personId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const meeting = await loadMeeting(trx, meetingId);
    await assertMeetingEditable(trx, meetingId);
    const person = await trx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw new NotFound(M.personNotFound);
    const already = await trx
      .selectFrom('meeting_participants')
      .select('person_id')
      .where('meeting_id', '=', meetingId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (already) return;
    const row = { meeting_id: meetingId, person_id: personId, attendance: 'inviteret' as const };
    await trx.insertInto('meeting_participants').values(row).execute();
    await trx.updateTable('meetings').set({ sequence: meeting.sequence + 1, updated_at: at.toISOString() }).where('id', '=', meetingId).execute();
    await audit(trx, { actor, at, action: 'create', entity: 'meeting_participant', entityId: `${meetingId}:${personId}`, after: row });
  });
}

export async function removeParticipant(db: Db, meetingId: number, personId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const meeting = await loadMeeting(trx, meetingId);
    await assertMeetingEditable(trx, meetingId);
    const before = await trx
      .selectFrom('meeting_participants')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (!before) throw new NotFound();
    await trx.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).where('person_id', '=', personId).execute();
    await trx.updateTable('meetings').set({ sequence: meeting.sequence + 1, updated_at: at.toISOString() }).where('id', '=', meetingId).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'meeting_participant', entityId: `${meetingId}:${personId}`, before });
  });
}

/** Records who attended, sent apologies (afbud) or did not show up (udeblev). */
export async function recordAttendance(db: Db, meetingId: number, attendance: Map<number, Attendance>, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await loadMeeting(trx, meetingId);
    await assertMeetingEditable(trx, meetingId);
    const before = await trx.selectFrom('meeting_participants').selectAll().where('meeting_id', '=', meetingId).execute();
    const changed = before.filter((p) => attendance.has(p.person_id) && attendance.get(p.person_id) !== p.attendance);
    for (const p of changed) {
      await trx
        .updateTable('meeting_participants')
        .set({ attendance: attendance.get(p.person_id)! })
        .where('meeting_id', '=', meetingId)
        .where('person_id', '=', p.person_id)
        .execute();
    }
    if (changed.length) {
      await audit(trx, {
        actor,
        at,
        action: 'update',
        entity: 'meeting_attendance',
        entityId: meetingId,
        before: Object.fromEntries(changed.map((p) => [p.person_id, p.attendance])),
        after: Object.fromEntries(changed.map((p) => [p.person_id, attendance.get(p.person_id)])),
      });
    }
  });
}

export interface Evaluation {
  evaluation_value: number;
  evaluation_led_to_action: boolean;
  evaluation_note: string;
}

/** The short evaluation after a held meeting: its value (1–5) and whether it led to action. */
export async function saveEvaluation(db: Db, meetingId: number, e: Evaluation, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, meetingId);
    if (before.status !== 'afholdt') throw new Conflict(M.evaluateWhenHeld, `/meetings/${meetingId}`);
    const set = {
      evaluation_value: e.evaluation_value,
      evaluation_led_to_action: e.evaluation_led_to_action ? 1 : 0,
      evaluation_note: e.evaluation_note,
      updated_at: at.toISOString(),
    };
    await trx.updateTable('meetings').set(set).where('id', '=', meetingId).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'meeting', entityId: meetingId, before, after: { ...before, ...set } });
  });
}

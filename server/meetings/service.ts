// Meetings: plan, change, cancel, hold; invitations and attendance; the short evaluation.
// Every write is one transaction with its audit entry.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Attendance, Database } from '../db/schema';
import { standardItemsOf } from '../partnerships/service';
import { Conflict, NotFound } from '../web/errors';
import { assertMeetingEditable } from './lock';
import { assertPeopleExist, insertMeeting, meetingColumns } from './create';
import { planNextInSeries } from './series';
import { markAgendaRevised } from './agenda';
import type { MeetingForm } from './schemas';
import { MEETING_TEXTS as M } from './messages';
import { notifyInvited, notifyMeetingCancelled, notifyMeetingEdited, notifyMeetingPlanned, notifyRemoved, type Notifier } from '../notifications/service';

export { defaultConvener, FOLLOW_UP_TITLE, proposedParticipants } from './create';

/**
 * Creates a meeting with its invitations and agenda (create.ts): the follow-up item with the open
 * actions, and the partnership's standard items when the form asks for them. With a notifier,
 * each participant is mailed the invitation.
 */
export async function createMeeting(db: Db, form: MeetingForm, actor: Actor, at: Date, options: { useStandardItems?: boolean; notifier?: Notifier } = {}): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const standardItems = options.useStandardItems ? await standardItemsOf(trx, form.partnership_id) : undefined;
    const id = await insertMeeting(trx, form, actor, at, { standardItems });
    await notifyMeetingPlanned(trx, options.notifier, id, at);
    return id;
  });
}

async function loadMeeting(trx: Kysely<Database>, id: number) {
  const meeting = await trx.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!meeting) throw new NotFound();
  return meeting;
}

/**
 * Saves the meeting form; the invitation list becomes exactly the people ticked. With a notifier,
 * those added are invited, those removed get a cancellation, and a new time or place is sent to
 * the rest as an updated invitation.
 */
export async function updateMeeting(db: Db, id: number, form: MeetingForm, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, id);
    await assertMeetingEditable(trx, id);
    await assertPeopleExist(trx, form);
    const set = { ...meetingColumns(form), sequence: before.sequence + 1, updated_at: at.toISOString() };
    await trx.updateTable('meetings').set(set).where('id', '=', id).execute();
    // A released agenda names the title, time and place: a change to them revises it.
    const moved = before.title !== set.title || before.starts_at !== set.starts_at || before.ends_at !== set.ends_at || before.place !== set.place;
    if (moved) await markAgendaRevised(trx, id, at);

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
    await notifyMeetingEdited(trx, notifier, id, { added, removed, moved }, at);
  });
}

export async function cancelMeeting(db: Db, id: number, reason: string, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, id);
    if (before.status !== 'planlagt') throw new Conflict(M.onlyPlannedCancelled, `/meetings/${id}`);
    const set = { status: 'aflyst' as const, cancel_reason: reason, sequence: before.sequence + 1, updated_at: at.toISOString() };
    await trx.updateTable('meetings').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'meeting', entityId: id, before, after: { ...before, ...set } });
    await notifyMeetingCancelled(trx, notifier, id, at);
    // "Aflys denne": only this occurrence; the series still plans the one after it.
    const next = before.series_id ? await planNextInSeries(trx, before.series_id, { ...before, ...set }, actor, at) : null;
    if (next) await notifyMeetingPlanned(trx, notifier, next.id, at);
  });
}

/** More than a day ahead of now: marking such a meeting as held needs a confirmation. */
export function isFarAhead(startsAt: string, now: Date): boolean {
  return new Date(startsAt).getTime() - now.getTime() > 24 * 60 * 60 * 1000;
}

export async function markHeld(db: Db, id: number, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, id);
    if (before.status !== 'planlagt') throw new Conflict(M.onlyPlannedHeld, `/meetings/${id}`);
    const set = { status: 'afholdt' as const, updated_at: at.toISOString() };
    await trx.updateTable('meetings').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'meeting', entityId: id, before, after: { ...before, ...set } });
    const next = before.series_id ? await planNextInSeries(trx, before.series_id, { ...before, ...set }, actor, at) : null;
    if (next) await notifyMeetingPlanned(trx, notifier, next.id, at);
  });
}

export async function invitePerson(db: Db, meetingId: number, personId: number, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
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
    await notifyInvited(trx, notifier, meetingId, [personId], at);
  });
}

export async function removeParticipant(db: Db, meetingId: number, personId: number, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
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
    await notifyRemoved(trx, notifier, meetingId, personId, at);
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

/** Deadlines the overview warns the consultant of. */
export { deadlinesToWatch, type Deadline } from './deadlines';
/** The referat as its files show it (for the open-data export's File: the public version). */
export { referatForExport } from './minutes';

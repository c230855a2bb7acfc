// Meeting series: every N weeks on a weekday, or the nth weekday of each month, at a Copenhagen
// wall-clock time, until an end date or for a count of meetings. A partnership has at most one;
// setting it up makes the partnership's cadence text describe it. The series plans its next
// meeting when it is set up, when one of its meetings is held, and when one is cancelled
// ("Aflys denne") — each time only if none is planned after it and the series has not ended.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Database } from '../db/schema';
import { setMeetingCadence } from '../partnerships/service';
import { NotFound } from '../web/errors';
import { utcToCopenhagen } from '../web/time';
import { planFollowingMeeting } from './planning';
import { addDays, describeSeries, isPastEnd, occurrenceOnOrAfter } from './series-rule';
import type { SeriesForm } from './planning-schemas';
import { notifyMeetingPlanned, type Notifier } from '../notifications/service';

type Trx = Kysely<Database>;

/** What the cadence says again when the series is removed. */
export const CADENCE_WITHOUT_SERIES = 'aftales nærmere';

export function seriesOfPartnership(db: Db, partnershipId: number) {
  return db.selectFrom('meeting_series').selectAll().where('partnership_id', '=', partnershipId).executeTakeFirst();
}

export type Series = NonNullable<Awaited<ReturnType<typeof seriesOfPartnership>>>;

function seriesColumns(form: SeriesForm) {
  return {
    title: form.title,
    kind: form.kind,
    rule: form.rule,
    interval_weeks: form.rule === 'weeks' ? form.interval_weeks : null,
    nth: form.rule === 'monthly' ? form.nth : null,
    weekday: form.weekday,
    start_time: form.start_time,
    end_time: form.end_time,
    place: form.place,
    first_day: form.first_day,
    end_day: form.end_day,
    max_count: form.max_count,
  };
}

/**
 * Plans the series' next meeting after `after` (the meeting just held or cancelled; null: after
 * now), unless one is planned after it or the series has ended. The next day is the first the
 * rule gives after the series' latest meeting and not before today; a cancelled meeting counts
 * towards the series' count, as in a calendar. Returns the new meeting, or null.
 */
export async function planNextInSeries(
  trx: Trx,
  seriesId: number,
  after: { id: number; starts_at: string } | null,
  actor: Actor,
  at: Date,
): Promise<{ id: number; day: string } | null> {
  const series = await trx.selectFrom('meeting_series').selectAll().where('id', '=', seriesId).executeTakeFirst();
  if (!series) return null;
  const meetings = await trx.selectFrom('meetings').selectAll().where('series_id', '=', seriesId).orderBy('starts_at').orderBy('id').execute();
  const since = after?.starts_at ?? at.toISOString();
  if (meetings.some((m) => m.status === 'planlagt' && m.starts_at > since)) return null;

  const today = utcToCopenhagen(at).day;
  const latest = meetings.at(-1) ?? null;
  const dayAfterLatest = latest ? addDays(utcToCopenhagen(latest.starts_at).day, 1) : today;
  const day = occurrenceOnOrAfter(series, dayAfterLatest > today ? dayAfterLatest : today);
  if (isPastEnd(series, day, meetings.length)) return null;

  const model = (after && meetings.find((m) => m.id === after.id)) ?? latest;
  const id = await planFollowingMeeting(
    trx,
    series.partnership_id,
    model,
    { title: series.title, kind: series.kind, day, start_time: series.start_time, end_time: series.end_time, place: series.place, seriesId },
    actor,
    at,
  );
  return { id, day };
}

/**
 * Sets up or changes the partnership's series; its cadence text then describes it. A new series
 * takes in the partnership's planned meetings of its kind that fall on its days. Meetings already
 * planned keep their time; the series plans its next meeting if none is planned.
 */
export async function saveSeries(db: Db, partnershipId: number, form: SeriesForm, actor: Actor, at: Date, notifier?: Notifier): Promise<{ seriesId: number; planned: { id: number; day: string } | null }> {
  return db.transaction().execute(async (trx) => {
    const partnership = await trx.selectFrom('partnerships').select('id').where('id', '=', partnershipId).executeTakeFirst();
    if (!partnership) throw new NotFound();
    const before = await trx.selectFrom('meeting_series').selectAll().where('partnership_id', '=', partnershipId).executeTakeFirst();
    const now = at.toISOString();
    const columns = seriesColumns(form);
    let seriesId: number;
    if (before) {
      seriesId = before.id;
      const set = { ...columns, updated_at: now };
      await trx.updateTable('meeting_series').set(set).where('id', '=', seriesId).execute();
      await audit(trx, { actor, at, action: 'update', entity: 'meeting_series', entityId: seriesId, before, after: { ...before, ...set } });
    } else {
      const row = { partnership_id: partnershipId, ...columns, created_at: now, updated_at: now };
      seriesId = (await trx.insertInto('meeting_series').values(row).returning('id').executeTakeFirstOrThrow()).id;
      await audit(trx, { actor, at, action: 'create', entity: 'meeting_series', entityId: seriesId, after: row });
      await adoptPlannedMeetings(trx, seriesId, partnershipId, form, actor, at);
    }
    await setMeetingCadence(trx, partnershipId, describeSeries(columns), actor, at);
    const planned = await planNextInSeries(trx, seriesId, null, actor, at);
    if (planned) await notifyMeetingPlanned(trx, notifier, planned.id, at);
    return { seriesId, planned };
  });
}

/** The partnership's planned meetings of the series' kind on the series' days join it. */
async function adoptPlannedMeetings(trx: Trx, seriesId: number, partnershipId: number, form: SeriesForm, actor: Actor, at: Date) {
  const planned = await trx
    .selectFrom('meetings')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('kind', '=', form.kind)
    .where('status', '=', 'planlagt')
    .where('series_id', 'is', null)
    .where('starts_at', '>=', at.toISOString())
    .execute();
  const rule = seriesColumns(form);
  for (const meeting of planned) {
    const day = utcToCopenhagen(meeting.starts_at).day;
    if (occurrenceOnOrAfter(rule, day) !== day) continue;
    const set = { series_id: seriesId, updated_at: at.toISOString() };
    await trx.updateTable('meetings').set(set).where('id', '=', meeting.id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'meeting', entityId: meeting.id, before: meeting, after: { ...meeting, ...set } });
  }
}

/** Ends the series: its meetings stay (planned ones too) but no longer belong to it. */
export async function removeSeries(db: Db, partnershipId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('meeting_series').selectAll().where('partnership_id', '=', partnershipId).executeTakeFirst();
    if (!before) throw new NotFound();
    const meetings = await trx.selectFrom('meetings').select('id').where('series_id', '=', before.id).execute();
    await trx.updateTable('meetings').set({ series_id: null, updated_at: at.toISOString() }).where('series_id', '=', before.id).execute();
    await trx.deleteFrom('meeting_series').where('id', '=', before.id).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'meeting_series', entityId: before.id, before: { ...before, meeting_ids: meetings.map((m) => m.id) } });
    await setMeetingCadence(trx, partnershipId, CADENCE_WITHOUT_SERIES, actor, at);
  });
}

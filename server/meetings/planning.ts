// "Planlæg næste møde": the next meeting of a partnership made from one of its meetings — the
// same participants and roles, the standard items, the open actions, and the items postponed
// (udsat) at this meeting continued there with a link back. Also moving postponed items to a
// next meeting that already exists, and the default day, time and place the form offers.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Database, MeetingKind } from '../db/schema';
import { standardItemsOf } from '../partnerships/service';
import { Conflict, NotFound } from '../web/errors';
import { formatDay } from '../web/format';
import { utcToCopenhagen } from '../web/time';
import { assertMeetingEditable } from './lock';
import { continuePostponedItem, defaultConvener, insertMeeting, proposedParticipants, type PostponedItem } from './create';
import { addDays, danishDate, isPastEnd, occurrenceOnOrAfter, weeksFromCadence } from './series-rule';
import { PLANNING_TEXTS as P } from './messages';
import { notifyMeetingPlanned, type Notifier } from '../notifications/service';
import { reviewAgendaItem } from '../reviews/service';

/** Weeks to the next meeting when neither a series nor the partnership's cadence says. */
export const DEFAULT_WEEKS = 4;

type Trx = Kysely<Database>;

interface SourceMeeting {
  id: number;
  partnership_id: number;
  kind: MeetingKind;
  starts_at: string;
  status: string;
  series_id: number | null;
}

async function loadMeeting(trx: Trx, id: number) {
  const meeting = await trx.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!meeting) throw new NotFound();
  return meeting;
}

/**
 * The next planned meeting after this one: in its series, or else of the same partnership and
 * kind. Null when there is none yet.
 */
export function nextPlannedMeeting(db: Trx, meeting: SourceMeeting) {
  let q = db.selectFrom('meetings').select(['id', 'title', 'starts_at', 'ends_at']).where('status', '=', 'planlagt').where('starts_at', '>', meeting.starts_at).where('id', '!=', meeting.id);
  q = meeting.series_id ? q.where('series_id', '=', meeting.series_id) : q.where('partnership_id', '=', meeting.partnership_id).where('kind', '=', meeting.kind);
  return q.orderBy('starts_at').orderBy('id').limit(1).executeTakeFirst();
}

/**
 * The postponed items of a meeting not yet continued on a later (not cancelled) meeting. Of a
 * cancelled meeting also the items that had been moved to it: they go on to the next one, still
 * linked to where they were postponed.
 */
export function postponedToMove(db: Trx, meeting: Pick<SourceMeeting, 'id' | 'status'>): Promise<PostponedItem[]> {
  return db
    .selectFrom('agenda_items as i')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .select(['i.id', 'i.title', 'i.kind', 'i.background', 'i.proposal', 'i.presenter_id', 'i.duration_minutes'])
    .where((eb) => {
      const own = eb.and([eb('i.meeting_id', '=', meeting.id), eb('i.postponed', '=', 1)]);
      if (meeting.status !== 'aflyst') return own;
      return eb.or([own, eb('i.id', 'in', eb.selectFrom('agenda_items').select('postponed_from_item_id').where('meeting_id', '=', meeting.id).where('postponed_from_item_id', 'is not', null).$narrowType<{ postponed_from_item_id: number }>())]);
    })
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('agenda_items as copy')
            .innerJoin('meetings as cm', 'cm.id', 'copy.meeting_id')
            .select('copy.id')
            .whereRef('copy.postponed_from_item_id', '=', 'i.id')
            .where('cm.status', '!=', 'aflyst'),
        ),
      ),
    )
    .orderBy('m.starts_at')
    .orderBy('i.position')
    .execute();
}

export interface NextMeetingDetails {
  title: string;
  day: string;
  start_time: string;
  end_time: string;
  place: string;
}

/** Whether a series takes a meeting on `day` (it has not ended by then), counting the ones it had. */
async function seriesTaking(trx: Trx, seriesId: number | null, day: string) {
  if (!seriesId) return null;
  const series = await trx.selectFrom('meeting_series').selectAll().where('id', '=', seriesId).executeTakeFirst();
  if (!series) return null;
  const { n } = await trx.selectFrom('meetings').select((eb) => eb.fn.countAll<number>().as('n')).where('series_id', '=', seriesId).executeTakeFirstOrThrow();
  return isPastEnd(series, day, Number(n)) ? null : series;
}

/**
 * What the form proposes: the series' next day, time and place when the meeting belongs to one
 * that has not ended; else the same weekday and time N weeks later (N from the partnership's
 * cadence, else 4), moved on by N weeks at a time until it is not in the past.
 */
export async function nextMeetingDefaults(db: Db, meetingId: number, now: Date): Promise<NextMeetingDetails> {
  const meeting = await loadMeeting(db, meetingId);
  const today = utcToCopenhagen(now).day;
  if (meeting.series_id) {
    const series = await db.selectFrom('meeting_series').selectAll().where('id', '=', meeting.series_id).executeTakeFirst();
    const held = await db.selectFrom('meetings').select('starts_at').where('series_id', '=', meeting.series_id).orderBy('starts_at', 'desc').execute();
    if (series && held.length) {
      const after = addDays(utcToCopenhagen(held[0].starts_at).day, 1);
      const day = occurrenceOnOrAfter(series, after > today ? after : today);
      if (!isPastEnd(series, day, held.length)) {
        return { title: series.title, day, start_time: series.start_time, end_time: series.end_time, place: series.place || meeting.place };
      }
    }
  }
  const partnership = await db.selectFrom('partnerships').select('meeting_cadence').where('id', '=', meeting.partnership_id).executeTakeFirstOrThrow();
  const weeks = weeksFromCadence(partnership.meeting_cadence) ?? DEFAULT_WEEKS;
  const start = utcToCopenhagen(meeting.starts_at);
  let day = addDays(start.day, 7 * weeks);
  while (day < today) day = addDays(day, 7 * weeks);
  return { title: meeting.title, day, start_time: start.time, end_time: utcToCopenhagen(meeting.ends_at).time, place: meeting.place };
}

/**
 * Makes the meeting that follows `model` (or, without one, the partnership's first): its
 * participants invited again, its convener, chair and minute taker, the standard items, the open
 * actions and the postponed items. Inside the caller's transaction.
 */
export async function planFollowingMeeting(
  trx: Trx,
  partnershipId: number,
  model: (SourceMeeting & { convener_id: number | null; chair_id: number | null; minute_taker_id: number | null }) | null,
  details: NextMeetingDetails & { kind: MeetingKind; seriesId: number | null },
  actor: Actor,
  at: Date,
): Promise<number> {
  const participants = model
    ? (await trx.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', model.id).execute()).map((p) => p.person_id)
    : await proposedParticipants(trx, partnershipId);
  const form = {
    partnership_id: partnershipId,
    title: details.title,
    kind: details.kind,
    day: details.day,
    start_time: details.start_time,
    end_time: details.end_time,
    place: details.place,
    convener_id: model ? model.convener_id : await defaultConvener(trx, partnershipId),
    chair_id: model?.chair_id ?? null,
    minute_taker_id: model?.minute_taker_id ?? null,
    participant_ids: participants,
  };
  return insertMeeting(trx, form, actor, at, {
    standardItems: await standardItemsOf(trx, partnershipId),
    postponed: model ? await postponedToMove(trx, model) : [],
    seriesId: details.seriesId,
    reviewItem: await reviewAgendaItem(trx, partnershipId, details.day),
  });
}

/** "Planlæg næste møde": refused when the next meeting is already planned (it is shown instead). */
export async function planNextMeeting(db: Db, meetingId: number, details: NextMeetingDetails, actor: Actor, at: Date, notifier?: Notifier): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const meeting = await loadMeeting(trx, meetingId);
    const next = await nextPlannedMeeting(trx, meeting);
    if (next) throw new Conflict(P.alreadyPlanned(formatDay(next.starts_at)), `/meetings/${meetingId}/plan-next`);
    const series = await seriesTaking(trx, meeting.series_id, details.day);
    const id = await planFollowingMeeting(trx, meeting.partnership_id, meeting, { ...details, kind: meeting.kind, seriesId: series?.id ?? null }, actor, at);
    await notifyMeetingPlanned(trx, notifier, id, at);
    return id;
  });
}

/**
 * Moves the meeting's postponed items, not yet moved, to the next planned meeting: before the
 * standard items that close its agenda ("Eventuelt", "Næste møde"), or last.
 */
export async function movePostponedToNext(db: Db, meetingId: number, actor: Actor, at: Date): Promise<{ nextId: number; moved: number }> {
  return db.transaction().execute(async (trx) => {
    const meeting = await loadMeeting(trx, meetingId);
    const back = `/meetings/${meetingId}/plan-next`;
    const next = await nextPlannedMeeting(trx, meeting);
    if (!next) throw new Conflict(P.noNextMeeting, back);
    const items = await postponedToMove(trx, meeting);
    if (items.length === 0) throw new Conflict(P.nothingToMove, back);
    await assertMeetingEditable(trx, next.id);

    const template = await standardItemsOf(trx, meeting.partnership_id);
    const followUpAt = template.findIndex((t) => t.follow_up);
    const closing = new Set(followUpAt >= 0 ? template.slice(followUpAt + 1).map((t) => t.title) : []);
    const agenda = await trx.selectFrom('agenda_items').select(['id', 'title', 'position']).where('meeting_id', '=', next.id).orderBy('position').orderBy('id').execute();
    let index = agenda.length;
    while (index > 0 && closing.has(agenda[index - 1].title)) index--;
    const position = index + 1;
    if (index < agenda.length) {
      await trx
        .updateTable('agenda_items')
        .set((eb) => ({ position: eb('position', '+', items.length) }))
        .where('meeting_id', '=', next.id)
        .where('position', '>=', position)
        .execute();
      await audit(trx, {
        actor,
        at,
        action: 'update',
        entity: 'agenda',
        entityId: next.id,
        before: { positions: agenda.map((a) => [a.id, a.position]) },
        after: { moved_down: agenda.slice(index).map((a) => a.id), by: items.length },
      });
    }
    for (const [i, item] of items.entries()) await continuePostponedItem(trx, next.id, position + i, item, actor, at);
    return { nextId: next.id, moved: items.length };
  });
}

/** For the agenda: where an item was postponed from, and where a postponed item went. */
export async function postponedLinksOf(db: Db, meetingId: number) {
  const [from, to] = await Promise.all([
    db
      .selectFrom('agenda_items as item')
      .innerJoin('agenda_items as origin', 'origin.id', 'item.postponed_from_item_id')
      .innerJoin('meetings as m', 'm.id', 'origin.meeting_id')
      .select(['item.id as item_id', 'origin.id as origin_id', 'm.id as meeting_id', 'm.starts_at'])
      .select((eb) => eb.selectFrom('agenda_items as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.meeting_id', '=', 'origin.meeting_id').whereRef('o.position', '<=', 'origin.position').as('number'))
      .where('item.meeting_id', '=', meetingId)
      .execute(),
    db
      .selectFrom('agenda_items as item')
      .innerJoin('agenda_items as copy', 'copy.postponed_from_item_id', 'item.id')
      .innerJoin('meetings as m', 'm.id', 'copy.meeting_id')
      .select(['item.id as item_id', 'copy.id as copy_id', 'm.id as meeting_id', 'm.starts_at'])
      .select((eb) => eb.selectFrom('agenda_items as o').select((e) => e.fn.countAll<number>().as('n')).whereRef('o.meeting_id', '=', 'copy.meeting_id').whereRef('o.position', '<=', 'copy.position').as('number'))
      .where('item.meeting_id', '=', meetingId)
      .where('m.status', '!=', 'aflyst')
      .orderBy('m.starts_at')
      .execute(),
  ]);
  const day = (instant: string) => danishDate(utcToCopenhagen(instant).day);
  return {
    from: new Map(from.map((r) => [r.item_id, { href: `/meetings/${r.meeting_id}#punkt-${r.origin_id}`, text: P.postponedFrom(day(r.starts_at), Number(r.number)) }])),
    to: new Map(to.map((r) => [r.item_id, { href: `/meetings/${r.meeting_id}#punkt-${r.copy_id}`, text: P.postponedTo(day(r.starts_at), Number(r.number)) }])),
  };
}

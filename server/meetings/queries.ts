// Reads of meetings: the list, one meeting with its people, agenda and minutes state.
import type { Db } from '../db/database';
import { containsText } from '../db/text-keys';
import { copenhagenYearBounds } from '../web/time';
import { peopleInTheWork } from '../people/service';
import type { MeetingFilter } from './schemas';

function filtered(db: Db, f: MeetingFilter) {
  let q = db.selectFrom('meetings');
  if (f.partnership_id) q = q.where('meetings.partnership_id', '=', f.partnership_id);
  if (f.kind) q = q.where('meetings.kind', '=', f.kind);
  if (f.status) q = q.where('meetings.status', '=', f.status);
  if (f.year) {
    const { from, to } = copenhagenYearBounds(f.year);
    q = q.where('meetings.starts_at', '>=', from).where('meetings.starts_at', '<', to);
  }
  return q;
}

function listColumns(db: Db, f: MeetingFilter) {
  return filtered(db, f)
    .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
    .leftJoin('minutes', 'minutes.meeting_id', 'meetings.id')
    .select([
      'meetings.id',
      'meetings.title',
      'meetings.kind',
      'meetings.status',
      'meetings.starts_at',
      'meetings.ends_at',
      'meetings.place',
      'partnerships.name as partnership_name',
      'minutes.status as minutes_status',
    ]);
}

/**
 * Upcoming meetings first (soonest first), then past meetings (newest first). Read as two
 * index-ordered slices rather than one sort of every meeting: the page is cut across the seam.
 */
export async function listMeetings(db: Db, f: MeetingFilter, now: string, limit: number, offset: number) {
  const upcomingCount = Number(
    (await filtered(db, f).where('meetings.starts_at', '>=', now).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const upcoming =
    offset < upcomingCount
      ? await listColumns(db, f).where('meetings.starts_at', '>=', now).orderBy('meetings.starts_at').orderBy('meetings.id').limit(limit).offset(offset).execute()
      : [];
  const room = limit - upcoming.length;
  if (room === 0) return upcoming;
  const past = await listColumns(db, f)
    .where('meetings.starts_at', '<', now)
    .orderBy('meetings.starts_at', 'desc')
    .orderBy('meetings.id', 'desc')
    .limit(room)
    .offset(Math.max(0, offset - upcomingCount))
    .execute();
  return [...upcoming, ...past];
}

export async function countMeetings(db: Db, f: MeetingFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function meetingYears(db: Db) {
  return db
    .selectFrom('meetings')
    .select((eb) => [eb.fn.min('starts_at').as('first'), eb.fn.max('starts_at').as('last')])
    .executeTakeFirst();
}

export function findMeeting(db: Db, id: number) {
  return db
    .selectFrom('meetings')
    .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
    .leftJoin('people as convener', 'convener.id', 'meetings.convener_id')
    .leftJoin('people as chair', 'chair.id', 'meetings.chair_id')
    .leftJoin('people as minute_taker', 'minute_taker.id', 'meetings.minute_taker_id')
    .selectAll('meetings')
    .select([
      'partnerships.name as partnership_name',
      'convener.name as convener_name',
      'chair.name as chair_name',
      'minute_taker.name as minute_taker_name',
    ])
    .where('meetings.id', '=', id)
    .executeTakeFirst();
}

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export function participantsOf(db: Db, meetingId: number) {
  return db
    .selectFrom('meeting_participants')
    .innerJoin('people', 'people.id', 'meeting_participants.person_id')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select([
      'people.id',
      'people.name',
      'people.title',
      'people.email',
      'people.organisation_id',
      'organisations.name as organisation_name',
      'meeting_participants.attendance',
      'meeting_participants.reply',
    ])
    .where('meeting_participants.meeting_id', '=', meetingId)
    .orderBy('organisations.sort_key')
    .orderBy('people.sort_key')
    .execute();
}

export type Participant = Awaited<ReturnType<typeof participantsOf>>[number];

/** The ids of a meeting's closed items (lukket punkt). */
export async function closedItemIds(db: Db, meetingId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).where('closed', '=', 1).execute();
  return new Set(rows.map((r) => r.id));
}

export function agendaOf(db: Db, meetingId: number) {
  return db
    .selectFrom('agenda_items')
    .leftJoin('people as presenter', 'presenter.id', 'agenda_items.presenter_id')
    .leftJoin('citizen_stories as msc', 'msc.id', 'agenda_items.msc_story_id')
    .selectAll('agenda_items')
    .select(['presenter.name as presenter_name', 'msc.story as msc_story'])
    .where('agenda_items.meeting_id', '=', meetingId)
    .orderBy('agenda_items.position')
    .orderBy('agenda_items.id')
    .execute();
}

/** The initiatives and dilemmas each agenda item of a meeting points at (two queries). */
export async function agendaLinksOf(db: Db, meetingId: number) {
  const [initiatives, dilemmas] = await Promise.all([
    db
      .selectFrom('agenda_item_initiatives')
      .innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_initiatives.agenda_item_id')
      .innerJoin('initiatives', 'initiatives.id', 'agenda_item_initiatives.initiative_id')
      .select(['agenda_item_initiatives.agenda_item_id', 'initiatives.id', 'initiatives.title'])
      .where('agenda_items.meeting_id', '=', meetingId)
      .orderBy('agenda_item_initiatives.agenda_item_id')
      .orderBy('initiatives.id') // a set order on both databases (PostgreSQL has no natural one)
      .execute(),
    db
      .selectFrom('agenda_item_dilemmas')
      .innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_dilemmas.agenda_item_id')
      .innerJoin('dilemmas', 'dilemmas.id', 'agenda_item_dilemmas.dilemma_id')
      .select(['agenda_item_dilemmas.agenda_item_id', 'dilemmas.id', 'dilemmas.title'])
      .where('agenda_items.meeting_id', '=', meetingId)
      .orderBy('agenda_item_dilemmas.agenda_item_id')
      .orderBy('dilemmas.id')
      .execute(),
  ]);
  return { initiatives, dilemmas };
}

export type AgendaItem = Awaited<ReturnType<typeof agendaOf>>[number];

/** The initiatives an agenda item of this meeting is linked to (ids only). */
export async function initiativesOfAgendaItem(db: Db, meetingId: number, itemId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('agenda_item_initiatives')
    .innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_initiatives.agenda_item_id')
    .select('agenda_item_initiatives.initiative_id')
    .where('agenda_items.id', '=', itemId)
    .where('agenda_items.meeting_id', '=', meetingId)
    .execute();
  return rows.map((r) => r.initiative_id);
}

export function findAgendaItem(db: Db, meetingId: number, itemId: number) {
  return db.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** The people a meeting form offers: the partnership's members and anyone already invited. */
export function peopleForMeeting(db: Db, partnershipId: number | null, meetingId: number | null) {
  return db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select(['people.id', 'people.name', 'organisations.name as organisation_name'])
    .where((eb) =>
      eb.or([
        eb('people.id', 'in', eb.selectFrom('partnership_members').select('person_id').where('partnership_id', '=', partnershipId ?? -1)),
        eb('people.id', 'in', eb.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', meetingId ?? -1)),
      ]),
    )
    .orderBy('organisations.sort_key')
    .orderBy('people.sort_key')
    .execute();
}

/** People to invite, found by name (the invite search on the meeting page): those in the work. */
export function searchPeopleToInvite(db: Db, meetingId: number, text: string, limit = 20) {
  return peopleInTheWork(db)
    .select('people.title')
    .where(containsText('people.search_key', text))
    .where('people.id', 'not in', (eb) => eb.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', meetingId))
    .orderBy('people.sort_key')
    .limit(limit)
    .execute();
}

// Reads for the status report and the overview charts: each a grouped query over a period,
// never a query per row. Periods are Copenhagen days (YYYY-MM-DD); instants compare as UTC text.
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { OPEN_STATUSES, withoutDueDate } from '../actions/service';
import { copenhagenToUtc } from '../web/time';

export interface Period {
  from: string;
  to: string;
}

/** The UTC bounds of a period of Copenhagen days, end inclusive. */
export function instantBounds(p: Period): { from: string; to: string } {
  const end = new Date(`${p.to}T12:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: copenhagenToUtc(p.from, '00:00').toISOString(), to: copenhagenToUtc(end.toISOString().slice(0, 10), '00:00').toISOString() };
}

export function meetingsHeld(db: Db, p: Period) {
  const b = instantBounds(p);
  return db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at', 'ends_at', 'kind', 'evaluation_value', 'evaluation_led_to_action'])
    .where('status', '=', 'afholdt')
    .where('starts_at', '>=', b.from)
    .where('starts_at', '<', b.to)
    .orderBy('starts_at')
    .execute();
}

export function decisionsOf(db: Db, meetingIds: number[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agenda_items')
    .select(['meeting_id', 'position', 'title', 'decision'])
    .where('meeting_id', 'in', meetingIds)
    .where('decision', '!=', '')
    .orderBy('meeting_id')
    .orderBy('position')
    .execute();
}

export function statusChanges(db: Db, p: Period) {
  const b = instantBounds(p);
  return db
    .selectFrom('initiative_status_log')
    .innerJoin('initiatives', 'initiatives.id', 'initiative_status_log.initiative_id')
    .select([
      'initiatives.id',
      'initiatives.title',
      'initiatives.kind',
      'initiative_status_log.from_status',
      'initiative_status_log.to_status',
      'initiative_status_log.reason',
      'initiative_status_log.at',
    ])
    .where('initiative_status_log.at', '>=', b.from)
    .where('initiative_status_log.at', '<', b.to)
    .where('initiative_status_log.from_status', 'is not', null)
    .orderBy('initiative_status_log.at')
    .execute();
}

export function measurementsIn(db: Db, p: Period) {
  return db
    .selectFrom('effect_measurements')
    .innerJoin('effect_measures', 'effect_measures.id', 'effect_measurements.effect_measure_id')
    .innerJoin('initiatives', 'initiatives.id', 'effect_measures.initiative_id')
    .select([
      'initiatives.id as initiative_id',
      'initiatives.title as initiative_title',
      'effect_measures.indicator',
      'effect_measures.unit',
      'effect_measures.baseline',
      'effect_measures.target',
      'effect_measurements.date',
      'effect_measurements.value',
    ])
    .where('effect_measurements.date', '>=', p.from)
    .where('effect_measurements.date', '<=', p.to)
    .orderBy('initiatives.title')
    .orderBy('effect_measurements.date')
    .execute();
}

export function learningsIn(db: Db, p: Period) {
  return db
    .selectFrom('learnings')
    .select(['id', 'title', 'date', 'outcome', 'what_next'])
    .where('date', '>=', p.from)
    .where('date', '<=', p.to)
    .orderBy('date')
    .execute();
}

export function roleEvidenceCounts(db: Db, p: Period) {
  return db
    .selectFrom('roles')
    .leftJoin('role_evidence', (join) =>
      join.onRef('role_evidence.role_key', '=', 'roles.key').on('role_evidence.date', '>=', p.from).on('role_evidence.date', '<=', p.to),
    )
    .select((eb) => ['roles.key', 'roles.name', 'roles.kind', 'roles.retired', eb.fn.count<number>('role_evidence.id').as('n')])
    .groupBy(['roles.key', 'roles.name', 'roles.kind', 'roles.retired', 'roles.sort_order'])
    .orderBy('roles.sort_order')
    .execute();
}

/** FeF items decided in the period (at a meeting in the period, or changed in it) by decision. */
export function fefDecisions(db: Db, p: Period) {
  const b = instantBounds(p);
  return db
    .selectFrom('fef_items')
    .leftJoin('meetings', 'meetings.id', 'fef_items.decided_meeting_id')
    .select(['fef_items.id', 'fef_items.title', 'fef_items.decision', 'fef_items.hours_saved_per_month', 'meetings.title as meeting_title', 'meetings.starts_at'])
    .where('fef_items.decision', '!=', 'afventer')
    .where((eb) =>
      eb.or([
        eb.and([eb('meetings.starts_at', '>=', b.from), eb('meetings.starts_at', '<', b.to)]),
        eb.and([eb('fef_items.decided_meeting_id', 'is', null), eb('fef_items.updated_at', '>=', b.from), eb('fef_items.updated_at', '<', b.to)]),
      ]),
    )
    .orderBy('fef_items.decision')
    .orderBy('fef_items.title')
    .execute();
}

/**
 * Actions open at the end of the period (the Copenhagen day `day`): made before it ended and not
 * closed by then, even if closed since. Overdue when their due date is before that day.
 */
function openAtEndOf(db: Db, day: string) {
  const end = instantBounds({ from: day, to: day }).to;
  return db
    .selectFrom('actions')
    .where('actions.created_at', '<', end)
    .where((eb) => eb.or([eb('actions.status', 'in', OPEN_STATUSES), eb('actions.completed_at', '>=', end)]));
}

export function openActionsAt(db: Db, day: string, limit = 200) {
  return openAtEndOf(db, day)
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .leftJoin('people as owner', 'owner.id', 'actions.owner_id')
    .select(['actions.id', 'actions.text', 'actions.due_date', 'actions.status', 'actions.completed_at', 'owner.name as owner_name', 'meetings.id as meeting_id', 'meetings.title as meeting_title'])
    .orderBy(withoutDueDate)
    .orderBy('actions.due_date')
    .orderBy('actions.id')
    .limit(limit)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, overdue: !!r.due_date && r.due_date < day })));
}

export async function countOpenActions(db: Db, day: string): Promise<{ open: number; overdue: number }> {
  const row = await openAtEndOf(db, day)
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('actions.due_date', '<', day).then(1).else(0).end()).as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), overdue: Number(row.overdue ?? 0) };
}

/** Attendance per party organisation at meetings held in the period. */
export function attendanceByParty(db: Db, p: Period) {
  const b = instantBounds(p);
  return db
    .selectFrom('meeting_participants')
    .innerJoin('meetings', 'meetings.id', 'meeting_participants.meeting_id')
    .innerJoin('people', 'people.id', 'meeting_participants.person_id')
    .innerJoin('partnership_parties', (join) =>
      join.onRef('partnership_parties.partnership_id', '=', 'meetings.partnership_id').onRef('partnership_parties.organisation_id', '=', 'people.organisation_id'),
    )
    .innerJoin('organisations', 'organisations.id', 'partnership_parties.organisation_id')
    .select((eb) => [
      'organisations.name',
      'meeting_participants.attendance',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('meetings.status', '=', 'afholdt')
    .where('meetings.starts_at', '>=', b.from)
    .where('meetings.starts_at', '<', b.to)
    .groupBy(['organisations.name', 'meeting_participants.attendance'])
    .orderBy('organisations.name')
    .execute();
}

/** Initiatives by status per core task (an initiative with two core tasks counts in both). */
export function initiativesByStatusAndTask(db: Db) {
  return db
    .selectFrom('initiatives')
    .innerJoin('initiative_kerneopgaver', 'initiative_kerneopgaver.initiative_id', 'initiatives.id')
    .innerJoin('kerneopgaver', 'kerneopgaver.key', 'initiative_kerneopgaver.kerneopgave_key')
    .select((eb) => ['kerneopgaver.key', 'kerneopgaver.name', 'initiatives.status', eb.fn.countAll<number>().as('n')])
    .groupBy(['kerneopgaver.key', 'kerneopgaver.name', 'kerneopgaver.sort_order', 'initiatives.status'])
    .orderBy('kerneopgaver.sort_order')
    .execute();
}

/** Role evidence per role per quarter since a day; quarters from the date text (portable SQL). */
export function roleEvidenceByQuarter(db: Db, since: string) {
  const quarter = sql<string>`substr(role_evidence.date, 1, 4) || ' K' || (case when substr(role_evidence.date, 6, 2) <= '03' then '1' when substr(role_evidence.date, 6, 2) <= '06' then '2' when substr(role_evidence.date, 6, 2) <= '09' then '3' else '4' end)`;
  return db
    .selectFrom('role_evidence')
    .select((eb) => ['role_evidence.role_key', quarter.as('quarter'), eb.fn.countAll<number>().as('n')])
    .where('role_evidence.date', '>=', since)
    .groupBy(['role_evidence.role_key', quarter])
    .execute();
}

/** Actions opened (created) and closed (completed) per month since a day. */
export async function actionsPerMonth(db: Db, sinceInstant: string) {
  const opened = sql<string>`substr(created_at, 1, 7)`;
  const closed = sql<string>`substr(completed_at, 1, 7)`;
  const [o, c] = await Promise.all([
    db.selectFrom('actions').select((eb) => [opened.as('month'), eb.fn.countAll<number>().as('n')]).where('created_at', '>=', sinceInstant).groupBy(opened).execute(),
    db
      .selectFrom('actions')
      .select((eb) => [closed.as('month'), eb.fn.countAll<number>().as('n')])
      .where('completed_at', 'is not', null)
      .where('completed_at', '>=', sinceInstant)
      .groupBy(closed)
      .execute(),
  ]);
  return { opened: o, closed: c };
}

// What the overview shows a signed-in person: next meetings, minutes awaiting their approval,
// their open actions.
import type { Db } from '../db/database';
import { isOpen, overdueOn, withoutDueDate } from '../actions/service';

export function upcomingMeetings(db: Db, now: string, limit = 5) {
  return db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at', 'ends_at', 'place', 'status'])
    .where('starts_at', '>=', now)
    .where('status', '=', 'planlagt')
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

/**
 * Minutes sent for approval in partnerships where the person represents a party, and which
 * that party has not yet approved in the current version.
 */
export function minutesAwaitingApproval(db: Db, personId: number) {
  return db
    .selectFrom('minutes')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .innerJoin('partnership_members', 'partnership_members.partnership_id', 'meetings.partnership_id')
    .innerJoin('people', 'people.id', 'partnership_members.person_id')
    .innerJoin('partnership_parties', (join) =>
      join.onRef('partnership_parties.partnership_id', '=', 'meetings.partnership_id').onRef('partnership_parties.organisation_id', '=', 'people.organisation_id'),
    )
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'minutes.version'])
    .where('partnership_members.person_id', '=', personId)
    .where('partnership_members.is_representative', '=', 1)
    .where('minutes.status', '=', 'til_godkendelse')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('minutes_approvals')
            .select('minutes_approvals.id')
            .whereRef('minutes_approvals.minutes_id', '=', 'minutes.id')
            .whereRef('minutes_approvals.version', '=', 'minutes.version')
            .whereRef('minutes_approvals.organisation_id', '=', 'people.organisation_id'),
        ),
      ),
    )
    .orderBy('meetings.starts_at', 'desc')
    .execute();
}

/**
 * A consultant's minutes to write: held meetings whose minutes are not sent yet (no minutes, or a
 * draft), where they take the minutes or nobody is named to. Newest first.
 */
export function minutesToWrite(db: Db, personId: number, limit = 8) {
  return db
    .selectFrom('meetings')
    .leftJoin('minutes', 'minutes.meeting_id', 'meetings.id')
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'minutes.id as minutes_id'])
    .where('meetings.status', '=', 'afholdt')
    .where((eb) => eb.or([eb('minutes.id', 'is', null), eb('minutes.status', '=', 'kladde')]))
    .where((eb) => eb.or([eb('meetings.minute_taker_id', '=', personId), eb('meetings.minute_taker_id', 'is', null)]))
    .orderBy('meetings.starts_at', 'desc')
    .orderBy('meetings.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The minutes a consultant has sent (they take the minutes, or nobody is named to) that await
 * approval, each with the parties that have not approved the current version yet.
 */
export async function minutesAwaitingParties(db: Db, personId: number, limit = 8) {
  const minutes = await db
    .selectFrom('minutes')
    .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at', 'meetings.partnership_id', 'minutes.id as minutes_id', 'minutes.version'])
    .where('minutes.status', '=', 'til_godkendelse')
    .where((eb) => eb.or([eb('meetings.minute_taker_id', '=', personId), eb('meetings.minute_taker_id', 'is', null)]))
    .orderBy('meetings.starts_at', 'desc')
    .limit(limit)
    .execute();
  if (minutes.length === 0) return [];
  const [parties, approvals] = await Promise.all([
    db
      .selectFrom('partnership_parties')
      .innerJoin('organisations', 'organisations.id', 'partnership_parties.organisation_id')
      .select(['partnership_parties.partnership_id', 'organisations.id', 'organisations.name'])
      .where('partnership_parties.partnership_id', 'in', [...new Set(minutes.map((m) => m.partnership_id))])
      .orderBy('partnership_parties.sort_order')
      .execute(),
    db
      .selectFrom('minutes_approvals')
      .select(['minutes_id', 'version', 'organisation_id'])
      .where('minutes_id', 'in', minutes.map((m) => m.minutes_id))
      .execute(),
  ]);
  const approved = new Set(approvals.map((a) => `${a.minutes_id}:${a.version}:${a.organisation_id}`));
  return minutes.map((m) => ({
    ...m,
    missing: parties.filter((p) => p.partnership_id === m.partnership_id && !approved.has(`${m.minutes_id}:${m.version}:${p.id}`)).map((p) => p.name),
  }));
}

export function myOpenActions(db: Db, personId: number, limit = 10) {
  return db
    .selectFrom('actions')
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .select(['actions.id', 'actions.text', 'actions.due_date', 'actions.status', 'actions.owner_id', 'actions.meeting_id', 'meetings.title as meeting_title'])
    .where('actions.owner_id', '=', personId)
    .where(isOpen)
    // Nulls last, as on /actions: an action without a due date must not push out the urgent ones.
    .orderBy(withoutDueDate)
    .orderBy('actions.due_date')
    .orderBy('actions.id')
    .limit(limit)
    .execute();
}

/** All of a person's open actions (the table shows only the first few). */
export async function countMyOpenActions(db: Db, personId: number): Promise<number> {
  const row = await db
    .selectFrom('actions')
    .where('owner_id', '=', personId)
    .where(isOpen)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countOverdueActions(db: Db, today: string, ownerId?: number): Promise<number> {
  let q = db.selectFrom('actions').where(overdueOn(today));
  // The redundant "has a due date" lets a person's count range over actions_open_owner_due.
  if (ownerId) q = q.where('owner_id', '=', ownerId).where(withoutDueDate, '=', 0);
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function latestRoleEvidence(db: Db, limit = 5) {
  return db
    .selectFrom('role_evidence')
    // A left join (every evidence has its role) keeps role_evidence the outer table, so the
    // planner walks the date index and stops after `limit` rows instead of sorting them all.
    .leftJoin('roles', 'roles.key', 'role_evidence.role_key')
    .leftJoin('people', 'people.id', 'role_evidence.person_id')
    .select(['role_evidence.id', 'role_evidence.date', 'role_evidence.note', 'role_evidence.team', 'role_evidence.role_key', 'roles.name as role_name', 'people.name as person_name'])
    .orderBy('role_evidence.date', 'desc')
    .orderBy('role_evidence.id', 'desc')
    .limit(limit)
    .execute();
}

export function latestLearnings(db: Db, limit = 5) {
  return db.selectFrom('learnings').select(['id', 'title', 'date', 'outcome']).orderBy('date', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The latest decisions written on agenda items of held meetings. */
export function latestDecisions(db: Db, limit = 5) {
  return db
    .selectFrom('agenda_items')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .select(['agenda_items.id', 'agenda_items.title', 'agenda_items.decision', 'meetings.id as meeting_id', 'meetings.title as meeting_title', 'meetings.starts_at'])
    .where('meetings.status', '=', 'afholdt')
    .where('agenda_items.decision', '!=', '')
    .orderBy('meetings.starts_at', 'desc')
    .orderBy('agenda_items.position')
    .limit(limit)
    .execute();
}

export function overdueActions(db: Db, today: string, limit = 10) {
  return db
    .selectFrom('actions')
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .leftJoin('people as owner', 'owner.id', 'actions.owner_id')
    .select(['actions.id', 'actions.text', 'actions.due_date', 'actions.status', 'actions.owner_id', 'actions.meeting_id', 'owner.name as owner_name', 'meetings.title as meeting_title'])
    .where(overdueOn(today))
    .orderBy('actions.due_date')
    .orderBy('actions.id')
    .limit(limit)
    .execute();
}

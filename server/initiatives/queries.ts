// Reads of initiatives: the filtered list, one initiative with everything around it, and the
// alerts (funding ending without an anchoring plan, trial actions past their end without result).
import { selectablePeople } from '../people/service';
import type { Db } from '../db/database';
import type { InitiativeFilter } from './schemas';

function filtered(db: Db, f: InitiativeFilter, today: string) {
  let q = db.selectFrom('initiatives');
  if (f.trial === 'overdue') {
    // The same rule as isTrialOverdue and overdueTrials.
    q = q
      .where('initiatives.kind', '=', 'proevehandling')
      .where('initiatives.trial_end', '<', today)
      .where('initiatives.result', '=', '')
      .where('initiatives.status', '!=', 'stoppet');
  }
  if (f.status) q = q.where('initiatives.status', '=', f.status);
  if (f.kind) q = q.where('initiatives.kind', '=', f.kind);
  if (f.kerneopgave) {
    const key = f.kerneopgave;
    q = q.where('initiatives.id', 'in', (eb) => eb.selectFrom('initiative_kerneopgaver').select('initiative_id').where('kerneopgave_key', '=', key));
  }
  if (f.place_id) {
    const id = f.place_id;
    q = q.where('initiatives.id', 'in', (eb) => eb.selectFrom('initiative_places').select('initiative_id').where('organisation_id', '=', id));
  }
  if (f.role) {
    const role = f.role;
    q = q.where('initiatives.id', 'in', (eb) => eb.selectFrom('initiative_roles').select('initiative_id').where('role_key', '=', role));
  }
  return q;
}

export function listInitiatives(db: Db, f: InitiativeFilter, today: string, limit: number, offset: number) {
  return filtered(db, f, today)
    .select([
      'initiatives.id',
      'initiatives.title',
      'initiatives.kind',
      'initiatives.status',
      'initiatives.start_date',
      'initiatives.end_date',
      'initiatives.funding_ends',
      'initiatives.anchoring_plan',
      'initiatives.trial_end',
      'initiatives.result',
    ])
    .orderBy('initiatives.sort_key')
    .orderBy('initiatives.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countInitiatives(db: Db, f: InitiativeFilter, today: string): Promise<number> {
  const row = await filtered(db, f, today).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Core tasks and places for a page of initiatives, in two queries. */
export async function tagsOf(db: Db, ids: number[]) {
  if (ids.length === 0) return { kerneopgaver: [], places: [] };
  const [kerneopgaver, places] = await Promise.all([
    db
      .selectFrom('initiative_kerneopgaver')
      .innerJoin('kerneopgaver', 'kerneopgaver.key', 'initiative_kerneopgaver.kerneopgave_key')
      .select(['initiative_kerneopgaver.initiative_id', 'kerneopgaver.key', 'kerneopgaver.name'])
      .where('initiative_kerneopgaver.initiative_id', 'in', ids)
      .orderBy('kerneopgaver.sort_order')
      .execute(),
    db
      .selectFrom('initiative_places')
      .innerJoin('organisations', 'organisations.id', 'initiative_places.organisation_id')
      .select(['initiative_places.initiative_id', 'organisations.id', 'organisations.name'])
      .where('initiative_places.initiative_id', 'in', ids)
      .orderBy('organisations.sort_key')
      .execute(),
  ]);
  return { kerneopgaver, places };
}

export function findInitiative(db: Db, id: number) {
  return db
    .selectFrom('initiatives')
    .leftJoin('partnerships', 'partnerships.id', 'initiatives.partnership_id')
    .selectAll('initiatives')
    .select('partnerships.name as partnership_name')
    .where('initiatives.id', '=', id)
    .executeTakeFirst();
}

export type InitiativeRow = NonNullable<Awaited<ReturnType<typeof findInitiative>>>;

/** An initiative's partners with the names of the organisation and person. */
function partnersOf(db: Db, initiativeId: number) {
  return db
    .selectFrom('initiative_partners')
    .leftJoin('organisations', 'organisations.id', 'initiative_partners.organisation_id')
    .leftJoin('people', 'people.id', 'initiative_partners.person_id')
    .select([
      'initiative_partners.id',
      'initiative_partners.contribution',
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
      'people.id as person_id',
      'people.name as person_name',
    ])
    .where('initiative_partners.initiative_id', '=', initiativeId);
}

/** One partner, only when it belongs to the initiative. */
export function findPartner(db: Db, initiativeId: number, partnerId: number) {
  return partnersOf(db, initiativeId).where('initiative_partners.id', '=', partnerId).executeTakeFirst();
}

/** Everything shown around one initiative, each list one query. */
export async function initiativeDetails(db: Db, id: number) {
  const [tags, roles, partners, statusLog, updates, agendaItems, actions, evidence, learnings, dilemmas] = await Promise.all([
    tagsOf(db, [id]),
    db
      .selectFrom('initiative_roles')
      .innerJoin('roles', 'roles.key', 'initiative_roles.role_key')
      .select(['roles.key', 'roles.name', 'roles.kind'])
      .where('initiative_roles.initiative_id', '=', id)
      .orderBy('roles.sort_order')
      .execute(),
    partnersOf(db, id).orderBy('initiative_partners.id').execute(),
    db
      .selectFrom('initiative_status_log')
      .leftJoin('people', 'people.id', 'initiative_status_log.person_id')
      .select([
        'initiative_status_log.id',
        'initiative_status_log.from_status',
        'initiative_status_log.to_status',
        'initiative_status_log.reason',
        'initiative_status_log.at',
        'people.name as person_name',
      ])
      .where('initiative_status_log.initiative_id', '=', id)
      .orderBy('initiative_status_log.id', 'desc')
      .execute(),
    db
      .selectFrom('initiative_updates')
      .leftJoin('people', 'people.id', 'initiative_updates.person_id')
      .select([
        'initiative_updates.id',
        'initiative_updates.date',
        'initiative_updates.happened',
        'initiative_updates.effect_seen',
        'initiative_updates.learning',
        'people.name as person_name',
      ])
      .where('initiative_updates.initiative_id', '=', id)
      .orderBy('initiative_updates.date', 'desc')
      .orderBy('initiative_updates.id', 'desc')
      .execute(),
    db
      .selectFrom('agenda_item_initiatives')
      .innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_initiatives.agenda_item_id')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      // A closed item's decision is not shown here (the page is the same for every reader).
      .select(['agenda_items.id', 'agenda_items.title', 'agenda_items.decision', 'agenda_items.closed', 'meetings.id as meeting_id', 'meetings.title as meeting_title', 'meetings.starts_at'])
      .where('agenda_item_initiatives.initiative_id', '=', id)
      .orderBy('meetings.starts_at', 'desc')
      .execute(),
    db
      .selectFrom('actions')
      .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
      .leftJoin('people as owner', 'owner.id', 'actions.owner_id')
      .select(['actions.id', 'actions.text', 'actions.status', 'actions.due_date', 'actions.owner_id', 'owner.name as owner_name', 'meetings.id as meeting_id', 'meetings.title as meeting_title'])
      .where('actions.initiative_id', '=', id)
      // No due date last, as on /actions, on both databases (SQLite sorts NULL first, PostgreSQL last).
      .orderBy((eb) => eb.case().when('actions.due_date', 'is', null).then(1).else(0).end())
      .orderBy('actions.due_date')
      .orderBy('actions.id')
      .execute(),
    db
      .selectFrom('role_evidence')
      .innerJoin('roles', 'roles.key', 'role_evidence.role_key')
      .leftJoin('people', 'people.id', 'role_evidence.person_id')
      .select(['role_evidence.id', 'role_evidence.date', 'role_evidence.note', 'role_evidence.team', 'roles.key as role_key', 'roles.name as role_name', 'people.name as person_name'])
      .where('role_evidence.initiative_id', '=', id)
      .orderBy('role_evidence.date', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('learning_initiatives')
      .innerJoin('learnings', 'learnings.id', 'learning_initiatives.learning_id')
      .select(['learnings.id', 'learnings.title', 'learnings.outcome', 'learnings.date'])
      .where('learning_initiatives.initiative_id', '=', id)
      .orderBy('learnings.date', 'desc')
      .execute(),
    db
      .selectFrom('dilemma_initiatives')
      .innerJoin('dilemmas', 'dilemmas.id', 'dilemma_initiatives.dilemma_id')
      .select(['dilemmas.id', 'dilemmas.title', 'dilemmas.status'])
      .where('dilemma_initiatives.initiative_id', '=', id)
      .orderBy('dilemmas.id') // a set order on both databases
      .execute(),
  ]);
  return { ...tags, roles, partners, statusLog, updates, agendaItems, actions, evidence, learnings, dilemmas };
}

/** One effect measure, only when it belongs to the initiative. */
export function findEffectMeasure(db: Db, initiativeId: number, measureId: number) {
  return db.selectFrom('effect_measures').selectAll().where('id', '=', measureId).where('initiative_id', '=', initiativeId).executeTakeFirst();
}

export function effectsOf(db: Db, initiativeId: number) {
  return Promise.all([
    db.selectFrom('effect_measures').selectAll().where('initiative_id', '=', initiativeId).orderBy('id').execute(),
    db
      .selectFrom('effect_measurements')
      .innerJoin('effect_measures', 'effect_measures.id', 'effect_measurements.effect_measure_id')
      .select(['effect_measurements.id', 'effect_measurements.effect_measure_id', 'effect_measurements.date', 'effect_measurements.value', 'effect_measurements.note'])
      .where('effect_measures.initiative_id', '=', initiativeId)
      .orderBy('effect_measurements.date')
      .orderBy('effect_measurements.id')
      .execute(),
    db
      .selectFrom('citizen_stories')
      .leftJoin('kerneopgaver', 'kerneopgaver.key', 'citizen_stories.kerneopgave_key')
      .select(['citizen_stories.id', 'citizen_stories.date', 'citizen_stories.story', 'kerneopgaver.name as kerneopgave_name'])
      .where('citizen_stories.initiative_id', '=', initiativeId)
      .orderBy('citizen_stories.date', 'desc')
      .execute(),
  ]);
}

/** Initiatives whose funding ends within `days` of today and that have no anchoring plan. */
export function fundingAlerts(db: Db, today: string, until: string) {
  return db
    .selectFrom('initiatives')
    .select(['id', 'title', 'funding_ends', 'status'])
    .where('funding_ends', '>=', today)
    .where('funding_ends', '<=', until)
    .where('anchoring_plan', '=', '')
    .where('status', 'not in', ['stoppet', 'forankret'])
    .orderBy('funding_ends')
    .execute();
}

/** Trial actions past their end date with no result written. */
export function overdueTrials(db: Db, today: string) {
  return db
    .selectFrom('initiatives')
    .select(['id', 'title', 'trial_end', 'status'])
    .where('kind', '=', 'proevehandling')
    .where('trial_end', '<', today)
    .where('result', '=', '')
    .where('status', 'not in', ['stoppet'])
    .orderBy('trial_end')
    .execute();
}

export function runningTrials(db: Db) {
  return db
    .selectFrom('initiatives')
    .select(['id', 'title', 'trial_start', 'trial_end', 'status'])
    .where('kind', '=', 'proevehandling')
    .where('status', '=', 'afproeves')
    .orderBy('trial_end')
    .execute();
}

/**
 * The people the partner form offers: those of the initiative's places and partner
 * organisations, and the partnership's members — not every person in the register.
 */
export function peopleNearInitiative(db: Db, initiativeId: number, partnershipId: number | null) {
  return selectablePeople(db)
    .where((eb) =>
      eb.or([
        eb('people.organisation_id', 'in', eb.selectFrom('initiative_places').select('organisation_id').where('initiative_id', '=', initiativeId)),
        eb(
          'people.organisation_id',
          'in',
          eb.selectFrom('initiative_partners').select('organisation_id').where('initiative_id', '=', initiativeId).where('organisation_id', 'is not', null),
        ),
        eb('people.id', 'in', eb.selectFrom('partnership_members').select('person_id').where('partnership_id', '=', partnershipId ?? -1)),
      ]),
    )
    .orderBy('organisations.sort_key')
    .orderBy('people.sort_key')
    .limit(500)
    .execute();
}

// The reads behind an initiative's timeline (sagens gang): one query per kind of event, each
// already narrowed to the initiative. Dates come back as stored: ISO days, or UTC instants.
import type { Db } from '../db/database';

/** Agenda items linked to the initiative, on meetings that were not cancelled. */
export function agendaItemsOf(db: Db, initiativeId: number) {
  return db
    .selectFrom('agenda_item_initiatives')
    .innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_initiatives.agenda_item_id')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .select([
      'agenda_items.id',
      'agenda_items.position',
      'agenda_items.title',
      'agenda_items.kind',
      'agenda_items.decision',
      'agenda_items.closed',
      'meetings.id as meeting_id',
      'meetings.title as meeting_title',
      'meetings.starts_at',
    ])
    .where('agenda_item_initiatives.initiative_id', '=', initiativeId)
    .where('meetings.status', '!=', 'aflyst')
    .orderBy('meetings.starts_at')
    .orderBy('agenda_items.position')
    .execute();
}

export function actionsOf(db: Db, initiativeId: number) {
  return db
    .selectFrom('actions')
    .leftJoin('people', 'people.id', 'actions.owner_id')
    .select(['actions.id', 'actions.text', 'actions.status', 'actions.due_date', 'actions.created_at', 'actions.meeting_id', 'people.name as owner_name'])
    .where('actions.initiative_id', '=', initiativeId)
    .orderBy('actions.created_at')
    .orderBy('actions.id')
    .execute();
}

export function statusChangesOf(db: Db, initiativeId: number) {
  return db
    .selectFrom('initiative_status_log')
    .select(['id', 'from_status', 'to_status', 'reason', 'at'])
    .where('initiative_id', '=', initiativeId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function progressUpdatesOf(db: Db, initiativeId: number) {
  return db
    .selectFrom('initiative_updates')
    .select(['id', 'date', 'happened', 'effect_seen', 'learning', 'created_at'])
    .where('initiative_id', '=', initiativeId)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

export function roleEvidenceOf(db: Db, initiativeId: number) {
  return db
    .selectFrom('role_evidence')
    .innerJoin('roles', 'roles.key', 'role_evidence.role_key')
    .leftJoin('people', 'people.id', 'role_evidence.person_id')
    .leftJoin('organisations', 'organisations.id', 'role_evidence.organisation_id')
    .select(['role_evidence.id', 'role_evidence.date', 'role_evidence.note', 'role_evidence.team', 'roles.name as role_name', 'people.name as person_name', 'organisations.name as organisation_name'])
    .where('role_evidence.initiative_id', '=', initiativeId)
    .orderBy('role_evidence.date')
    .orderBy('role_evidence.id')
    .execute();
}

export function learningsOf(db: Db, initiativeId: number) {
  return db
    .selectFrom('learning_initiatives')
    .innerJoin('learnings', 'learnings.id', 'learning_initiatives.learning_id')
    .select(['learnings.id', 'learnings.date', 'learnings.title', 'learnings.outcome', 'learnings.what_next'])
    .where('learning_initiatives.initiative_id', '=', initiativeId)
    .orderBy('learnings.date')
    .orderBy('learnings.id')
    .execute();
}

export function initiativeHeading(db: Db, id: number) {
  return db.selectFrom('initiatives').select(['id', 'title', 'kind', 'status']).where('id', '=', id).executeTakeFirst();
}

/** Approved effect updates (Effektopfølgning): a period's value or narrative once a representative approved it. */
export function approvedEffectUpdatesOf(db: Db, initiativeId: number) {
  return db
    .selectFrom('effect_updates')
    .innerJoin('effect_measures', 'effect_measures.id', 'effect_updates.measure_id')
    .select(['effect_updates.id', 'effect_updates.period', 'effect_updates.value', 'effect_updates.narrative', 'effect_updates.approved_at', 'effect_updates.updated_at', 'effect_measures.id as measure_id', 'effect_measures.indicator', 'effect_measures.unit', 'effect_measures.target'])
    .where('effect_measures.initiative_id', '=', initiativeId)
    .where('effect_updates.status', '=', 'godkendt')
    .orderBy('effect_updates.approved_at')
    .orderBy('effect_updates.id')
    .execute();
}

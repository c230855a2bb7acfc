// Co-creation initiatives (and trial actions), their partners, places, roles in play, status log
// and progress updates; effect measures, measurements and anonymised citizen stories; role
// evidence; learnings; dilemmas; "forklar eller fjern" items; and the links between them and
// the meetings.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('initiatives')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('partnership_id', 'integer', (c) => c.references('partnerships.id'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('initiativ'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ide'))
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('intended_movement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('citizen_role', 'text')
    .addColumn('involvement_level', 'text')
    .addColumn('funding', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('funding_ends', 'text')
    .addColumn('anchoring_plan', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hypothesis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('freedom_from', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('freedom_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('trial_start', 'text')
    .addColumn('trial_end', 'text')
    .addColumn('success_criteria', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('trial_decision', 'text')
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiatives_status').on('initiatives').columns(['status', 'sort_key']).execute();
  await db.schema.createIndex('initiatives_sort').on('initiatives').columns(['sort_key', 'id']).execute();
  await db.schema.createIndex('initiatives_funding').on('initiatives').column('funding_ends').execute();
  await db.schema.createIndex('initiatives_trial_end').on('initiatives').columns(['kind', 'trial_end']).execute();

  const pair = async (table: string, left: [string, string], right: [string, string], rightType = 'integer') => {
    await db.schema
      .createTable(table)
      .addColumn(left[0], 'integer', (c) => c.notNull().references(left[1]).onDelete('cascade'))
      .addColumn(right[0], rightType as 'integer', (c) => c.notNull().references(right[1]).onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, [left[0], right[0]] as any)
      .execute();
    await db.schema.createIndex(`${table}_${right[0]}`).on(table).column(right[0]).execute();
  };
  await pair('initiative_kerneopgaver', ['initiative_id', 'initiatives.id'], ['kerneopgave_key', 'kerneopgaver.key'], 'text');
  await pair('initiative_places', ['initiative_id', 'initiatives.id'], ['organisation_id', 'organisations.id']);
  await pair('initiative_roles', ['initiative_id', 'initiatives.id'], ['role_key', 'roles.key'], 'text');

  await db.schema
    .createTable('initiative_partners')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('contribution', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('initiative_partners_initiative').on('initiative_partners').column('initiative_id').execute();

  await db.schema
    .createTable('initiative_status_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_status_log_initiative').on('initiative_status_log').columns(['initiative_id', 'at']).execute();
  await db.schema.createIndex('initiative_status_log_at').on('initiative_status_log').column('at').execute();

  await db.schema
    .createTable('initiative_updates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('happened', 'text', (c) => c.notNull())
    .addColumn('effect_seen', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('learning', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('initiative_updates_initiative').on('initiative_updates').columns(['initiative_id', 'date']).execute();

  await db.schema.alterTable('actions').addColumn('initiative_id', 'integer', (c) => c.references('initiatives.id')).execute();
  await db.schema.createIndex('actions_initiative').on('actions').column('initiative_id').execute();
  await pair('agenda_item_initiatives', ['agenda_item_id', 'agenda_items.id'], ['initiative_id', 'initiatives.id']);

  await db.schema
    .createTable('effect_measures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('baseline', 'real')
    .addColumn('target', 'real')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('effect_measures_initiative').on('effect_measures').column('initiative_id').execute();
  await db.schema
    .createTable('effect_measurements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('effect_measure_id', 'integer', (c) => c.notNull().references('effect_measures.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('effect_measurements_measure').on('effect_measurements').columns(['effect_measure_id', 'date']).execute();
  await db.schema
    .createTable('citizen_stories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('initiatives.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kerneopgave_key', 'text', (c) => c.references('kerneopgaver.key'))
    .addColumn('story', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citizen_stories_initiative').on('citizen_stories').column('initiative_id').execute();

  await db.schema
    .createTable('role_evidence')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('role_key', 'text', (c) => c.notNull().references('roles.key'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('team', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('initiative_id', 'integer', (c) => c.references('initiatives.id').onDelete('set null'))
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('set null'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_evidence_role').on('role_evidence').columns(['role_key', 'date']).execute();
  await db.schema.createIndex('role_evidence_date').on('role_evidence').column('date').execute();
  await db.schema.createIndex('role_evidence_person').on('role_evidence').column('person_id').execute();
  await db.schema.createIndex('role_evidence_organisation').on('role_evidence').columns(['organisation_id', 'role_key']).execute();
  await db.schema.createIndex('role_evidence_initiative').on('role_evidence').column('initiative_id').execute();
  await db.schema.createIndex('role_evidence_meeting').on('role_evidence').column('meeting_id').execute();

  await db.schema
    .createTable('learnings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('what_we_did', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('what_happened', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('what_next', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learnings_date').on('learnings').column('date').execute();
  await pair('learning_initiatives', ['learning_id', 'learnings.id'], ['initiative_id', 'initiatives.id']);
  await pair('learning_meetings', ['learning_id', 'learnings.id'], ['meeting_id', 'meetings.id']);

  await db.schema
    .createTable('dilemmas')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('pole_a', 'text', (c) => c.notNull())
    .addColumn('pole_b', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('rejst'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await pair('dilemma_initiatives', ['dilemma_id', 'dilemmas.id'], ['initiative_id', 'initiatives.id']);
  await pair('dilemma_meetings', ['dilemma_id', 'dilemmas.id'], ['meeting_id', 'meetings.id']);
  await pair('agenda_item_dilemmas', ['agenda_item_id', 'agenda_items.id'], ['dilemma_id', 'dilemmas.id']);

  await db.schema
    .createTable('fef_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('applies_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'integer', (c) => c.references('people.id'))
    .addColumn('decision', 'text', (c) => c.notNull().defaultTo('afventer'))
    .addColumn('rationale', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hours_saved_per_month', 'real')
    .addColumn('decided_meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fef_items_decision').on('fef_items').column('decision').execute();
}

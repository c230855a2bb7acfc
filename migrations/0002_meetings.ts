// Meetings with participants, agenda items, follow-up actions, minutes with versions and
// approvals, and comments.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planlagt'))
    .addColumn('cancel_reason', 'text')
    .addColumn('convener_id', 'integer', (c) => c.references('people.id'))
    .addColumn('chair_id', 'integer', (c) => c.references('people.id'))
    .addColumn('minute_taker_id', 'integer', (c) => c.references('people.id'))
    .addColumn('evaluation_value', 'integer')
    .addColumn('evaluation_led_to_action', 'integer')
    .addColumn('evaluation_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_starts').on('meetings').columns(['starts_at', 'id']).execute();
  await db.schema.createIndex('meetings_partnership').on('meetings').columns(['partnership_id', 'starts_at']).execute();

  await db.schema
    .createTable('meeting_participants')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('attendance', 'text', (c) => c.notNull().defaultTo('inviteret'))
    .addPrimaryKeyConstraint('meeting_participants_pk', ['meeting_id', 'person_id'])
    .execute();
  await db.schema.createIndex('meeting_participants_person').on('meeting_participants').column('person_id').execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('background', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('discussion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agenda_items_meeting').on('agenda_items').columns(['meeting_id', 'position']).execute();

  await db.schema
    .createTable('actions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('people.id'))
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('aaben'))
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actions_status_due').on('actions').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('actions_owner').on('actions').columns(['owner_id', 'status']).execute();
  await db.schema.createIndex('actions_meeting').on('actions').column('meeting_id').execute();
  await db.schema.createIndex('actions_agenda_item').on('actions').column('agenda_item_id').execute();

  // The open actions an "Opfølgning fra sidste møde" item listed when its meeting was created.
  await db.schema
    .createTable('carried_over_actions')
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('action_id', 'integer', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('carried_over_actions_pk', ['agenda_item_id', 'action_id'])
    .execute();
  await db.schema.createIndex('carried_over_actions_action').on('carried_over_actions').column('action_id').execute();

  await db.schema
    .createTable('minutes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().unique().references('meetings.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('kladde'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('free_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_meeting', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('change_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('minutes_status').on('minutes').column('status').execute();

  // A frozen copy of each version as it was sent for approval (the document model as JSON).
  await db.schema
    .createTable('minutes_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'integer', (c) => c.references('users.id'))
    .addColumn('locked_at', 'text')
    .execute();
  await db.schema.createIndex('minutes_versions_unique').on('minutes_versions').columns(['minutes_id', 'version']).unique().execute();

  await db.schema
    .createTable('minutes_approvals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('minutes_approvals_unique')
    .on('minutes_approvals')
    .columns(['minutes_id', 'version', 'organisation_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_target').on('comments').columns(['target_type', 'target_id', 'id']).execute();
}

// The meeting before it starts: an item's proposed decision (indstilling), presenter and time, and
// whether it was postponed (udsat); when the agenda was released and last revised; and each
// partnership's deadlines (agenda released N days before, draft minutes M days after, approval K).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agenda_items').addColumn('proposal', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('agenda_items').addColumn('presenter_id', 'integer', (c) => c.references('people.id')).execute();
  await db.schema.alterTable('agenda_items').addColumn('duration_minutes', 'integer').execute();
  await db.schema.alterTable('agenda_items').addColumn('postponed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('meetings').addColumn('agenda_released_at', 'text').execute();
  await db.schema.alterTable('meetings').addColumn('agenda_revised_at', 'text').execute();
  await db.schema.alterTable('partnerships').addColumn('agenda_days', 'integer', (c) => c.notNull().defaultTo(5)).execute();
  await db.schema.alterTable('partnerships').addColumn('minutes_days', 'integer', (c) => c.notNull().defaultTo(7)).execute();
  await db.schema.alterTable('partnerships').addColumn('approval_days', 'integer', (c) => c.notNull().defaultTo(7)).execute();
}

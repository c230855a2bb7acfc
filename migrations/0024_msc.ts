// Most Significant Change: a decision item (kind beslutning) of the partnership meeting can record
// the citizen story chosen as the period's most significant, and why it was chosen.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('agenda_items')
    .addColumn('msc_story_id', 'integer', (c) => c.references('citizen_stories.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('agenda_items').addColumn('msc_reason', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('agenda_items_msc_story').on('agenda_items').column('msc_story_id').execute();
}

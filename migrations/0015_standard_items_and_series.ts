// Planning the next meeting: each partnership's template of standard agenda items (the five
// usual ones seeded for the partnerships that exist), meeting series (every N weeks, or the nth
// weekday of each month, with an end date or a count), which series a meeting belongs to, and the
// item a postponed (udsat) item was moved from.
import type { Kysely } from 'kysely';

/** The defaults, as server/partnerships/standard-items.ts has them (a migration imports nothing of the app). */
const DEFAULT_ITEMS = [
  { title: 'Godkendelse af dagsorden', kind: 'beslutning', follow_up: 0 },
  { title: 'Godkendelse af referat fra sidste møde', kind: 'beslutning', follow_up: 0 },
  { title: 'Opfølgning fra sidste møde', kind: 'orientering', follow_up: 1 },
  { title: 'Eventuelt', kind: 'orientering', follow_up: 0 },
  { title: 'Næste møde', kind: 'droeftelse', follow_up: 0 },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('standard_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('background', 'text', (c) => c.notNull().defaultTo(''))
    // The item that lists the open actions carried over ("Opfølgning fra sidste møde").
    .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('standard_items_partnership').on('standard_items').columns(['partnership_id', 'position']).execute();

  await db.schema
    .createTable('meeting_series')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('partnership_id', 'integer', (c) => c.notNull().unique().references('partnerships.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'weeks': every interval_weeks weeks on weekday; 'monthly': the nth weekday of each month (nth -1 = the last).
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('interval_weeks', 'integer')
    .addColumn('nth', 'integer')
    // ISO weekday: 1 = Monday … 7 = Sunday.
    .addColumn('weekday', 'integer', (c) => c.notNull())
    // Copenhagen wall-clock times, "14:00": a series keeps 14.00 local across summer time.
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('first_day', 'text', (c) => c.notNull())
    .addColumn('end_day', 'text')
    .addColumn('max_count', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('meetings').addColumn('series_id', 'integer', (c) => c.references('meeting_series.id').onDelete('set null')).execute();
  await db.schema.createIndex('meetings_series').on('meetings').columns(['series_id', 'starts_at']).execute();
  await db.schema
    .alterTable('agenda_items')
    .addColumn('postponed_from_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('agenda_items_postponed_from').on('agenda_items').column('postponed_from_item_id').execute();

  // The defaults for every partnership there is, each row with its audit entry (as the system).
  if (db.isTransaction) return seedDefaults(db);
  await db.transaction().execute(seedDefaults);
}

async function seedDefaults(db: Kysely<any>): Promise<void> {
  const at = new Date().toISOString();
  const partnerships: Array<{ id: number }> = await db.selectFrom('partnerships').select('id').orderBy('id').execute();
  for (const p of partnerships) {
    for (const [i, item] of DEFAULT_ITEMS.entries()) {
      const row = { partnership_id: p.id, position: i + 1, ...item, background: '', created_at: at, updated_at: at };
      const { id } = await db.insertInto('standard_items').values(row).returning('id').executeTakeFirstOrThrow();
      await db
        .insertInto('audit_log')
        .values({ at, user_id: null, action: 'create', entity: 'standard_item', entity_id: String(id), before: null, after: JSON.stringify(row) })
        .execute();
    }
  }
}

// A per-user secret for the calendar feed (/meetings.ics?token=…), renewable on the profile page.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('calendar_token', 'text').execute();
  await db.schema.createIndex('users_calendar_token').on('users').column('calendar_token').unique().execute();
}

// The meeting cycle by e-mail: a participant's answer from the links in an invitation ("Jeg
// deltager" / "Jeg melder afbud"), which messages each user wants, and the reminders already
// sent by the daily run (so each goes once, also when the run catches up after downtime).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // 'tilmeldt' or 'afbud' as answered from the invitation's link; null until answered. An afbud
  // also sets attendance to 'afbud'; 'tilmeldt' is shown while attendance is still 'inviteret'.
  await db.schema.alterTable('meeting_participants').addColumn('reply', 'text').execute();
  await db.schema.alterTable('meeting_participants').addColumn('replied_at', 'text').execute();

  // A user's choice for one topic of messages (server/notifications/preferences.ts); a topic
  // without a row has its default.
  await db.schema
    .createTable('mail_preferences')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_preferences_pk', ['user_id', 'topic'])
    .execute();

  // One row per reminder sent, e.g. 'action:12:due_soon:2026-11-27': the daily run sends what has
  // no row yet.
  await db.schema
    .createTable('sent_reminders')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
}

// Review dates ("tages op igen"): a decision (an agenda item), a trial action (an initiative) or a
// forklar-eller-fjern item is taken up again on a Copenhagen day. One row per subject: setting a
// new day replaces the old one (which is thereby taken up), marking it handled closes it.
// A trial action without a row is reviewed at its trial end (server/reviews/queries.ts).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // 'beslutning' (agenda_items.id), 'afproevning' (initiatives.id) or 'fef' (fef_items.id).
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    // YYYY-MM-DD, a Copenhagen day. Clearing the day deletes the row (a trial action: back to its end).
    .addColumn('review_day', 'text', (c) => c.notNull())
    // When and by whom the review was marked handled (taken up); null while open.
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reviews_subject', ['subject_kind', 'subject_id'])
    .execute();
  await db.schema.createIndex('reviews_open_day').on('reviews').columns(['handled_at', 'review_day']).execute();
}

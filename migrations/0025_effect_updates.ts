// Effect updates reviewed per period: each effect measure is followed up per month or quarter
// (period_kind), with one update per period that a konsulent writes and submits and a
// representative approves (then it is locked) or returns with a reason.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // 'maaned' (periods YYYY-MM) or 'kvartal' (periods YYYY-Qn).
  await db.schema.alterTable('effect_measures').addColumn('period_kind', 'text', (c) => c.notNull().defaultTo('kvartal')).execute();
  await db.schema
    .createTable('effect_updates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('measure_id', 'integer', (c) => c.notNull().references('effect_measures.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'real')
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_attachment_id', 'integer', (c) => c.references('attachments.id').onDelete('set null'))
    .addColumn('reported_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    // kladde → til_godkendelse → returneret (with return_reason) → … → godkendt (locked).
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('kladde'))
    .addColumn('return_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approved_by', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('effect_updates_measure_period', ['measure_id', 'period'])
    .execute();
}

// The minutes as a record both parties can sign: protocol remarks (and a party's refusal to
// approve) per version, closed items, attendance per item, revocable public links to the public
// version, and a journal (case) number for the municipality's ESDH.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('minutes_remarks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('minutes_id', 'integer', (c) => c.notNull().references('minutes.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    // The item's number in that version's frozen document; null for the minutes as a whole.
    .addColumn('item_number', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull()) // bemaerkning | godkender_ikke
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('minutes_remarks_version').on('minutes_remarks').columns(['minutes_id', 'version']).execute();

  await db.schema.alterTable('agenda_items').addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('agenda_items').addColumn('closed_reason', 'text', (c) => c.notNull().defaultTo('')).execute();

  await db.schema
    .createTable('item_attendance')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // fravaerende | inhabil | gaest
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('item_attendance_once', ['agenda_item_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('public_links')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    // The link's secret part. Kept (not hashed) so the konsulent can copy the link again: it opens
    // only the public version, which is made for publication.
    .addColumn('token', 'text', (c) => c.notNull().unique())
    // Who made or revoked a link is in the audit log.
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema.alterTable('partnerships').addColumn('journal_number', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('meetings').addColumn('journal_number', 'text', (c) => c.notNull().defaultTo('')).execute();
}


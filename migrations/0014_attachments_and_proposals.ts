// Bilag (attachments) and the representatives' proposals for the agenda.
// A file's bytes are stored in the database in rows of at most 1 MB (attachment_chunks), so
// backup stays one file and neither upload nor download holds a whole file in memory. An upload
// streams into chunks under a fresh key; once complete and accepted, a content row publishes that
// key under the file's SHA-256 (attachment_contents), so the same file attached twice is stored
// once (a second copy's chunks are dropped). Chunks whose key no content row names are an
// unfinished upload. An attachment row ties content to a meeting, an agenda item or a proposal.
// Portable SQL: BLOB becomes bytea in PostgreSQL.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
    // null: "næste møde", the next planned meeting of the partnership when it is accepted
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('background', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('aaben'))
    .addColumn('proposed_by', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('decline_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposals_status').on('proposals').columns(['status', 'partnership_id', 'meeting_id']).execute();
  await db.schema.createIndex('proposals_proposer').on('proposals').columns(['proposed_by', 'created_at']).execute();

  await db.schema.alterTable('agenda_items').addColumn('proposed_by', 'integer', (c) => c.references('people.id')).execute();

  await db.schema
    .createTable('attachment_contents')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    // the key of its chunks: '<upload time, ISO>~<random hex>', so unfinished uploads sort by age
    .addColumn('chunk_key', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('attachment_chunks')
    .addColumn('chunk_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('attachment_chunks_pk', ['chunk_key', 'seq'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
    .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('proposal_id', 'integer', (c) => c.references('proposals.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('attachment_contents.sha256'))
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addCheckConstraint('attachments_owner', sql`meeting_id is not null or proposal_id is not null`)
    .execute();
  await db.schema.createIndex('attachments_meeting').on('attachments').columns(['meeting_id', 'agenda_item_id', 'id']).execute();
  await db.schema.createIndex('attachments_item').on('attachments').column('agenda_item_id').execute();
  await db.schema.createIndex('attachments_proposal').on('attachments').column('proposal_id').execute();
  await db.schema.createIndex('attachments_content').on('attachments').column('sha256').execute();
}

// The outbox: every e-mail the app sends, one row per recipient, written in the same transaction
// as the change that caused it and delivered by the mail worker (server/mail/). And the links an
// account gets by e-mail: a password reset (one hour) or an invitation to set a first password.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // The Message-ID header, <id.random@host>: set at the first claim and kept for every retry,
    // so a receiving server can recognise the same message.
    .addColumn('message_id', 'text', (c) => c.unique())
    // What the message is about, e.g. 'password_reset', 'invitation'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    // JSON array of { filename, contentType, content, encoding?: 'base64', icalMethod? }.
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    // 'queued', 'sending' (claimed by the worker), 'sent' or 'failed'.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('first_attempt_at', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text')
    // The message this one sends again (Send igen on /admin/outbox).
    .addColumn('resent_from', 'integer', (c) => c.references('outbox.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_created').on('outbox').column('created_at').execute();

  await db.schema
    .createTable('account_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // 'reset' or 'invitation'.
    .addColumn('purpose', 'text', (c) => c.notNull())
    // SHA-256 of the token (32 random bytes: beyond guessing, so a fast hash is enough).
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute();
}

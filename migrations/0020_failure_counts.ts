// Failed attempts (a wrong password, a wrong code, a request for a reset link), counted in the
// database so that every app instance over it sees the same counts (server/web/rate-limit.ts).
// One row per failure and key; rows older than any rule's window are deleted as new ones come.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('failures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // The counter's name and its key, e.g. 'login:pair:anna@test.dk|203.0.113.7'.
    .addColumn('key', 'text', (c) => c.notNull())
    // ISO-8601 (UTC): compared as text against the start of the window.
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('failures_key_at').on('failures').columns(['key', 'at']).execute();
  await db.schema.createIndex('failures_at').on('failures').column('at').execute();
}

// Settings of this installation as key–value rows. The first: a random id that makes the
// calendar UIDs of this installation unique in the world (two installations both have a meeting 3).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('app_settings').values({ key: 'installation_id', value: globalThis.crypto.randomUUID() }).execute();
}

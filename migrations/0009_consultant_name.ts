// The seeded consultant placeholder is called "Konsulent på Uldumprojektet" (was "Konsulent,
// Uldumprojektet"). Renames it where the users have not named the person already; audited as the
// system (user_id null), as the seed's own writes are.
import type { Kysely } from 'kysely';

const OLD_NAME = 'Konsulent, Uldumprojektet';
const NEW_NAME = 'Konsulent på Uldumprojektet';
// The keys server/db/text-keys.ts gives the new name (a migration imports nothing of the app):
// lower case for search; for sorting, å written as '}' so it sorts after z.
const NEW_SEARCH_KEY = 'konsulent på uldumprojektet';
const NEW_SORT_KEY = 'konsulent p} uldumprojektet';

export async function up(db: Kysely<any>): Promise<void> {
  // The rename and its audit row together. SQLite runs migrations outside a transaction; a
  // dialect with transactional DDL would already hand us one.
  if (db.isTransaction) return rename(db);
  await db.transaction().execute(rename);
}

async function rename(db: Kysely<any>): Promise<void> {
  const taken = await db.selectFrom('people').select('id').where('name', '=', NEW_NAME).executeTakeFirst();
  if (taken) return;
  const before = await db.selectFrom('people').selectAll().where('name', '=', OLD_NAME).where('position', '=', 'konsulent').orderBy('id').executeTakeFirst();
  if (!before) return;
  const at = new Date().toISOString();
  const set = { name: NEW_NAME, search_key: NEW_SEARCH_KEY, sort_key: NEW_SORT_KEY, updated_at: at };
  await db.updateTable('people').set(set).where('id', '=', before.id).execute();
  await db
    .insertInto('audit_log')
    .values({
      at,
      user_id: null,
      action: 'update',
      entity: 'person',
      entity_id: String(before.id),
      before: JSON.stringify(before),
      after: JSON.stringify({ ...before, ...set }),
    })
    .execute();
}

// Migration 0009: the seeded consultant is "Konsulent på Uldumprojektet". A database made before
// gets the placeholder renamed (with its sort and search keys, audited as the system); a name the
// users have already changed is left alone.
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from '../../migrations';
import * as m0009 from '../../migrations/0009_consultant_name';
import { searchKey, sortKey } from '../../server/db/text-keys';
import { CONSULTANT_NAME } from '../../seeds/partnership';
import { signedIn } from '../helpers/agent';
import { freshDb, testApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { unescapeHtml } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';

const OLD_NAME = 'Konsulent, Uldumprojektet';
const NEW_NAME = 'Konsulent på Uldumprojektet';

type Db = Awaited<ReturnType<typeof freshDb>>['db'];

/** The consultant as a database seeded before the rename has it. */
async function withOldName(db: Db): Promise<number> {
  const person = await db.selectFrom('people').select('id').where('name', '=', NEW_NAME).executeTakeFirstOrThrow();
  await withoutAuditRule(db, () => db.updateTable('people').set({ name: OLD_NAME, sort_key: sortKey(OLD_NAME), search_key: searchKey(OLD_NAME) }).where('id', '=', person.id).execute());
  return person.id;
}

describe('the consultant placeholder’s name', () => {
  it('is seeded as "Konsulent på Uldumprojektet"', async () => {
    expect(CONSULTANT_NAME).toBe(NEW_NAME);
    const { db } = await freshDb();
    expect(await db.selectFrom('people').select('position').where('name', '=', NEW_NAME).executeTakeFirst()).toEqual({ position: 'konsulent' });
  });

  it('is renamed in an existing database, with its keys, audited as the system', async () => {
    const { db } = await freshDb();
    const id = await withOldName(db);
    await withoutAuditRule(db, () => m0009.up(db)); // a migration runs before the app, outside the rule
    const person = await db.selectFrom('people').select(['name', 'sort_key', 'search_key']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(person).toEqual({ name: NEW_NAME, sort_key: sortKey(NEW_NAME), search_key: searchKey(NEW_NAME) });
    const [entry] = (await auditOf(db, 'person', id)).filter((e) => e.action === 'update');
    expect(entry).toMatchObject({ user_id: null });
    expect(JSON.parse(entry.before!)).toMatchObject({ name: OLD_NAME });
    expect(JSON.parse(entry.after!)).toMatchObject({ name: NEW_NAME });
  });

  it('is found by search under the new name after the rename', async () => {
    const { app, db } = await testApp();
    await withOldName(db);
    await withoutAuditRule(db, () => m0009.up(db)); // a migration runs before the app, outside the rule
    const l = await signedIn(app, db, 'laeser');
    const page = unescapeHtml((await l.agent.get('/search?q=Uldumprojektet')).text.replace(/<[^>]+>/g, ''));
    expect(page).toContain(NEW_NAME);
    expect(page).not.toContain(OLD_NAME);
  });

  it('leaves a name the users have changed, and changes nothing when run again', async () => {
    const { db } = await freshDb();
    const id = await withOldName(db);
    await withoutAuditRule(db, () => db.updateTable('people').set({ name: 'Mette Madsen' }).where('id', '=', id).execute());
    await withoutAuditRule(db, () => m0009.up(db));
    await withoutAuditRule(db, () => m0009.up(db)); // a migration runs before the app, outside the rule
    expect((await db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('Mette Madsen');
    expect((await auditOf(db, 'person', id)).filter((e) => e.action === 'update')).toEqual([]);
  });

  it('runs as migration 0009 and imports nothing but kysely', () => {
    expect(migrations['0009_consultant_name']).toBe(m0009);
    const source = fs.readFileSync(path.join(__dirname, '../../migrations/0009_consultant_name.ts'), 'utf8');
    expect([...source.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['kysely']);
  });
});

// A database from before migration 0022: it gets the role column marker_id and the proposal of
// progress markers once (seedRoleMarkersOnce, run at every start), and never again after that.
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import { migrations } from '../../migrations';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { applyPragmas, createDb } from '../../server/db/database';
import { deleteMarker } from '../../server/roles/markers';
import { ROLES } from '../../seeds/partnership';
import { seedRoleMarkersOnce } from '../../seeds/role-markers';

describe('migration 0022 on an existing database', () => {
  it('keeps the evidence, adds the proposal for the roles there are, once, and never puts a deleted marker back', async () => {
    const raw = new SQLite(':memory:');
    applyPragmas(raw);
    const db = createDb(raw);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0021_reviews')).error).toBeUndefined();
    const at = new Date('2026-11-24T10:00:00Z');
    for (const [i, r] of ROLES.slice(0, 2).entries()) await db.insertInto('roles').values({ ...r, sort_order: i + 1, retired: 0 }).execute();
    await db.insertInto('role_evidence').values({ role_key: 'medbygger', date: '2026-10-01', team: 'Dagholdet', note: 'En gammel note', created_at: at.toISOString() } as never).execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    expect(await db.selectFrom('role_evidence').select(['note', 'marker_id']).execute()).toEqual([{ note: 'En gammel note', marker_id: null }]);
    expect(await seedRoleMarkersOnce(db, at)).toBe(18);
    const rows = await db.selectFrom('role_markers').select(['role_key', 'level']).execute();
    expect(new Set(rows.map((r) => r.role_key))).toEqual(new Set(['ressourcedetektor', 'medbygger']));
    expect(await seedRoleMarkersOnce(db, at)).toBe(0);

    const one = await db.selectFrom('role_markers').select('id').where('role_key', '=', 'medbygger').orderBy('id').executeTakeFirstOrThrow();
    await deleteMarker(db, 'medbygger', one.id, SYSTEM_ACTOR, at);
    await db.deleteFrom('role_markers').where('role_key', '=', 'ressourcedetektor').execute(); // even all of a role's
    expect(await seedRoleMarkersOnce(db, at)).toBe(0);
    expect(await db.selectFrom('role_markers').select('id').where('role_key', '=', 'ressourcedetektor').execute()).toEqual([]);
    raw.close();
  });
});

// Migration 0015: a partnership that exists when it runs gets the five default standard items,
// each audited as the system; the defaults it writes are the ones the app gives new partnerships.
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import { migrations } from '../../migrations';
import { applyPragmas, createDb } from '../../server/db/database';
import { DEFAULT_STANDARD_ITEMS } from '../../server/partnerships/service';

describe('migration 0015', () => {
  it('seeds the default standard items for the partnerships there are', async () => {
    const raw = new SQLite(':memory:');
    applyPragmas(raw);
    const db = createDb(raw);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0013_agenda_document')).error).toBeUndefined();
    const at = '2026-01-01T00:00:00.000Z';
    for (const name of ['Første partnerskab', 'Andet partnerskab']) {
      await db.insertInto('partnerships').values({ name, purpose: '', project_area: '', start_date: null, meeting_cadence: 'aftales nærmere', created_at: at, updated_at: at }).execute();
    }
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const rows = await db.selectFrom('standard_items').select(['partnership_id', 'position', 'title', 'kind', 'follow_up', 'background']).orderBy('partnership_id').orderBy('position').execute();
    const expected = DEFAULT_STANDARD_ITEMS.map((d, i) => ({ position: i + 1, title: d.title, kind: d.kind, follow_up: d.follow_up, background: '' }));
    expect(rows.filter((r) => r.partnership_id === 1).map(({ partnership_id: _, ...r }) => r)).toEqual(expected);
    expect(rows.filter((r) => r.partnership_id === 2)).toHaveLength(5);
    const audit = await db.selectFrom('audit_log').select(['entity', 'user_id', 'action']).where('entity', '=', 'standard_item').execute();
    expect(audit).toHaveLength(10);
    expect(audit.every((a) => a.user_id === null && a.action === 'create')).toBe(true);
    raw.close();
  });
});

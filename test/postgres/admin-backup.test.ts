// /admin/backup on PostgreSQL: the download is pg_dump's custom-format file, and the page says
// what it holds and how it goes back. Skipped on the SQLite run.
import { createApp } from '../../server/app';
import { fixedClock } from '../../server/web/clock';
import { testConfig, TEST_NOW } from '../helpers/app';
import { signedIn } from '../helpers/agent';
import { freshPostgresDatabase, onPostgres } from '../helpers/postgres';

const describePg = onPostgres ? describe : describe.skip;

describePg('/admin/backup on PostgreSQL', () => {
  it('downloads a pg_dump file without caching, and explains pg_restore', async () => {
    const { db, url } = await freshPostgresDatabase();
    const app = createApp({ db, config: { ...testConfig, databaseUrl: url }, clock: fixedClock(TEST_NOW), log: () => undefined });
    const admin = await signedIn(app, db, 'admin');
    const page = await admin.agent.get('/admin/backup');
    expect(page.text).toContain('pg_dump');
    expect(page.text).toContain('pg_restore');
    const res = await admin.post('/admin/backup').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?uldum-backup-\d{4}-\d{2}-\d{2}\.dump"?/);
    expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('PGDMP');
  });
});

// The PostgreSQL settings an operator turns: the pool's statement timeout reaches the server, a
// statement past it answers 503 in Danish (no stack trace), and /healthz tells a load balancer
// when an instance cannot reach its database. Skipped on the SQLite run.
import pg from 'pg';
import request from 'supertest';
import { sql } from 'kysely';
import { createApp } from '../../server/app';
import { createPostgresDb, createPostgresPool, WRITE_LOCK_KEY } from '../../server/db/postgres';
import { fixedClock } from '../../server/web/clock';
import { testConfig, TEST_NOW } from '../helpers/app';
import { signedIn } from '../helpers/agent';
import { anotherInstanceDb, freshPostgresDatabase, onPostgres } from '../helpers/postgres';

const describePg = onPostgres ? describe : describe.skip;

describePg('PostgreSQL settings and health', () => {
  it('gives every connection the statement timeout; a save that waits past it is a 503 in Danish and saves nothing', async () => {
    const { url } = await freshPostgresDatabase();
    const db = createPostgresDb(createPostgresPool(url, { poolSize: 2, statementTimeoutMs: 300 }));
    const blocker = new pg.Client({ connectionString: url });
    try {
      const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db);
      expect(rows[0].statement_timeout).toBe('300ms');
      const app = createApp({ db, config: testConfig, clock: fixedClock(TEST_NOW), log: () => undefined });
      const k = await signedIn(app, db, 'konsulent');
      // A long job elsewhere holds the write lock every transaction takes.
      await blocker.connect();
      await blocker.query('select pg_advisory_lock($1)', [WRITE_LOCK_KEY]);
      const res = await k.post('/organisations', { name: 'Uldum Borgerforening', kind: 'forening', description: '', active: 'on' });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.text).toContain('Databasen svarer ikke lige nu');
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
      await blocker.query('select pg_advisory_unlock($1)', [WRITE_LOCK_KEY]);
      expect(await db.selectFrom('organisations').select('id').where('name', '=', 'Uldum Borgerforening').execute()).toEqual([]);
    } finally {
      await blocker.end();
      await db.destroy();
    }
  });

  it('/healthz is 200 while the pool reaches the database and 503 when it cannot', async () => {
    const { url } = await freshPostgresDatabase();
    const up = anotherInstanceDb(url);
    const app = (db: typeof up) => createApp({ db, config: testConfig, clock: fixedClock(TEST_NOW), log: () => undefined });
    expect((await request(app(up)).get('/healthz')).status).toBe(200);

    const closedPort = new URL(url);
    closedPort.port = '1'; // nothing listens there
    const down = createPostgresDb(createPostgresPool(closedPort.toString(), { poolSize: 1 }));
    try {
      const res = await request(app(down)).get('/healthz');
      expect(res.status).toBe(503);
      expect(res.text).toBe('database unavailable');
    } finally {
      await down.destroy();
    }
  });
});

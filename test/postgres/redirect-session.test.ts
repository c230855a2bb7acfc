// A browser follows a redirect as soon as its headers arrive. express-session sends the headers
// first and saves the session while the last byte waits, so on a database across the network the
// next page could read the session before the form's message ("Punktet er tilføjet") was in it:
// the message was lost. A redirect now waits for the save. The save is held here by a row lock
// taken from another connection, so the order is seen, not raced. PostgreSQL run only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../server/app';
import { fixedClock } from '../../server/web/clock';
import { testConfig, TEST_NOW } from '../helpers/app';
import { csrfFrom, PASSWORD } from '../helpers/agent';
import { aUser } from '../helpers/factories';
import { freshPostgresDatabase, onPostgres } from '../helpers/postgres';
import { EXPORT_TEXTS } from '../../server/exports/messages';

const describePg = onPostgres ? describe : describe.skip;

/** Sends a form and resolves `headers` when the response's headers arrive, `done` with its whole body. */
function postForm(port: number, path: string, cookie: string, form: Record<string, string>) {
  const body = new URLSearchParams(form).toString();
  let headersArrived = false;
  const done = new Promise<{ status: number; location: string }>((resolve, reject) => {
    const req = http.request(
      { port, path, method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        headersArrived = true;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return { done, headersArrived: () => headersArrived };
}

describePg('a redirect after a form waits until the session is saved', () => {
  it('the 303 reaches the browser only once its message is in the session, and the next page shows it', async () => {
    const { db, url } = await freshPostgresDatabase();
    const app = createApp({ db, config: testConfig, clock: fixedClock(TEST_NOW), log: () => undefined });
    const user = await aUser(db, 'konsulent');
    const { email } = await db.selectFrom('users').select('email').where('id', '=', user.userId).executeTakeFirstOrThrow();
    const loginPage = await request(app).get('/login');
    const preCookies = (loginPage.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const login = await request(app).post('/login').set('Cookie', preCookies).type('form').send({ _csrf: csrfFrom(loginPage.text), email, password: PASSWORD });
    const cookie = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).find((c) => c.startsWith('uldum.sid='))!;
    const csrf = csrfFrom((await request(app).get('/profile').set('Cookie', cookie)).text);
    const sid = decodeURIComponent(cookie.slice('uldum.sid='.length)).replace(/^s:/, '').split('.')[0];

    const server = app.listen(0);
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('select 1 from sessions where sid = $1 for update', [sid]);
      const post = postForm((server.address() as AddressInfo).port, '/profile/calendar-token', cookie, { _csrf: csrf });

      // Until the session's save is seen waiting for the lock (the only lock held is on its row).
      let waiting = false;
      for (let i = 0; i < 400 && !waiting; i++) {
        const { rows } = await locker.query(
          `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        waiting = rows.length > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 25));
      }
      expect(waiting).toBe(true);
      await locker.query('select 1'); // one more round trip: headers sent earlier would have arrived by now
      expect(post.headersArrived()).toBe(false);

      await locker.query('commit');
      const res = await post.done;
      expect(res.status).toBe(303);
      const next = await request(app).get(res.location.replace(/#.*/, '')).set('Cookie', cookie);
      expect(next.text).toContain(EXPORT_TEXTS.calendarRenewed);
    } finally {
      await locker.end().catch(() => undefined);
      await new Promise((r) => server.close(r));
    }
  });
});

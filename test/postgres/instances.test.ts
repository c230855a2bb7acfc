// Two app instances on one PostgreSQL database behave as one: each has its own pool, caches and
// memory, as two processes behind a load balancer would; only the database is shared. Runs on the
// PostgreSQL run of the suite (scripts/with-postgres.sh); skipped on SQLite.
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/database';
import { approveMinutes } from '../../server/meetings/minutes';
import { createMailWorker } from '../../server/mail/service';
import { smtpTransport } from '../../server/mail/transport';
import { notifierFor, runDailyReminders } from '../../server/notifications/service';
import { fixedClock } from '../../server/web/clock';
import { testConfig, TEST_NOW } from '../helpers/app';
import { csrfFrom, PASSWORD, signIn } from '../helpers/agent';
import { aMeeting, aMeetingAwaitingApproval, anAction, aUser } from '../helpers/factories';
import { aLearning } from '../helpers/register-factories';
import { anotherInstanceDb, freshPostgresDatabase, onPostgres } from '../helpers/postgres';
import { startSmtp } from '../helpers/smtp';
import { FROM, message, queue } from '../mail/helpers';

const describePg = onPostgres ? describe : describe.skip;
const AT = new Date(TEST_NOW);

interface Instance {
  db: Db;
  app: Express;
}

async function twoInstances(): Promise<[Instance, Instance]> {
  const { db, url } = await freshPostgresDatabase();
  const other = anotherInstanceDb(url);
  const instance = (d: Db): Instance => ({ db: d, app: createApp({ db: d, config: testConfig, clock: fixedClock(TEST_NOW), log: () => undefined }) });
  return [instance(db), instance(other)];
}

describePg('two app instances on one PostgreSQL database', () => {
  it('a sign-in on one instance carries on on the other, CSRF token included', async () => {
    const [a, b] = await twoInstances();
    const user = await aUser(a.db, 'konsulent');
    const email = (await a.db.selectFrom('users').select('email').where('id', '=', user.userId).executeTakeFirstOrThrow()).email;
    // Signed in through A's login form, as a browser would be by the load balancer.
    const loginPage = await request(a.app).get('/login');
    const preCookies = (loginPage.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const login = await request(a.app).post('/login').set('Cookie', preCookies).type('form').send({ _csrf: csrfFrom(loginPage.text), email, password: PASSWORD });
    expect(login.status).toBe(303);
    const jar = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).find((c) => c.startsWith('uldum.sid='))!;
    expect(jar).toBeDefined();
    const profileOnA = await request(a.app).get('/profile').set('Cookie', jar);
    const csrf = csrfFrom(profileOnA.text);

    const profileOnB = await request(b.app).get('/profile').set('Cookie', jar);
    expect(profileOnB.status).toBe(200);
    expect(csrfFrom(profileOnB.text)).toBe(csrf); // the token lives in the shared session

    // A form sent to B with the token A's page gave: accepted, and the session ends everywhere.
    const out = await request(b.app).post('/logout').set('Cookie', jar).type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect((await request(a.app).get('/profile').set('Cookie', jar)).status).toBe(303); // A sees the session gone
  });

  it('a write on one instance shows on the other at once, remembered search results included', async () => {
    const [a, b] = await twoInstances();
    const user = await aUser(a.db, 'konsulent');
    const email = (await a.db.selectFrom('users').select('email').where('id', '=', user.userId).executeTakeFirstOrThrow()).email;
    const onB = await signIn(b.app, email, PASSWORD);
    const before = await onB.agent.get('/search').query({ q: 'vandværket' });
    expect(before.text).toContain('Ingen resultater');

    await aLearning(a.db, { title: 'Vandværket åbnede for borgerne' }); // written through A's pool

    const after = await onB.agent.get('/search').query({ q: 'vandværket' });
    expect(after.text).toContain('åbnede for borgerne');
  });

  it('two approvals at the same moment on two instances: both kept, the minutes locked once', async () => {
    const [a, b] = await twoInstances();
    const meeting = await aMeetingAwaitingApproval(a.db);
    const foa = await aUser(a.db, 'repraesentant', 'Hanne M. Petersen');
    const kommune = await aUser(a.db, 'repraesentant', 'René G. Nielsen');

    const results = await Promise.all([approveMinutes(a.db, meeting, foa, AT), approveMinutes(b.db, meeting, kommune, AT)]);
    expect(results.sort()).toEqual(['approved', 'locked']);
    const minutes = await a.db.selectFrom('minutes').select(['id', 'status']).where('meeting_id', '=', meeting).executeTakeFirstOrThrow();
    expect(minutes.status).toBe('godkendt');
    expect(await a.db.selectFrom('minutes_approvals').select('organisation_id').where('minutes_id', '=', minutes.id).execute()).toHaveLength(2);
    const locks = await a.db.selectFrom('audit_log').select('id').where('entity', '=', 'minutes').where('entity_id', '=', String(minutes.id)).where('after', 'like', '%godkendt%').execute();
    expect(locks).toHaveLength(1);
  });

  it('the same approver on both instances at once: one approval, the other told it is already there', async () => {
    const [a, b] = await twoInstances();
    const meeting = await aMeetingAwaitingApproval(a.db);
    const foa = await aUser(a.db, 'repraesentant', 'Hanne M. Petersen');
    const results = await Promise.all([approveMinutes(a.db, meeting, foa, AT), approveMinutes(b.db, meeting, foa, AT)]);
    expect(results.sort()).toEqual(['already-approved', 'approved']);
    expect(await a.db.selectFrom('minutes_approvals').select('id').execute()).toHaveLength(1);
  });

  it('the outbox workers of both instances deliver each message once', async () => {
    const [a, b] = await twoInstances();
    const smtp = await startSmtp();
    try {
      const ids = await queue(a.db, ...Array.from({ length: 12 }, (_, i) => message(AT, { to: { address: `modtager${i}@uldum.example.dk`, name: `Modtager ${i}` } })));
      const worker = (db: Db) => createMailWorker({ db, clock: fixedClock(TEST_NOW), from: FROM, transport: smtpTransport(smtp.url), log: () => undefined });
      const [ra, rb] = await Promise.all([worker(a.db).runDueOnce(), worker(b.db).runDueOnce()]);
      expect(ra.sent + rb.sent).toBe(12);
      const delivered = smtp.received.map((m) => (m.parsed.to && !Array.isArray(m.parsed.to) ? m.parsed.to.value[0].address : '')).sort();
      expect(delivered).toEqual(ids.map((_, i) => `modtager${i}@uldum.example.dk`).sort());
      const statuses = await a.db.selectFrom('outbox').select('status').execute();
      expect(statuses.every((s) => s.status === 'sent')).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  it("the day's reminders run once when both instances start the run at the same moment", async () => {
    const [a, b] = await twoInstances();
    const meeting = await aMeeting(a.db);
    const hanne = await aUser(a.db, 'repraesentant', 'Hanne M. Petersen');
    await anAction(a.db, meeting, { text: 'Send budgettet rundt', owner_id: hanne.personId, due_date: '2026-11-25' });
    const config = { ...testConfig, publicUrl: 'https://uldum.example.dk', mailFrom: FROM };
    const runs = await Promise.all([runDailyReminders(a.db, AT, notifierFor(config)), runDailyReminders(b.db, AT, notifierFor(config))]);
    expect(runs.filter((r) => r.day !== null)).toHaveLength(1);
    const runRows = await a.db.selectFrom('sent_reminders').select('key').where('key', 'like', 'run:%').execute();
    expect(runRows).toHaveLength(1);
  });
});

// The sessions a user can see (/profile/sessions): list, "Log ud her", "Log ud alle andre
// steder", an administrator ending all of a user's; the idle and the absolute timeout on an
// injected clock; and no session stored for a signed-out page view.
import request from 'supertest';
import { generate } from 'otplib';
import { enableTotp, newTotpKey } from '../../server/accounts/totp';
import { csrfFrom, PASSWORD, signedIn, type SignedIn } from '../helpers/agent';
import { testApp, testConfig, type TestApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { flashes } from '../helpers/html';

const MINUTE = 60 * 1000;
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function emailOf(t: TestApp, userId: number): Promise<string> {
  return (await t.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}

/** Signs the same user in from another browser (its own cookies and User-Agent). */
async function anotherBrowser(t: TestApp, email: string, userAgent: string) {
  const agent = request.agent(t.app).set('User-Agent', userAgent);
  const login = await agent.get('/login');
  const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email, password: PASSWORD });
  expect(res.status).toBe(303);
  return agent;
}

/** The session id a response's Set-Cookie gives the browser, if any. */
function sidOf(res: request.Response): string | undefined {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('uldum.sid='));
  return header ? /^s:([^.]+)\./.exec(decodeURIComponent(header.split(';')[0].slice('uldum.sid='.length)))?.[1] : undefined;
}

async function sessionRow(t: TestApp, sid: string | undefined) {
  return sid ? t.db.selectFrom('sessions').select(['sid', 'user_id']).where('sid', '=', sid).executeTakeFirst() : undefined;
}

function handles(html: string): string[] {
  return [...html.matchAll(/name="session" value="([\w-]+)"/g)].map((m) => m[1]);
}

async function sessionsPage(user: SignedIn) {
  const page = await user.agent.get('/profile/sessions');
  expect(page.status).toBe(200);
  return page;
}

describe('/profile/sessions', () => {
  it('lists where the user is signed in: browser, address, started, last seen, and which is this one', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'repraesentant');
    const email = await emailOf(t, user.userId);
    t.clock.advance(5 * MINUTE);
    await anotherBrowser(t, email, FIREFOX);
    t.clock.advance(5 * MINUTE);
    await anotherBrowser(t, email, SAFARI);
    const other = await signedIn(t.app, t.db, 'repraesentant');

    const page = await sessionsPage(user);
    const rows = page.text.split('<tr>').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Denne browser');
    expect(page.text).toContain('Firefox på Windows');
    expect(page.text).toContain('Safari på iOS');
    expect(page.text).toContain('24.11.2026 11.05'); // the Firefox sign-in, Copenhagen time
    expect(page.text).toContain('127.0.0.1');
    expect(page.text).toContain('Log ud alle andre steder');
    // Sessions are named by a handle, never their id (a live sign-in).
    const sids = (await t.db.selectFrom('sessions').select('sid').execute()).map((s) => s.sid);
    for (const s of sids) expect(page.text).not.toContain(s);
    expect(handles(page.text)).toHaveLength(2);
    // Only one's own.
    expect((await sessionsPage(other)).text.split('<tr>').slice(2)).toHaveLength(1);
  });

  it('ends one other session with "Log ud her", and it is audited', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'repraesentant');
    const firefox = await anotherBrowser(t, await emailOf(t, user.userId), FIREFOX);
    expect((await firefox.get('/people')).status).toBe(200);
    const page = await sessionsPage(user);
    const [handle] = handles(page.text);
    const res = await user.post('/profile/sessions/end', { session: handle });
    expect(res.status).toBe(303);
    expect(flashes((await user.agent.get('/profile/sessions')).text)).toContain('Sessionen er logget ud.');
    expect((await firefox.get('/people')).status).toBe(303);
    expect((await user.agent.get('/people')).status).toBe(200);
    const entry = (await auditOf(t.db, 'session', user.userId)).at(-1)!;
    expect(entry).toMatchObject({ action: 'delete', user_id: user.userId });
    // The same handle again: already gone.
    await user.post('/profile/sessions/end', { session: handle });
    expect(flashes((await user.agent.get('/profile/sessions')).text)).toContain('Sessionen er allerede afsluttet.');
  });

  it('cannot end another user’s session', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'repraesentant');
    const victim = await signedIn(t.app, t.db, 'repraesentant');
    await anotherBrowser(t, await emailOf(t, victim.userId), FIREFOX);
    const [victimHandle] = handles((await sessionsPage(victim)).text);
    await user.post('/profile/sessions/end', { session: victimHandle });
    expect((await victim.agent.get('/people')).status).toBe(200);
    expect(await t.db.selectFrom('sessions').select('sid').where('user_id', '=', victim.userId).execute()).toHaveLength(2);
  });

  it('ends all the others with "Log ud alle andre steder", keeping this one', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'konsulent');
    const email = await emailOf(t, user.userId);
    const firefox = await anotherBrowser(t, email, FIREFOX);
    const safari = await anotherBrowser(t, email, SAFARI);
    const res = await user.post('/profile/sessions/end-others');
    expect(res.status).toBe(303);
    expect(flashes((await user.agent.get('/profile/sessions')).text)).toContain('Du er logget ud alle andre steder.');
    expect((await firefox.get('/people')).status).toBe(303);
    expect((await safari.get('/people')).status).toBe(303);
    expect((await user.agent.get('/people')).status).toBe(200);
    expect(await t.db.selectFrom('sessions').select('sid').where('user_id', '=', user.userId).execute()).toHaveLength(1);
  });

  it('"Log ud her" on this browser signs it out', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'laeser');
    const page = await sessionsPage(user);
    expect(page.text).toMatch(/<form method="post" action="\/logout" class="inline">/);
    const res = await user.post('/logout');
    expect(res.headers.location).toBe('/login');
    expect((await user.agent.get('/profile/sessions')).status).toBe(303);
  });

  it('lets an administrator sign a user out everywhere', async () => {
    const t = await testApp();
    const admin = await signedIn(t.app, t.db, 'admin');
    const user = await signedIn(t.app, t.db, 'repraesentant');
    const firefox = await anotherBrowser(t, await emailOf(t, user.userId), FIREFOX);
    expect((await admin.agent.get(`/admin/users/${user.userId}/edit`)).text).toMatch(/<dt>Aktive sessioner<\/dt><dd>2<\/dd>/);
    const res = await admin.post(`/admin/users/${user.userId}/sessions/end`);
    expect(res.status).toBe(303);
    expect((await user.agent.get('/people')).status).toBe(303);
    expect((await firefox.get('/people')).status).toBe(303);
    expect((await admin.agent.get('/people')).status).toBe(200);
    const entry = (await auditOf(t.db, 'session', user.userId)).at(-1)!;
    expect(entry.user_id).toBe(admin.userId);
  });

  it('is for administrators only to end another user’s sessions', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'konsulent');
    const other = await signedIn(t.app, t.db, 'laeser');
    expect((await user.post(`/admin/users/${other.userId}/sessions/end`)).status).toBe(403);
  });
});

describe('session timeouts', () => {
  it('ends a session after two hours without a request (the idle timeout), not while it is used', async () => {
    const t = await testApp({ config: { sessionIdleMinutes: 120 } });
    const user = await signedIn(t.app, t.db, 'laeser');
    t.clock.advance(119 * MINUTE);
    expect((await user.agent.get('/people')).status).toBe(200);
    t.clock.advance(119 * MINUTE);
    expect((await user.agent.get('/people')).status).toBe(200);
    t.clock.advance(121 * MINUTE);
    const res = await user.agent.get('/people');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fpeople');
  });

  it('takes the idle timeout from SESSION_IDLE_MINUTES', async () => {
    const t = await testApp({ config: { sessionIdleMinutes: 30 } });
    const user = await signedIn(t.app, t.db, 'laeser');
    t.clock.advance(29 * MINUTE);
    expect((await user.agent.get('/people')).status).toBe(200);
    t.clock.advance(31 * MINUTE);
    expect((await user.agent.get('/people')).status).toBe(303);
  });

  it('ends a session twelve hours after sign-in however active (the absolute timeout)', async () => {
    const t = await testApp({ config: { sessionMaxHours: 12 } });
    const user = await signedIn(t.app, t.db, 'laeser');
    for (let hour = 1; hour < 12; hour++) {
      t.clock.advance(60 * MINUTE);
      expect((await user.agent.get('/people')).status).toBe(200);
    }
    t.clock.advance(59 * MINUTE);
    expect((await user.agent.get('/people')).status).toBe(200);
    t.clock.advance(1 * MINUTE);
    expect((await user.agent.get('/people')).status).toBe(303);
  });
});

describe('a new session id on every change of privilege', () => {
  it('the second step of signing in: the half-signed-in session is gone, the signed-in one has a new id', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'repraesentant');
    const key = newTotpKey();
    const epoch = () => Math.floor(t.clock.now().getTime() / 1000);
    await enableTotp(t.db, user.userId, key, await generate({ secret: key, epoch: epoch() }), t.clock.now(), testConfig.sessionSecret);
    t.clock.advance(MINUTE);

    const browser = request.agent(t.app);
    const login = await browser.get('/login');
    const password = await browser.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email: await emailOf(t, user.userId), password: PASSWORD });
    expect(password.headers.location).toBe('/login/two-factor');
    const pending = sidOf(password)!;
    expect(await sessionRow(t, pending)).toBeDefined();

    const step = await browser.get('/login/two-factor');
    const done = await browser.post('/login/two-factor').type('form').send({ _csrf: csrfFrom(step.text), code: await generate({ secret: key, epoch: epoch() }) });
    expect(done.status).toBe(303);
    const signedInSid = sidOf(done)!;
    expect(signedInSid).not.toBe(pending);
    expect(await sessionRow(t, pending)).toBeUndefined();
    expect(await sessionRow(t, signedInSid)).toEqual({ sid: signedInSid, user_id: user.userId });
    expect((await browser.get('/people')).status).toBe(200);
  });

  it('an administrator changing their own role stays signed in under a new id, with the new role', async () => {
    const t = await testApp();
    const admin = await signedIn(t.app, t.db, 'admin');
    await signedIn(t.app, t.db, 'admin'); // another administrator, so this one may step down
    const [before] = await t.db.selectFrom('sessions').select('sid').where('user_id', '=', admin.userId).execute();
    const res = await admin.post(`/admin/users/${admin.userId}`, { role: 'konsulent' });
    expect(res.status).toBe(303);
    const after = sidOf(res);
    expect(after).toBeDefined();
    expect(after).not.toBe(before.sid);
    expect(await sessionRow(t, before.sid)).toBeUndefined();
    expect(await sessionRow(t, after)).toEqual({ sid: after, user_id: admin.userId });
    expect((await admin.agent.get('/people/new')).status).toBe(200); // a konsulent now
    expect((await admin.agent.get('/admin/users')).status).toBe(403);
  });
});

describe('signed-out page views', () => {
  it('store no session row: the login page, a failed sign-in, a page that sends to /login', async () => {
    const t = await testApp();
    await signedIn(t.app, t.db, 'laeser');
    const before = await t.db.selectFrom('sessions').select('sid').execute();
    const browser = request.agent(t.app);
    expect((await browser.get('/')).status).toBe(303);
    const login = await browser.get('/login');
    expect(login.status).toBe(200);
    const failed = await browser.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email: 'ukendt@test.dk', password: 'forkert-forkert' });
    expect(failed.status).toBe(422);
    expect((await browser.get('/login')).status).toBe(200);
    expect(await t.db.selectFrom('sessions').select('sid').execute()).toEqual(before);
  });
});

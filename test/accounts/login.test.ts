import request from 'supertest';
import { csrfFrom, PASSWORD, signedIn, signIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { fieldError, fieldValue } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';

const WRONG = 'forkert-adgangskode';
const MINUTE = 60 * 1000;

/** The session cookie a response sets, as `uldum.sid=…`, and the session id inside it. */
function sessionCookie(res: request.Response): { header: string; cookie: string; sid: string } | undefined {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('uldum.sid='));
  if (!header) return undefined;
  const cookie = header.split(';')[0];
  const sid = /^s:([^.]+)\./.exec(decodeURIComponent(cookie.slice('uldum.sid='.length)))?.[1] ?? '';
  return { header, cookie, sid };
}

async function emailOf(db: TestApp['db'], userId: number): Promise<string> {
  return (await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}

/** A user who exists but is signed out, and a fresh browser on the login page. */
async function atLoginPage(t: TestApp) {
  const existing = await signedIn(t.app, t.db, 'konsulent');
  const email = await emailOf(t.db, existing.userId);
  const agent = request.agent(t.app);
  const page = await agent.get('/login');
  const csrf = csrfFrom(page.text);
  const login = (password: string, extra: Record<string, string> = {}, as = email) =>
    agent.post('/login').type('form').send({ _csrf: csrf, email: as, password, ...extra });
  return { agent, page, email, userId: existing.userId, login };
}

describe('/login', () => {
  it('signs in and goes to the page asked for', async () => {
    const t = await testApp();
    const { agent, login, userId } = await atLoginPage(t);
    const res = await login(PASSWORD, { next: '/people?q=hanne' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/people?q=hanne');
    expect((await agent.get('/people')).status).toBe(200);
    const user = await t.db.selectFrom('users').select('last_login_at').where('id', '=', userId).executeTakeFirstOrThrow();
    expect(user.last_login_at).toBe(t.clock.now().toISOString());
  });

  it('accepts the e-mail in any case and with spaces around it', async () => {
    const t = await testApp();
    const { login, email } = await atLoginPage(t);
    const res = await login(PASSWORD, {}, `  ${email.toUpperCase()} `);
    expect(res.status).toBe(303);
  });

  it('answers a wrong password with 422 and a Danish message, keeping the e-mail but not the password', async () => {
    const t = await testApp();
    const { login, email, agent } = await atLoginPage(t);
    const res = await login(WRONG);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'password')).toBe('E-mail eller adgangskode er forkert');
    expect(fieldValue(res.text, 'email')).toBe(email);
    expect(res.text).not.toContain(WRONG);
    expect((await agent.get('/')).status).toBe(303);
  });

  it('gives an unknown e-mail the same answer as a wrong password', async () => {
    const t = await testApp();
    const { login } = await atLoginPage(t);
    const res = await login(PASSWORD, {}, 'ukendt@test.dk');
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'password')).toBe('E-mail eller adgangskode er forkert');
  });

  it('asks for the missing fields with 422', async () => {
    const t = await testApp();
    const { login } = await atLoginPage(t);
    const res = await login('', {}, '');
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'email')).toBe('Skriv din e-mail');
    expect(fieldError(res.text, 'password')).toBe('Skriv din adgangskode');
  });

  it('refuses a sign-in without a CSRF token', async () => {
    const t = await testApp();
    const { email } = await atLoginPage(t);
    const res = await request(t.app).post('/login').type('form').send({ email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it.each([
    ['//evil.com', '/'],
    ['https://evil.com/', '/'],
    ['/\\evil.com', '/'],
    ['evil.com', '/'],
    ['/organisations', '/organisations'],
  ])('after sign-in sends next=%s to %s', async (next, expected) => {
    const t = await testApp();
    const { login } = await atLoginPage(t);
    const res = await login(PASSWORD, { next });
    expect(res.headers.location).toBe(expected);
  });

  it('keeps next in the form, and sends a signed-in user straight on (but never off-site)', async () => {
    const t = await testApp();
    const existing = await signedIn(t.app, t.db, 'laeser');
    const page = await request(t.app).get('/login?next=%2Fpeople%2F3');
    expect(page.text).toContain('<input type="hidden" name="next" value="/people/3">');
    expect((await existing.agent.get('/login?next=%2Forganisations')).headers.location).toBe('/organisations');
    expect((await existing.agent.get('/login?next=%2F%2Fevil.com')).headers.location).toBe('/');
  });
});

describe('/login: rate limit', () => {
  it('after 10 failed attempts refuses even the right password with 429 for 15 minutes', async () => {
    const t = await testApp();
    const { login, agent, userId } = await atLoginPage(t);
    await withoutAuditRule(t.db, () => t.db.updateTable('users').set({ last_login_at: null }).where('id', '=', userId).execute());
    for (let i = 0; i < 10; i++) expect((await login(WRONG)).status).toBe(422);

    const blocked = await login(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('For mange mislykkede forsøg. Vent et kvarter, og prøv igen.');
    expect((await agent.get('/')).status).toBe(303);
    expect((await t.db.selectFrom('users').select('last_login_at').where('id', '=', userId).executeTakeFirstOrThrow()).last_login_at).toBeNull();

    t.clock.advance(14 * MINUTE);
    expect((await login(PASSWORD)).status).toBe(429);

    t.clock.advance(1 * MINUTE);
    const res = await login(PASSWORD);
    expect(res.status).toBe(303);
    expect((await agent.get('/')).status).toBe(200);
  });

  it('does not block after 9 failures', async () => {
    const t = await testApp();
    const { login } = await atLoginPage(t);
    for (let i = 0; i < 9; i++) await login(WRONG);
    expect((await login(PASSWORD)).status).toBe(303);
  });
});

describe('sessions', () => {
  it('stores no session for the login page or a failed sign-in (its form token is a signed cookie)', async () => {
    const t = await testApp();
    const { page, login } = await atLoginPage(t);
    const rows = () => t.db.selectFrom('sessions').select('sid').where('user_id', 'is', null).execute();
    expect(sessionCookie(page)).toBeUndefined();
    expect((page.headers['set-cookie'] as unknown as string[]).some((c) => /^uldum\.csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/.test(c))).toBe(true);
    expect(await rows()).toEqual([]);
    const failed = await login(WRONG);
    expect(failed.status).toBe(422);
    expect(sessionCookie(failed)).toBeUndefined();
    expect(await rows()).toEqual([]);
    expect(await t.db.selectFrom('sessions').select('sid').execute()).toHaveLength(1); // the other user's, signed in by atLoginPage
  });

  it('refuses a login form whose token belongs to another browser', async () => {
    const t = await testApp();
    const { email } = await atLoginPage(t);
    const other = await request(t.app).get('/login');
    const res = await request(t.app).post('/login').type('form').send({ _csrf: csrfFrom(other.text), email, password: PASSWORD });
    expect(res.status).toBe(403);
  });

  it('gets a new session id at sign-in, and the session it had is gone', async () => {
    const t = await testApp();
    const { agent, login, email } = await atLoginPage(t);
    const first = sessionCookie(await login(PASSWORD))!;
    // Signing in again in the same browser (e.g. with a planted session cookie) never keeps the id.
    const page = await agent.get('/login?next=%2F');
    expect(page.status).toBe(303);
    const again = await request(t.app).post('/login').set('Cookie', first.cookie).type('form').send({ _csrf: csrfFrom((await agent.get('/profile')).text), email, password: PASSWORD });
    const after = sessionCookie(again)!;
    expect(after.sid).not.toBe('');
    expect(after.sid).not.toBe(first.sid);
    expect(await t.db.selectFrom('sessions').select('sid').where('sid', '=', first.sid).executeTakeFirst()).toBeUndefined();
    expect(await t.db.selectFrom('sessions').select('user_id').where('sid', '=', after.sid).executeTakeFirst()).toBeDefined();
    expect((await request(t.app).get('/').set('Cookie', first.cookie)).status).toBe(303);
    expect((await request(t.app).get('/').set('Cookie', after.cookie)).status).toBe(200);
  });

  it('marks the session cookie HttpOnly and SameSite=Lax', async () => {
    const t = await testApp();
    const { login } = await atLoginPage(t);
    const { header } = sessionCookie(await login(PASSWORD))!;
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; SameSite=Lax/i);
    expect(header).toMatch(/; Path=\//);
  });

  it('ends the session at logout, also for a copy of the cookie', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'konsulent');
    const home = await user.agent.get('/logout');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Log ud nu');
    const sessionRow = await t.db.selectFrom('sessions').select('sid').where('user_id', '=', user.userId).executeTakeFirstOrThrow();

    const res = await user.post('/logout');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect(sessionCookie(res)?.header).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await t.db.selectFrom('sessions').select('sid').where('user_id', '=', user.userId).execute()).toEqual([]);

    const after = await user.agent.get('/people');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fpeople');
    const cookie = `uldum.sid=${encodeURIComponent(`s:${sessionRow.sid}`)}`;
    expect((await request(t.app).get('/').set('Cookie', cookie)).status).toBe(303);
    expect((await request(t.app).get('/logout')).headers.location).toBe('/login');
  });

  it('stops a disabled user at the next request', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'konsulent');
    expect((await user.agent.get('/people')).status).toBe(200);
    await withoutAuditRule(t.db, () => t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.userId).execute());
    const res = await user.agent.get('/people');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fpeople');
  });

  it('does not let a disabled user sign in', async () => {
    const t = await testApp();
    const { login, userId } = await atLoginPage(t);
    await withoutAuditRule(t.db, () => t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', userId).execute());
    const res = await login(PASSWORD);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'password')).toBe('E-mail eller adgangskode er forkert');
  });

  it('signs in again after logout', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'laeser');
    await user.post('/logout');
    const again = await signIn(t.app, await emailOf(t.db, user.userId));
    expect((await again.agent.get('/')).status).toBe(200);
  });
});

// Two-factor for local accounts: enrolment with a QR code and a key, the second step of signing
// in (wrong code, replayed code, recovery code once), the rate limit per account, an
// administrator's reset, and the requirement for administrators and konsulenter.
import request from 'supertest';
import { generate } from 'otplib';
import { csrfFrom, PASSWORD, signedIn, type Agent } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { fieldError, flashes } from '../helpers/html';

const MINUTE = 60 * 1000;

function keyFrom(html: string): string {
  const m = /id="totp-key">([A-Z2-7 ]+)</.exec(html);
  if (!m) throw new Error('no TOTP key on the page');
  return m[1].replace(/ /g, '');
}

function recoveryCodesFrom(html: string): string[] {
  return [...html.matchAll(/<li><code>([A-Z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
}

function codeAt(t: TestApp, key: string): Promise<string> {
  return generate({ secret: key, epoch: Math.floor(t.clock.now().getTime() / 1000) });
}

function sid(res: request.Response): string | undefined {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('uldum.sid='));
  return header ? /^s:([^.]+)\./.exec(decodeURIComponent(header.split(';')[0].slice('uldum.sid='.length)))?.[1] : undefined;
}

async function emailOf(t: TestApp, userId: number): Promise<string> {
  return (await t.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}

/** Enrols a signed-in user from the profile; returns the key and the recovery codes. */
async function enrolFromProfile(t: TestApp, user: { agent: Agent }) {
  const page = await user.agent.get('/profile/two-factor');
  const key = keyFrom(page.text);
  const res = await user.agent.post('/profile/two-factor').type('form').send({ _csrf: csrfFrom(page.text), code: await codeAt(t, key) });
  expect(res.status).toBe(200);
  return { key, codes: recoveryCodesFrom(res.text), res };
}

/** A fresh browser that typed the right password: it is at the second step. */
async function atSecondStep(t: TestApp, email: string) {
  const agent = request.agent(t.app);
  const login = await agent.get('/login');
  const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email, password: PASSWORD, next: '/people' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/login/two-factor');
  const page = await agent.get('/login/two-factor');
  const csrf = csrfFrom(page.text);
  return { agent, page, submit: (code: string) => agent.post('/login/two-factor').type('form').send({ _csrf: csrf, code }) };
}

describe('two-factor: enrolment on the profile', () => {
  it('shows a QR code drawn here and the key, refuses a wrong code, and turns on with the right one', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'repraesentant');
    const page = await user.agent.get('/profile/two-factor');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<img class="qr-code" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR-kode til godkendelsesappen"/);
    const key = keyFrom(page.text);
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    // The same key while the page is reloaded (kept in the session until confirmed).
    expect(keyFrom((await user.agent.get('/profile/two-factor')).text)).toBe(key);

    const wrong = await user.agent.post('/profile/two-factor').type('form').send({ _csrf: csrfFrom(page.text), code: '000000' === (await codeAt(t, key)) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(fieldError(wrong.text, 'code')).toBe('Koden passer ikke. Skriv den 6-cifrede kode, appen viser nu.');

    const before = await t.db.selectFrom('sessions').select('sid').where('user_id', '=', user.userId).executeTakeFirstOrThrow();
    const right = await user.agent.post('/profile/two-factor').type('form').send({ _csrf: csrfFrom(page.text), code: await codeAt(t, key) });
    expect(right.status).toBe(200);
    const codes = recoveryCodesFrom(right.text);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // A new factor is a change of privilege: a new session id, the old one gone.
    expect(sid(right)).toBeDefined();
    expect(sid(right)).not.toBe(before.sid);
    expect(await t.db.selectFrom('sessions').select('sid').where('sid', '=', before.sid).executeTakeFirst()).toBeUndefined();

    const row = await t.db.selectFrom('users').select(['totp_secret_sealed', 'totp_enabled_at']).where('id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row.totp_secret_sealed).toMatch(/^v1\./);
    expect(row.totp_secret_sealed).not.toContain(key);
    expect(row.totp_enabled_at).toBe(t.clock.now().toISOString());
    const stored = await t.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', user.userId).execute();
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(stored.map((s) => s.code_hash)).not.toContain(code);
    const entry = (await auditOf(t.db, 'user', user.userId)).at(-1)!;
    expect(entry.user_id).toBe(user.userId);
    expect(entry.after).toContain('"totpfaktor":"slået til"');
    expect(entry.after).not.toContain(key);

    const status = await user.agent.get('/profile/two-factor');
    expect(status.text).toContain('Slået til');
    expect(status.text).toContain('10 af 10');
  });
});

describe('two-factor: the second step of signing in', () => {
  async function enrolled() {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'repraesentant');
    const { key, codes } = await enrolFromProfile(t, user);
    return { t, user, key, codes, email: await emailOf(t, user.userId) };
  }

  it('asks for a code after the password; without it nothing is signed in', async () => {
    const { t, key, email, user } = await enrolled();
    const step = await atSecondStep(t, email);
    expect(step.page.text).toContain('Bekræft med kode');
    expect((await step.agent.get('/people')).status).toBe(303);

    const wrong = await step.submit('123456' === (await codeAt(t, key)) ? '654321' : '123456');
    expect(wrong.status).toBe(422);
    expect(fieldError(wrong.text, 'code')).toBe('Koden er forkert eller allerede brugt. Skriv den kode, din app viser nu, eller en reservekode.');
    expect((await step.agent.get('/people')).status).toBe(303);

    t.clock.advance(MINUTE); // the enrolment's code is used; this is the next one
    const ok = await step.submit(await codeAt(t, key));
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/people');
    expect((await step.agent.get('/people')).status).toBe(200);
    const session = await t.db.selectFrom('sessions').select('data').where('sid', '=', sid(ok)!).executeTakeFirstOrThrow();
    expect(JSON.parse(session.data)).toMatchObject({ userId: user.userId, method: 'password+totp' });
  });

  it('accepts a code once: the same code again is refused, the next one works', async () => {
    const { t, key, email } = await enrolled();
    t.clock.advance(MINUTE);
    const code = await codeAt(t, key);
    expect((await (await atSecondStep(t, email)).submit(code)).status).toBe(303);
    const replay = await (await atSecondStep(t, email)).submit(code);
    expect(replay.status).toBe(422);
    expect(fieldError(replay.text, 'code')).toContain('allerede brugt');
    t.clock.advance(30 * 1000);
    expect((await (await atSecondStep(t, email)).submit(await codeAt(t, key))).status).toBe(303);
  });

  it('accepts a code one step late, not two', async () => {
    const { t, key, email } = await enrolled();
    t.clock.advance(MINUTE);
    const code = await codeAt(t, key);
    t.clock.advance(30 * 1000);
    expect((await (await atSecondStep(t, email)).submit(code)).status).toBe(303);
    t.clock.advance(MINUTE);
    const old = await codeAt(t, key);
    t.clock.advance(MINUTE);
    expect((await (await atSecondStep(t, email)).submit(old)).status).toBe(422);
  });

  it('takes a recovery code once, in any case and without dashes, and counts what is left', async () => {
    const { t, codes, email, user } = await enrolled();
    const step = await atSecondStep(t, email);
    const used = await step.submit(codes[3].replace(/-/g, '').toLowerCase());
    expect(used.status).toBe(303);
    expect(flashes((await step.agent.get('/people')).text)).toContain('Du er logget ind med en reservekode. Den kan ikke bruges igen.');
    const again = await (await atSecondStep(t, email)).submit(codes[3]);
    expect(again.status).toBe(422);
    const row = await t.db.selectFrom('recovery_codes').select(['used_at']).where('user_id', '=', user.userId).where('used_at', 'is not', null).execute();
    expect(row).toEqual([{ used_at: t.clock.now().toISOString() }]);
    const entry = (await auditOf(t.db, 'user', user.userId)).at(-1)!;
    expect(JSON.parse(entry.after!)).toEqual({ reservekode: 'brugt', reservekoder_tilbage: 9 });
  });

  it('refuses the sixth code in a quarter of an hour for the account, even a right one, from any browser', async () => {
    const { t, key, email } = await enrolled();
    t.clock.advance(MINUTE);
    for (let i = 0; i < 5; i++) expect((await (await atSecondStep(t, email)).submit('000001')).status).toBe(422);
    const blocked = await (await atSecondStep(t, email)).submit(await codeAt(t, key));
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('For mange forkerte koder. Vent et kvarter, og prøv igen.');
    t.clock.advance(15 * MINUTE);
    expect((await (await atSecondStep(t, email)).submit(await codeAt(t, key))).status).toBe(303);
  });

  it('lets the second step wait ten minutes, not longer', async () => {
    const { t, key, email } = await enrolled();
    const step = await atSecondStep(t, email);
    t.clock.advance(11 * MINUTE);
    const late = await step.submit(await codeAt(t, key));
    expect(late.status).toBe(303);
    expect(late.headers.location).toBe('/login');
    expect((await step.agent.get('/people')).status).toBe(303);
  });

  it('gives new recovery codes and turns off with a code, when the role allows', async () => {
    const { t, key, email, codes } = await enrolled();
    t.clock.advance(MINUTE);
    const step = await atSecondStep(t, email);
    await step.submit(await codeAt(t, key));
    const page = await step.agent.get('/profile/two-factor');
    t.clock.advance(MINUTE);
    const renewed = await step.agent.post('/profile/two-factor/recovery-codes').type('form').send({ _csrf: csrfFrom(page.text), code: await codeAt(t, key) });
    expect(renewed.status).toBe(200);
    const fresh = recoveryCodesFrom(renewed.text);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[0]);
    t.clock.advance(MINUTE);
    const off = await step.agent.post('/profile/two-factor/disable').type('form').send({ _csrf: csrfFrom(page.text), code: await codeAt(t, key) });
    expect(off.status).toBe(303);
    expect(flashes((await step.agent.get('/profile')).text)).toContain('Totrinsbekræftelse er slået fra.');
    // The password alone signs in again.
    const agent = request.agent(t.app);
    const login = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email, password: PASSWORD });
    expect(res.headers.location).toBe('/');
  });
});

describe('two-factor: an administrator resets it', () => {
  it('removes the key and the recovery codes, ends the user’s sessions, and is audited', async () => {
    const t = await testApp();
    const admin = await signedIn(t.app, t.db, 'admin');
    const user = await signedIn(t.app, t.db, 'repraesentant');
    await enrolFromProfile(t, user);
    const edit = await admin.agent.get(`/admin/users/${user.userId}/edit`);
    expect(edit.text).toContain('Slået til (10 reservekoder tilbage)');
    const res = await admin.post(`/admin/users/${user.userId}/two-factor/reset`);
    expect(res.status).toBe(303);
    expect(flashes((await admin.agent.get(`/admin/users/${user.userId}/edit`)).text)[0]).toContain('totrinsbekræftelse er nulstillet');
    const row = await t.db.selectFrom('users').select(['totp_secret_sealed', 'totp_enabled_at']).where('id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_secret_sealed: null, totp_enabled_at: null });
    expect(await t.db.selectFrom('recovery_codes').select('id').where('user_id', '=', user.userId).execute()).toEqual([]);
    expect(await t.db.selectFrom('sessions').select('sid').where('user_id', '=', user.userId).execute()).toEqual([]);
    const entry = (await auditOf(t.db, 'user', user.userId)).at(-1)!;
    expect(entry.user_id).toBe(admin.userId);
    expect(entry.after).toContain('"totpfaktor":"fjernet"');
    // The password alone signs in now (the role does not require a factor here).
    const agent = request.agent(t.app);
    const login = await agent.get('/login');
    const again = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email: await emailOf(t, user.userId), password: PASSWORD });
    expect(again.headers.location).toBe('/');
  });

  it('is for administrators only', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'konsulent');
    expect((await user.post(`/admin/users/${user.userId}/two-factor/reset`)).status).toBe(403);
  });
});

describe('two-factor: required for administrators and konsulenter (REQUIRE_TOTP_FOR)', () => {
  it('makes an administrator set it up at sign-in before anything else; a læser signs in with the password alone', async () => {
    const t = await testApp({ config: { requireTotpFor: ['admin', 'konsulent'] } });
    const admin = await signedIn(t.app, t.db, 'laeser'); // a læser: straight in
    expect((await admin.agent.get('/people')).status).toBe(200);

    const { createAccount } = await import('../../server/accounts/service');
    const adminId = await createAccount(t.db, { email: 'chef@test.dk', password: PASSWORD, role: 'admin', name: 'Chef' }, { userId: null }, t.clock.now());
    const agent = request.agent(t.app);
    const login = await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ _csrf: csrfFrom(login.text), email: 'chef@test.dk', password: PASSWORD, next: '/admin/users' });
    expect(res.headers.location).toBe('/login/two-factor');
    const enrol = await agent.get('/login/two-factor');
    expect(enrol.text).toContain('Din rolle kræver totrinsbekræftelse.');
    expect((await agent.get('/admin/users')).status).toBe(303);
    const key = keyFrom(enrol.text);
    const done = await agent.post('/login/two-factor/enrol').type('form').send({ _csrf: csrfFrom(enrol.text), code: await codeAt(t, key) });
    expect(done.status).toBe(200);
    expect(recoveryCodesFrom(done.text)).toHaveLength(10);
    expect(done.text).toContain('href="/admin/users"');
    expect((await agent.get('/admin/users')).status).toBe(200);

    // It cannot be turned off while the role requires it.
    const page = await agent.get('/profile/two-factor');
    expect(page.text).toContain('Din rolle kræver totrinsbekræftelse, så den kan ikke slås fra.');
    t.clock.advance(MINUTE);
    const off = await agent.post('/profile/two-factor/disable').type('form').send({ _csrf: csrfFrom(page.text), code: await codeAt(t, key) });
    expect(off.status).toBe(303);
    expect(flashes((await agent.get('/profile/two-factor')).text)).toContain('Din rolle kræver totrinsbekræftelse, så den kan ikke slås fra.');
    expect((await t.db.selectFrom('users').select('totp_secret_sealed').where('id', '=', adminId).executeTakeFirstOrThrow()).totp_secret_sealed).not.toBeNull();
  });

  it('makes the first administrator at /setup set it up too', async () => {
    const { freshDb, testConfig } = await import('../helpers/app');
    const { createApp } = await import('../../server/app');
    const { fixedClock } = await import('../../server/web/clock');
    const { withoutAuditRule } = await import('../helpers/audit-rule');
    const { db } = await freshDb();
    await withoutAuditRule(db, () => db.deleteFrom('users').execute());
    const app = createApp({ db, config: { ...testConfig, requireTotpFor: ['admin'] }, clock: fixedClock('2026-11-24T10:00:00Z'), log: () => undefined });
    const agent = request.agent(app);
    const setup = await agent.get('/setup');
    const res = await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFrom(setup.text), name: 'Anne Admin', email: 'anne@test.dk', password: PASSWORD, password_confirm: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login/two-factor');
    expect((await agent.get('/login/two-factor')).text).toContain('Slå totrinsbekræftelse til');
    expect((await agent.get('/')).status).toBe(303);
  });
});

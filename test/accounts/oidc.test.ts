// Signing in with an OpenID provider: a real provider in the test process (helpers/oidc-provider)
// with two clients, the whole authorization code flow with PKCE driven by hand (app → provider's
// login → callback), and what goes wrong on purpose: a tampered state, a replayed code, a wrong
// nonce, an unverified e-mail, an unknown subject (an access request), role claims mapped and
// not, and signing out at the provider too.
import crypto from 'node:crypto';
import request from 'supertest';
import { createProvider } from '../../server/accounts/service';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { PASSWORD, signedIn } from '../helpers/agent';
import { testApp, testConfig, type TestApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { flashes } from '../helpers/html';
import { APP_URL, startTestProvider, type TestProvider } from '../helpers/oidc-provider';

let tp: TestProvider;

beforeAll(async () => {
  tp = await startTestProvider([
    { clientId: 'uldum', clientSecret: 'hemmelig-hedensted-0123456789', appUrl: APP_URL, slugs: ['hedensted'] },
    { clientId: 'uldum-foa', clientSecret: 'hemmelig-foa-0123456789', appUrl: APP_URL, slugs: ['foa'] },
  ]);
});

afterAll(() => tp.stop());

async function appWithProviders(): Promise<TestApp> {
  const t = await testApp({ config: { publicUrl: APP_URL } });
  await anAccount(t, 'admin@uldum.test', 'admin'); // set-up is done: no page sends to /setup
  const common = { issuer: tp.issuer, emailClaim: 'email', allowLinking: false, enabled: true };
  await createProvider(
    t.db,
    {
      ...common,
      slug: 'hedensted',
      displayName: 'Hedensted Kommune',
      clientId: 'uldum',
      clientSecret: 'hemmelig-hedensted-0123456789',
      scopes: 'openid email profile roles',
      roleClaim: 'roles',
      roleMap: { 'Uldum.Konsulent': 'konsulent', 'Uldum.Repraesentant': 'repraesentant', 'Uldum.Laeser': 'laeser' },
      allowLinking: true,
    },
    SYSTEM_ACTOR,
    t.clock.now(),
    'test-secret-test-secret-test-secret-0123456789',
  );
  await createProvider(
    t.db,
    { ...common, slug: 'foa', displayName: 'FOA', clientId: 'uldum-foa', clientSecret: 'hemmelig-foa-0123456789', scopes: 'openid email profile', roleClaim: '', roleMap: {} },
    SYSTEM_ACTOR,
    t.clock.now(),
    'test-secret-test-secret-test-secret-0123456789',
  );
  return t;
}

type Agent = ReturnType<typeof request.agent>;

function flowCookie(res: request.Response): string {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('uldum.oidc='));
  if (!header) throw new Error('no flow cookie');
  return header.split(';')[0];
}

function sidOf(res: request.Response): string | undefined {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('uldum.sid='));
  return header ? /^s:([^.]+)\./.exec(decodeURIComponent(header.split(';')[0].slice('uldum.sid='.length)))?.[1] : undefined;
}

/** Walks the provider's redirects (its login form too) until it sends the browser back to the app. */
async function atProvider(browser: Agent, url: URL, login: string, seen: string[] = []): Promise<URL> {
  let res = await browser.get(url.pathname + url.search);
  for (let hop = 0; hop < 10; hop++) {
    if (res.status === 200 && /\/interaction\/[\w-]+\/login/.test(res.text)) {
      seen.push('login');
      const action = /action="(\/interaction\/[\w-]+\/login)"/.exec(res.text)![1];
      res = await browser.post(action).type('form').send({ login });
      continue;
    }
    if (res.status !== 302 && res.status !== 303) throw new Error(`the provider answered ${res.status}: ${res.text.slice(0, 300)}`);
    const next = new URL(res.headers.location, tp.issuer);
    if (next.origin === APP_URL) return next;
    res = await browser.get(next.pathname + next.search);
  }
  throw new Error('too many redirects at the provider');
}

interface Flow {
  app: Agent;
  provider: Agent;
  start: request.Response;
  authUrl: URL;
}

async function startFlow(t: TestApp, slug: string, app = request.agent(t.app), provider = request.agent(tp.issuer)): Promise<Flow> {
  const start = await app.get(`/login/oidc/${slug}?next=%2Fpeople`);
  expect(start.status).toBe(303);
  return { app, provider, start, authUrl: new URL(start.headers.location) };
}

/** The whole sign-in: start at the app, sign in at the provider as `login`, come back. */
async function signInWith(t: TestApp, slug: string, login: string, app?: Agent, provider?: Agent) {
  const flow = await startFlow(t, slug, app, provider);
  const seen: string[] = [];
  const callback = await atProvider(flow.provider, flow.authUrl, login, seen);
  const res = await flow.app.get(callback.pathname + callback.search);
  return { ...flow, callback, res, seen };
}

async function userByEmail(t: TestApp, email: string) {
  return t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

async function anAccount(t: TestApp, email: string, role: 'konsulent' | 'repraesentant' | 'laeser' | 'admin' = 'laeser'): Promise<number> {
  const { createAccount } = await import('../../server/accounts/service');
  return createAccount(t.db, { email, password: PASSWORD, role, name: email.split('@')[0] }, SYSTEM_ACTOR, t.clock.now());
}

describe('the login page', () => {
  it('shows a button per enabled provider above the password form', async () => {
    const t = await appWithProviders();
    const page = await request(t.app).get('/login?next=%2Fpeople');
    expect(page.text).toContain('<a class="button" href="/login/oidc/hedensted?next=%2Fpeople">Log ind med Hedensted Kommune</a>');
    expect(page.text).toContain('Log ind med FOA');
    expect(page.text.indexOf('Log ind med FOA')).toBeLessThan(page.text.indexOf('name="password"'));
  });

  it('can leave out the password form (PASSWORD_LOGIN=0), and refuses a password then', async () => {
    const t0 = await appWithProviders();
    await anAccount(t0, 'anne@hedensted.dk');
    const { createApp } = await import('../../server/app');
    const app = createApp({ db: t0.db, config: { ...testConfig, publicUrl: APP_URL, passwordLogin: false }, clock: t0.clock, log: () => undefined });
    const page = await request(app).get('/login');
    expect(page.text).toContain('Log ind med Hedensted Kommune');
    expect(page.text).not.toContain('name="password"');
    // A form posted anyway (an old tab, a script) with a valid token is refused with the reason.
    const nonce = 'en-tilfaeldig-vaerdi-fra-cookien';
    const token = crypto.createHmac('sha256', testConfig.sessionSecret).update(`csrf|${nonce}`).digest('base64url');
    const res = await request(app).post('/login').set('Cookie', `uldum.csrf=${nonce}`).type('form').send({ _csrf: token, email: 'anne@hedensted.dk', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Log ind med adgangskode er slået fra. Brug en af knapperne ovenfor.');
    expect(sidOf(res)).toBeUndefined();
  });

  it('does not offer a provider that is turned off', async () => {
    const t = await appWithProviders();
    const { setProviderEnabled, listProviders } = await import('../../server/accounts/service');
    const foa = (await listProviders(t.db)).find((p) => p.slug === 'foa')!;
    await setProviderEnabled(t.db, foa.id, false, SYSTEM_ACTOR, t.clock.now());
    expect((await request(t.app).get('/login')).text).not.toContain('Log ind med FOA');
    expect((await request(t.app).get('/login/oidc/foa')).status).toBe(404);
  });
});

describe('the authorization code flow with PKCE', () => {
  it('asks the provider with a code challenge, state and nonce, and writes no session row before the answer', async () => {
    const t = await appWithProviders();
    const { start, authUrl } = await startFlow(t, 'hedensted');
    expect(authUrl.origin + authUrl.pathname).toBe(`${tp.issuer}/auth`);
    expect(authUrl.searchParams.get('client_id')).toBe('uldum');
    expect(authUrl.searchParams.get('redirect_uri')).toBe(`${APP_URL}/login/oidc/hedensted/callback`);
    expect(authUrl.searchParams.get('response_type')).toBe('code');
    expect(authUrl.searchParams.get('scope')).toBe('openid email profile roles');
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authUrl.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(authUrl.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    // The verifier, state and nonce travel sealed in a cookie for /login/oidc only.
    expect(([] as string[]).concat(start.headers['set-cookie']).find((c) => c.startsWith('uldum.oidc='))).toMatch(/Path=\/login\/oidc; .*HttpOnly; SameSite=Lax/);
    expect(flowCookie(start)).not.toContain(authUrl.searchParams.get('state')!);
    expect(await t.db.selectFrom('sessions').select('sid').execute()).toEqual([]);
  });

  it('links the first sign-in to the account with the verified e-mail, then finds it by subject', async () => {
    const t = await appWithProviders();
    const userId = await anAccount(t, 'anne@hedensted.dk');
    tp.people['anne'] = { email: 'anne@hedensted.dk', email_verified: true, name: 'Anne Andersen' };
    const { res, app, seen } = await signInWith(t, 'hedensted', 'anne');
    expect(seen).toEqual(['login']);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/people');
    expect((await app.get('/people')).status).toBe(200);
    const session = await t.db.selectFrom('sessions').select(['data', 'user_id']).where('sid', '=', sidOf(res)!).executeTakeFirstOrThrow();
    expect(session.user_id).toBe(userId);
    expect(JSON.parse(session.data)).toMatchObject({ userId, method: 'oidc', idToken: expect.stringMatching(/^ey/) });
    const identity = await t.db.selectFrom('user_identities').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ issuer: tp.issuer, subject: 'anne', email: 'anne@hedensted.dk' });
    const entry = (await auditOf(t.db, 'user_identity', identity.id))[0];
    expect(entry.after).toContain('verificeret e-mail');

    // The e-mail at the provider changes: the subject still finds the account.
    tp.people['anne'] = { email: 'anne.andersen@hedensted.dk', email_verified: true };
    const again = await signInWith(t, 'hedensted', 'anne');
    expect(again.res.status).toBe(303);
    expect(JSON.parse((await t.db.selectFrom('sessions').select('data').where('sid', '=', sidOf(again.res)!).executeTakeFirstOrThrow()).data).userId).toBe(userId);
  });

  it('refuses a tampered state', async () => {
    const t = await appWithProviders();
    await anAccount(t, 'bo@hedensted.dk');
    tp.people['bo'] = { email: 'bo@hedensted.dk', email_verified: true };
    const flow = await startFlow(t, 'hedensted');
    const callback = await atProvider(flow.provider, flow.authUrl, 'bo');
    callback.searchParams.set('state', 'en-anden-state-end-den-vi-sendte');
    const res = await flow.app.get(callback.pathname + callback.search);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Log ind med Hedensted Kommune mislykkedes');
    expect(res.text).toContain('Prøv igen, eller kontakt en administrator');
    expect((await flow.app.get('/people')).status).toBe(303);
    expect(t.logged.join('\n')).toContain('unexpected "state" response parameter value');
    expect(await t.db.selectFrom('user_identities').select('id').execute()).toEqual([]);
  });

  it('signs in under a new session id: a session the browser had before is gone', async () => {
    const t = await appWithProviders();
    await anAccount(t, 'birte@hedensted.dk', 'repraesentant');
    tp.people['birte'] = { email: 'birte@hedensted.dk', email_verified: true };
    const before = await signedIn(t.app, t.db, 'laeser'); // e.g. a shared computer someone left signed in
    const [old] = await t.db.selectFrom('sessions').select('sid').execute();
    const { res } = await signInWith(t, 'hedensted', 'birte', before.agent);
    expect(res.status).toBe(303);
    const sid = sidOf(res)!;
    expect(sid).not.toBe(old.sid);
    expect(await t.db.selectFrom('sessions').select('sid').where('sid', '=', old.sid).executeTakeFirst()).toBeUndefined();
    const row = await t.db.selectFrom('sessions').select(['user_id', 'data']).where('sid', '=', sid).executeTakeFirstOrThrow();
    expect(row.user_id).toBe((await userByEmail(t, 'birte@hedensted.dk'))!.id);
    expect(JSON.parse(row.data)).toMatchObject({ method: 'oidc' });
  });

  it('refuses a callback with no sign-in started in this browser', async () => {
    const t = await appWithProviders();
    tp.people['cille'] = { email: 'cille@hedensted.dk', email_verified: true };
    const flow = await startFlow(t, 'hedensted');
    const callback = await atProvider(flow.provider, flow.authUrl, 'cille');
    const res = await request(t.app).get(callback.pathname + callback.search);
    expect(res.status).toBe(400);
    expect(t.logged.join('\n')).toContain('no sign-in was started in this browser');
  });

  it('refuses a replayed code (the provider will not redeem it twice)', async () => {
    const t = await appWithProviders();
    await anAccount(t, 'dorte@hedensted.dk');
    tp.people['dorte'] = { email: 'dorte@hedensted.dk', email_verified: true };
    const flow = await startFlow(t, 'hedensted');
    const cookie = flowCookie(flow.start);
    const callback = await atProvider(flow.provider, flow.authUrl, 'dorte');
    const first = await flow.app.get(callback.pathname + callback.search);
    expect(first.status).toBe(303);
    // The same answer again in the same browser: its flow cookie is gone.
    expect((await flow.app.get(callback.pathname + callback.search)).status).toBe(400);
    // An attacker with the code, the state and the flow cookie: the provider refuses the code.
    const replay = await request(t.app).get(callback.pathname + callback.search).set('Cookie', cookie);
    expect(replay.status).toBe(400);
    expect(t.logged.join('\n')).toMatch(/invalid_grant/);
    expect(sidOf(replay)).toBeUndefined();
  });

  it('refuses an ID token with another nonce than the one this browser sent', async () => {
    const t = await appWithProviders();
    await anAccount(t, 'erik@hedensted.dk');
    tp.people['erik'] = { email: 'erik@hedensted.dk', email_verified: true };
    const app = request.agent(t.app);
    const first = await startFlow(t, 'hedensted', app);
    const second = await startFlow(t, 'hedensted', app); // the browser's flow cookie is now the second's
    // The first request's nonce, with the second's state and code challenge: only the nonce differs.
    const mixed = new URL(first.authUrl);
    mixed.searchParams.set('state', second.authUrl.searchParams.get('state')!);
    mixed.searchParams.set('code_challenge', second.authUrl.searchParams.get('code_challenge')!);
    const callback = await atProvider(first.provider, mixed, 'erik');
    const res = await app.get(callback.pathname + callback.search);
    expect(res.status).toBe(400);
    expect(t.logged.join('\n')).toContain('unexpected ID Token "nonce" claim value');
    expect((await app.get('/people')).status).toBe(303);
  });

  it('shows the provider’s refusal (e.g. the person cancelled) as a failed sign-in', async () => {
    const t = await appWithProviders();
    const flow = await startFlow(t, 'hedensted');
    const state = flow.authUrl.searchParams.get('state')!;
    const res = await flow.app.get(`/login/oidc/hedensted/callback?error=access_denied&state=${state}`);
    expect(res.status).toBe(400);
    expect(t.logged.join('\n')).toContain('access_denied');
  });
});

describe('who signs in', () => {
  it('does not link by an unverified e-mail: the person asks for access instead', async () => {
    const t = await appWithProviders();
    const userId = await anAccount(t, 'frida@hedensted.dk');
    tp.people['frida'] = { email: 'frida@hedensted.dk', email_verified: false, name: 'Frida Falk' };
    const { res, app } = await signInWith(t, 'hedensted', 'frida');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Du har ikke adgang endnu');
    expect(res.text).toContain('En administrator skal give dig adgang');
    expect((await app.get('/people')).status).toBe(303);
    expect(await t.db.selectFrom('user_identities').select('id').where('user_id', '=', userId).execute()).toEqual([]);
    const request_ = await t.db.selectFrom('access_requests').selectAll().executeTakeFirstOrThrow();
    expect(request_).toMatchObject({ subject: 'frida', email: 'frida@hedensted.dk', email_verified: 0, name: 'Frida Falk', status: 'aaben' });
    // Signing in again does not ask twice.
    await signInWith(t, 'hedensted', 'frida');
    expect(await t.db.selectFrom('access_requests').select('id').execute()).toHaveLength(1);
  });

  it('does not link by e-mail where the administrator did not allow it (the second client)', async () => {
    const t = await appWithProviders();
    await anAccount(t, 'gorm@foa.dk');
    tp.people['gorm'] = { email: 'gorm@foa.dk', email_verified: true, name: 'Gorm' };
    const { res } = await signInWith(t, 'foa', 'gorm');
    expect(res.status).toBe(403);
    expect(await t.db.selectFrom('access_requests').select(['email', 'status']).execute()).toEqual([{ email: 'gorm@foa.dk', status: 'aaben' }]);
  });

  it('turns an unknown subject into an access request the administrator grants as a new account', async () => {
    const t = await appWithProviders();
    const admin = await signedIn(t.app, t.db, 'admin');
    tp.people['hans'] = { email: 'hans@hedensted.dk', email_verified: true, name: 'Hans Hansen', roles: ['Uldum.Repraesentant'] };
    const first = await signInWith(t, 'hedensted', 'hans');
    expect(first.res.status).toBe(403);
    expect(first.res.text).toContain('Hans Hansen');

    const list = await admin.agent.get('/admin/access-requests');
    expect(list.text).toContain('Hans Hansen');
    expect(list.text).toContain('hans@hedensted.dk');
    expect(list.text).toContain('Hedensted Kommune');
    expect(list.text).toContain('Repræsentant'); // the role the claim maps to, as a suggestion
    const id = (await t.db.selectFrom('access_requests').select('id').executeTakeFirstOrThrow()).id;
    const form = await admin.agent.get(`/admin/access-requests/${id}`);
    expect(form.text).toMatch(/<option value="repraesentant" selected>/);

    const missing = await admin.post(`/admin/access-requests/${id}/grant`, { user_id: '', role: '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Vælg en rolle til den nye bruger, eller vælg en eksisterende bruger');

    const granted = await admin.post(`/admin/access-requests/${id}/grant`, { user_id: '', role: 'repraesentant', person_id: '', organisation_id: '' });
    expect(granted.status).toBe(303);
    expect(flashes((await admin.agent.get('/admin/access-requests')).text)).toContain('Adgangen er givet. Personen logger ind igen med sin organisations konto.');
    const user = (await userByEmail(t, 'hans@hedensted.dk'))!;
    expect(user).toMatchObject({ role: 'repraesentant', password_hash: '' });
    expect((await t.db.selectFrom('people').select('name').where('id', '=', user.person_id).executeTakeFirstOrThrow()).name).toBe('Hans Hansen');
    expect((await auditOf(t.db, 'access_request', id)).at(-1)!.user_id).toBe(admin.userId);

    const again = await signInWith(t, 'hedensted', 'hans');
    expect(again.res.status).toBe(303);
    expect((await again.app.get('/people')).status).toBe(200);
    // Without a password the profile offers none to change, and the password form cannot sign in.
    expect((await again.app.get('/profile')).text).toContain('Du logger ind med din organisations konto, så du har ingen adgangskode her.');
  });

  it('lets the administrator link an access request to an existing account, or decline it', async () => {
    const t = await appWithProviders();
    const admin = await signedIn(t.app, t.db, 'admin');
    const existing = await anAccount(t, 'ida@kommune.dk', 'konsulent');
    tp.people['ida'] = { email: 'ida.privat@example.com', email_verified: true };
    tp.people['ukendt'] = { email: 'ukendt@example.com', email_verified: true };
    await signInWith(t, 'hedensted', 'ida');
    await signInWith(t, 'hedensted', 'ukendt');
    const [ida, stranger] = await t.db.selectFrom('access_requests').select(['id', 'subject']).orderBy('id').execute();
    expect((await admin.post(`/admin/access-requests/${ida.id}/grant`, { user_id: String(existing), role: '' })).status).toBe(303);
    expect((await admin.post(`/admin/access-requests/${stranger.id}/decline`)).status).toBe(303);
    expect((await admin.post(`/admin/access-requests/${stranger.id}/decline`)).status).toBe(303);
    expect(flashes((await admin.agent.get('/admin/access-requests')).text)).toContain('Anmodningen er allerede afgjort.');
    const signedInIda = await signInWith(t, 'hedensted', 'ida');
    expect(JSON.parse((await t.db.selectFrom('sessions').select('data').where('sid', '=', sidOf(signedInIda.res)!).executeTakeFirstOrThrow()).data).userId).toBe(existing);
    const declined = await signInWith(t, 'hedensted', 'ukendt');
    expect(declined.res.status).toBe(403); // asks again: a new request
    expect(await t.db.selectFrom('access_requests').select('status').where('subject', '=', 'ukendt').orderBy('id').execute()).toEqual([{ status: 'afvist' }, { status: 'aaben' }]);
  });

  it('refuses a disabled account', async () => {
    const t = await appWithProviders();
    const admin = await signedIn(t.app, t.db, 'admin');
    const userId = await anAccount(t, 'jens@hedensted.dk');
    tp.people['jens'] = { email: 'jens@hedensted.dk', email_verified: true };
    expect((await signInWith(t, 'hedensted', 'jens')).res.status).toBe(303);
    await admin.post(`/admin/users/${userId}`, { role: 'laeser', disabled: 'on' });
    const res = (await signInWith(t, 'hedensted', 'jens')).res;
    expect(res.status).toBe(403);
    expect(res.text).toContain('Din konto er deaktiveret');
  });

  it('sets the role from a mapped role claim, keeps it for an unmapped one, and never changes an administrator', async () => {
    const t = await appWithProviders();
    const userId = await anAccount(t, 'karen@hedensted.dk', 'laeser');
    tp.people['karen'] = { email: 'karen@hedensted.dk', email_verified: true, roles: ['Uldum.Konsulent', 'Andet'] };
    const mapped = await signInWith(t, 'hedensted', 'karen');
    expect(mapped.res.status).toBe(303);
    expect((await t.db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirstOrThrow()).role).toBe('konsulent');
    expect((await mapped.app.get('/people/new')).status).toBe(200);
    const entry = (await auditOf(t.db, 'user', userId)).at(-1)!;
    expect(JSON.parse(entry.after!)).toMatchObject({ role: 'konsulent', rolle_fra: 'Hedensted Kommune' });
    expect(entry.user_id).toBeNull();

    tp.people['karen'] = { email: 'karen@hedensted.dk', email_verified: true, roles: ['Noget.Andet'] };
    await signInWith(t, 'hedensted', 'karen');
    expect((await t.db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirstOrThrow()).role).toBe('konsulent');

    const adminId = await anAccount(t, 'lars@hedensted.dk', 'admin');
    tp.people['lars'] = { email: 'lars@hedensted.dk', email_verified: true, roles: ['Uldum.Laeser'] };
    await signInWith(t, 'hedensted', 'lars');
    expect((await t.db.selectFrom('users').select('role').where('id', '=', adminId).executeTakeFirstOrThrow()).role).toBe('admin');
  });

  it('signs in with the provider without a second step, also where the role requires one with a password', async () => {
    const t = await testApp({ config: { publicUrl: APP_URL, requireTotpFor: ['admin', 'konsulent'] } });
    await createProvider(
      t.db,
      { slug: 'hedensted', displayName: 'Hedensted Kommune', issuer: tp.issuer, clientId: 'uldum', clientSecret: 'hemmelig-hedensted-0123456789', scopes: 'openid email', emailClaim: 'email', roleClaim: '', roleMap: {}, allowLinking: true, enabled: true },
      SYSTEM_ACTOR,
      t.clock.now(),
      'test-secret-test-secret-test-secret-0123456789',
    );
    await anAccount(t, 'mette@hedensted.dk', 'konsulent');
    tp.people['mette'] = { email: 'mette@hedensted.dk', email_verified: true };
    const { res, app } = await signInWith(t, 'hedensted', 'mette');
    expect(res.headers.location).toBe('/people');
    expect((await app.get('/people/new')).status).toBe(200);
  });
});

describe('signing out', () => {
  it('ends the session here and at the provider (RP-initiated logout)', async () => {
    const t = await appWithProviders();
    await anAccount(t, 'nina@hedensted.dk');
    tp.people['nina'] = { email: 'nina@hedensted.dk', email_verified: true };
    const provider = request.agent(tp.issuer);
    const { app, res } = await signInWith(t, 'hedensted', 'nina', undefined, provider);
    const sid = sidOf(res)!;
    // While the provider's session lasts, a new sign-in there asks nothing.
    expect((await signInWith(t, 'hedensted', 'nina', request.agent(t.app), provider)).seen).toEqual([]);

    const page = await app.get('/profile');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const out = await app.post('/logout').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    // Not straight to the provider: a browser refuses to follow a form's redirect to another
    // origin (CSP form-action 'self'). A page of the app's own says so and sends the browser on.
    expect(out.headers.location).toBe('/logout/provider');
    const onward = await app.get('/logout/provider');
    expect(onward.status).toBe(200);
    expect(onward.text).toContain('Du er logget ud af Uldum Samskabelse');
    expect(onward.text).toContain('Du sendes videre til Hedensted Kommune');
    const refresh = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(onward.text)![1].replace(/&amp;/g, '&');
    const link = /<a class="button" href="([^"]+)">Log ud hos Hedensted Kommune<\/a>/.exec(onward.text)![1].replace(/&amp;/g, '&');
    expect(link).toBe(refresh);
    // Once: the page again (a reload, the back button) just goes to the login page.
    expect((await app.get('/logout/provider')).headers.location).toBe('/login');
    const endUrl = new URL(refresh);
    expect(endUrl.origin + endUrl.pathname).toBe(`${tp.issuer}/session/end`);
    expect(endUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${APP_URL}/login`);
    expect(endUrl.searchParams.get('client_id')).toBe('uldum');
    expect(endUrl.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(await t.db.selectFrom('sessions').select('sid').where('sid', '=', sid).executeTakeFirst()).toBeUndefined();
    expect((await app.get('/people')).status).toBe(303);

    // At the provider: its page asks, the browser confirms, and it sends the browser back to /login.
    const confirm = await provider.get(endUrl.pathname + endUrl.search);
    expect(confirm.status).toBe(200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)![1];
    const action = /action="([^"]+)"/.exec(confirm.text)![1];
    const done = await provider.post(new URL(action, tp.issuer).pathname).type('form').send({ xsrf, logout: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${APP_URL}/login`);
    // The provider's session is gone: a new sign-in asks for the login again.
    expect((await signInWith(t, 'hedensted', 'nina', request.agent(t.app), provider)).seen).toEqual(['login']);
  });

  it('signs out here only when the provider offers no end_session_endpoint', async () => {
    const { Configuration } = await import('openid-client');
    const { endSessionUrl } = await import('../../server/accounts/oidc');
    const issuer = 'https://login.example.dk';
    const without = new Configuration({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token` }, 'uldum');
    expect(await endSessionUrl(without, 'eyJ.id.token', `${APP_URL}/login`)).toBeNull();
    const withIt = new Configuration({ issuer, end_session_endpoint: `${issuer}/logout` }, 'uldum');
    const url = new URL((await endSessionUrl(withIt, 'eyJ.id.token', `${APP_URL}/login`))!);
    expect(url.origin + url.pathname).toBe(`${issuer}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ post_logout_redirect_uri: `${APP_URL}/login`, client_id: 'uldum', id_token_hint: 'eyJ.id.token' });
  });

  it('signs a password user out here only', async () => {
    const t = await appWithProviders();
    const user = await signedIn(t.app, t.db, 'laeser');
    const res = await user.post('/logout');
    expect(res.headers.location).toBe('/login');
  });
});

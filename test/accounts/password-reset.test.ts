// "Glemt adgangskode?" end to end: the form, the mail through a real SMTP server, the link, the
// new password; the same answer for any e-mail; expired, used and tampered links; the limits.
import { onPostgres } from '../helpers/postgres';
import crypto from 'node:crypto';
import request from 'supertest';
import { PASSWORD, signedIn, signIn } from '../helpers/agent';
import { fieldError, flashes } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';
import { testApp } from '../helpers/app';
import SQLite from 'better-sqlite3';
import { backupToTempFile } from '../../server/db/backup';
import { browserAt, linkIn, mailTest, type MailTest } from './helpers-mail';

const NEW_PASSWORD = 'en-helt-ny-adgangskode';
const HOUR = 60 * 60 * 1000;

let t: MailTest;
afterEach(async () => {
  await t?.smtp.close();
});

async function userWithEmail(role: 'repraesentant' | 'konsulent' = 'repraesentant') {
  const user = await signedIn(t.app, t.db, role);
  const { email } = await t.db.selectFrom('users').select('email').where('id', '=', user.userId).executeTakeFirstOrThrow();
  return { ...user, email };
}

async function askForLink(email: string) {
  const browser = await browserAt(t.app, '/password/forgot');
  return browser.post('/password/forgot', { email });
}

/** The text of the answer page, without what differs between any two requests (the CSRF token). */
const answerText = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');

describe('Glemt adgangskode', () => {
  it('is offered on the login page', async () => {
    t = await mailTest();
    await userWithEmail(); // a first user: until then every page is /setup
    const login = await request(t.app).get('/login');
    expect(login.text).toContain('<a href="/password/forgot">Glemt adgangskode?</a>');
    const page = await request(t.app).get('/password/forgot');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Glemt adgangskode</h1>');
  });

  it('mails a link that sets a new password, ends every session of the account, and works only once', async () => {
    t = await mailTest();
    const user = await userWithEmail();
    const res = await askForLink(user.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.text).toContain('Hvis der findes en bruger med den e-mail, har vi sendt et link');

    const [mail, ...more] = await t.deliver();
    expect(more).toEqual([]);
    expect(mail.subject).toBe('Nulstil din adgangskode til Uldum Samskabelse');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '').toBe(user.email);
    expect(mail.text).toContain('Linket virker i en time og kun én gang.');
    const link = linkIn(mail, '/nulstil/');
    // Only the token's SHA-256 is stored.
    const token = link.slice('/nulstil/'.length);
    const stored = await t.db.selectFrom('account_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ user_id: user.userId, purpose: 'reset', token_hash: crypto.createHash('sha256').update(token).digest('hex'), used_at: null, expires_at: new Date(t.clock.now().getTime() + HOUR).toISOString() });
    expect(JSON.stringify(await t.db.selectFrom('account_tokens').selectAll().execute())).not.toContain(token);

    const browser = await browserAt(t.app, link);
    expect(browser.page.status).toBe(200);
    expect(browser.page.text).toContain('<h1>Vælg en ny adgangskode</h1>');
    expect(browser.page.text).toContain(user.email);

    const mismatch = await browser.post(link, { password: NEW_PASSWORD, password_confirm: 'noget-helt-andet' });
    expect(mismatch.status).toBe(422);
    expect(fieldError(mismatch.text, 'password_confirm')).toBe('De to adgangskoder er ikke ens');
    const short = await browser.post(link, { password: 'kort', password_confirm: 'kort' });
    expect(fieldError(short.text, 'password')).toBe('Adgangskoden skal have mindst 10 tegn');

    const done = await browser.post(link, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/login');
    expect(flashes((await browser.agent.get('/login')).text)).toEqual(['Din adgangskode er skiftet, og du er logget ud alle steder. Log ind med den nye adgangskode.']);

    // The session the user had is gone; the old password no longer works, the new one does.
    expect((await user.agent.get('/')).headers.location).toMatch(/^\/login/);
    await expect(signIn(t.app, user.email, PASSWORD)).rejects.toThrow('sign-in failed with 422');
    await expect(signIn(t.app, user.email, NEW_PASSWORD)).resolves.toBeDefined();

    const again = await request(t.app).get(link);
    expect(again.status).toBe(410);
    expect(again.text).toContain('Linket er allerede brugt. Et link virker kun én gang.');
    expect(again.text).toContain('<a href="/password/forgot">Bed om et nyt link</a>');

    const audited = await t.db.selectFrom('audit_log').select(['user_id', 'action', 'entity', 'after']).where('entity', 'in', ['account_token', 'user']).orderBy('id').execute();
    expect(audited.slice(-2)).toEqual([
      expect.objectContaining({ user_id: null, action: 'create', entity: 'account_token' }),
      expect.objectContaining({ user_id: user.userId, action: 'update', entity: 'user', after: expect.stringContaining('"adgangskode":"nulstillet via e-mail"') }),
    ]);
    expect(audited.map((a) => a.after).join('')).not.toContain(token);
  });

  it('answers the same for an e-mail without an account, a disabled account and one that signs in with a provider only, and mails nothing', async () => {
    t = await mailTest();
    const known = await userWithEmail();
    const disabled = await userWithEmail();
    const providerOnly = await userWithEmail();
    await withoutAuditRule(t.db, async () => {
      await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', disabled.userId).execute();
      await t.db.updateTable('users').set({ password_hash: '' }).where('id', '=', providerOnly.userId).execute();
      await t.db.insertInto('user_identities').values({ user_id: providerOnly.userId, provider_id: null, issuer: 'https://login.example', subject: 's1', email: '', created_at: t.clock.now().toISOString() }).execute();
    });
    const answers = [];
    for (const email of [known.email, 'ingen@nowhere.example.dk', disabled.email, providerOnly.email]) {
      const res = await askForLink(email);
      expect(res.status).toBe(200);
      answers.push(answerText(res.text));
    }
    expect(new Set(answers).size).toBe(1);
    expect(await t.db.selectFrom('outbox').select('to_address').execute()).toEqual([{ to_address: known.email }]);
    expect(await t.db.selectFrom('account_tokens').select('user_id').execute()).toEqual([{ user_id: known.userId }]);
  });

  it('refuses a malformed e-mail with 422, keeping it', async () => {
    t = await mailTest();
    await userWithEmail();
    const res = await askForLink('ikke-en-mail');
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'email')).toBe('Skriv en gyldig e-mailadresse, fx navn@eksempel.dk');
    expect(res.text).toContain('value="ikke-en-mail"');
  });

  it('says clearly that an expired, a tampered or an unknown link does not work, and changes nothing', async () => {
    t = await mailTest();
    const user = await userWithEmail();
    await askForLink(user.email);
    const link = linkIn((await t.deliver())[0], '/nulstil/');
    const hashBefore = (await t.db.selectFrom('users').select('password_hash').where('id', '=', user.userId).executeTakeFirstOrThrow()).password_hash;

    const last = link.at(-1) === 'A' ? 'B' : 'A';
    for (const tampered of [link.slice(0, -1) + last, '/nulstil/abc', '/nulstil/' + 'x'.repeat(43), link.replace('/nulstil/', '/invitation/')]) {
      const res = await request(t.app).get(tampered);
      expect(res.status).toBe(404);
      expect(res.text).toContain('Linket virker ikke. Det kan være skrevet forkert, erstattet af et nyere link eller trukket tilbage.');
    }

    t.clock.advance(HOUR);
    const browser = await browserAt(t.app, '/password/forgot');
    const expired = await browser.agent.get(link);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Linket er udløbet.');
    const posted = await browser.post(link, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(posted.status).toBe(410);
    expect((await t.db.selectFrom('users').select('password_hash').where('id', '=', user.userId).executeTakeFirstOrThrow()).password_hash).toBe(hashBefore);
  });

  it('lets only the newest link work, also at /password/reset/:token', async () => {
    t = await mailTest();
    const user = await userWithEmail();
    await askForLink(user.email);
    await askForLink(user.email);
    const [first, second] = await t.deliver();
    expect((await request(t.app).get(linkIn(first, '/nulstil/'))).status).toBe(404);
    const newest = linkIn(second, '/nulstil/').replace('/nulstil/', '/password/reset/');
    const browser = await browserAt(t.app, newest);
    expect(browser.page.status).toBe(200);
    expect((await browser.post(newest, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })).status).toBe(303);
    await expect(signIn(t.app, user.email, NEW_PASSWORD)).resolves.toBeDefined();
  });

  it('signs out the browser that uses the link, even when it was signed in to the account', async () => {
    t = await mailTest();
    const user = await userWithEmail();
    await user.post('/password/forgot', { email: user.email });
    const link = linkIn((await t.deliver())[0], '/nulstil/');
    expect((await user.agent.get(link)).status).toBe(200);
    expect((await user.post(link, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })).status).toBe(303);
    expect((await user.agent.get('/')).headers.location).toMatch(/^\/login/);
    expect(await t.db.selectFrom('sessions').select('sid').where('user_id', '=', user.userId).execute()).toEqual([]);
  });

  it('mails at most 3 links an hour to one e-mail (the answer stays the same) and refuses an address that asks 10 times in 15 minutes', async () => {
    t = await mailTest();
    const user = await userWithEmail();
    const browser = await browserAt(t.app, '/password/forgot');
    for (let i = 0; i < 4; i++) expect((await browser.post('/password/forgot', { email: user.email })).status).toBe(200);
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(3);
    for (let i = 0; i < 6; i++) expect((await browser.post('/password/forgot', { email: `x${i}@nowhere.example.dk` })).status).toBe(200);
    const refused = await browser.post('/password/forgot', { email: 'y@nowhere.example.dk' });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('For mange forsøg. Vent et kvarter, og prøv igen.');
    t.clock.advance(15 * 60 * 1000);
    expect((await browser.post('/password/forgot', { email: 'y@nowhere.example.dk' })).status).toBe(200);
    t.clock.advance(HOUR);
    expect((await browser.post('/password/forgot', { email: user.email })).status).toBe(200);
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(4);
  });

  // SQLite's copy; on PostgreSQL pg_dump leaves the table's rows out (test/postgres/cli.test.ts).
  (onPostgres ? it.skip : it)('leaves the links out of a backup, so a copied message sets no password', async () => {
    t = await mailTest();
    const user = await userWithEmail();
    await askForLink(user.email);
    const file = await backupToTempFile(t.db);
    const copy = new SQLite(file, { readonly: true });
    try {
      expect(copy.prepare('select count(*) as n from account_tokens').get()).toEqual({ n: 0 });
      expect(copy.prepare('select count(*) as n from outbox').get()).toEqual({ n: 1 });
    } finally {
      copy.close();
    }
  });

  it('is not there when password sign-in is off', async () => {
    const app = await testApp({ config: { passwordLogin: false } });
    await signedIn(app.app, app.db, 'admin').catch(() => undefined); // a first user (signing in with a password is off)
    const forgot = await request(app.app).get('/password/forgot');
    expect(forgot.status).toBe(303); // no such page: a signed-out browser is sent to log in
    expect(forgot.headers.location).toMatch(/^\/login/);
    expect((await request(app.app).get('/login')).text).not.toContain('Glemt adgangskode?');
  });
});

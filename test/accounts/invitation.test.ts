// An administrator invites a new user by e-mail; the user chooses their own password from the link.
import request from 'supertest';
import { signedIn, signIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { fieldError, flashes } from '../helpers/html';
import { browserAt, linkIn, mailTest, type MailTest } from './helpers-mail';

const NEW_PASSWORD = 'min-egen-adgangskode';
const DAY = 24 * 60 * 60 * 1000;

let t: MailTest;
afterEach(async () => {
  await t?.smtp.close();
});

const invite = (admin: Awaited<ReturnType<typeof signedIn>>, over: Record<string, string> = {}) =>
  admin.post('/admin/users', { email: 'ny.bruger@uldum.example.dk', role: 'repraesentant', person_id: '', name: 'Nanna Ny', organisation_id: '', access: 'invitation', password: '', ...over });

async function userRow(email = 'ny.bruger@uldum.example.dk') {
  return t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
}

describe('inviting a user by e-mail', () => {
  it('offers the invitation on the new-user form, creates the account without a password and mails the link; the user chooses the password', async () => {
    t = await mailTest();
    const admin = await signedIn(t.app, t.db, 'admin');
    const form = await admin.agent.get('/admin/users/new');
    expect(form.text).toMatch(/<input type="radio" id="f-access-invitation" name="access" value="invitation" checked>/);
    expect(form.text).toContain('Send invitation på e-mail: brugeren vælger selv sin adgangskode');

    const res = await invite(admin);
    expect(res.status).toBe(303);
    expect(flashes((await admin.agent.get('/admin/users')).text)).toEqual([
      'Brugeren ny.bruger@uldum.example.dk er oprettet, og en invitation er sendt. Brugeren vælger selv sin adgangskode fra linket, som virker i 7 dage.',
    ]);
    const user = await userRow();
    expect(user.password_hash).toBe('');

    const [mail] = await t.deliver();
    expect(mail.subject).toBe('Du er inviteret til Uldum Samskabelse');
    expect(mail.text).toContain('Hej Nanna Ny,');
    expect(mail.text).toContain('Linket virker i 7 dage og kun én gang.');
    const link = linkIn(mail, '/invitation/');

    const browser = await browserAt(t.app, link);
    expect(browser.page.text).toContain('<h1>Velkommen til Uldum Samskabelse</h1>');
    expect(browser.page.text).toContain('Hej Nanna Ny.');
    const empty = await browser.post(link, { password: '', password_confirm: '' });
    expect(empty.status).toBe(422);
    expect(fieldError(empty.text, 'password')).toBe('Adgangskoden skal have mindst 10 tegn');
    const done = await browser.post(link, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(done.headers.location).toBe('/login');
    expect(flashes((await browser.agent.get('/login')).text)).toEqual(['Din adgangskode er gemt. Log ind med din e-mail og den nye adgangskode.']);
    await expect(signIn(t.app, 'ny.bruger@uldum.example.dk', NEW_PASSWORD)).resolves.toBeDefined();
    expect((await request(t.app).get(link)).status).toBe(410);

    const audited = await t.db.selectFrom('audit_log').select(['user_id', 'action', 'entity']).where('entity', 'in', ['account_token', 'user']).orderBy('id').execute();
    expect(audited.slice(-3)).toEqual([
      { user_id: admin.userId, action: 'create', entity: 'user' },
      { user_id: admin.userId, action: 'create', entity: 'account_token' },
      { user_id: user.id, action: 'update', entity: 'user' },
    ]);
  });

  it('still takes a typed password, and asks for one only when the administrator chose to type it', async () => {
    t = await mailTest();
    const admin = await signedIn(t.app, t.db, 'admin');
    const missing = await invite(admin, { access: 'password', password: '' });
    expect(missing.status).toBe(422);
    expect(fieldError(missing.text, 'password')).toBe('Adgangskoden skal have mindst 10 tegn');
    expect(missing.text).toMatch(/<input type="radio" id="f-access-password" name="access" value="password" checked>/);
    expect((await invite(admin, { access: 'password', password: NEW_PASSWORD })).status).toBe(303);
    await expect(signIn(t.app, 'ny.bruger@uldum.example.dk', NEW_PASSWORD)).resolves.toBeDefined();
    expect(await t.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('lets the link expire after 7 days; the administrator sends a new one from the user page, and the old one stops working', async () => {
    t = await mailTest();
    const admin = await signedIn(t.app, t.db, 'admin');
    await invite(admin);
    const old = linkIn((await t.deliver())[0], '/invitation/');
    t.clock.advance(7 * DAY);
    const expired = await request(t.app).get(old);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Linket er udløbet.');
    expect(expired.text).toContain('Bed en administrator om en ny invitation.');

    const user = await userRow();
    const edit = await admin.agent.get(`/admin/users/${user.id}/edit`);
    expect(edit.text).toContain('Send invitation igen');
    expect((await admin.post(`/admin/users/${user.id}/invite`)).headers.location).toBe(`/admin/users/${user.id}/edit`);
    const fresh = linkIn((await t.deliver())[0], '/invitation/');
    expect((await request(t.app).get(old)).status).toBe(404);
    const browser = await browserAt(t.app, fresh);
    expect((await browser.post(fresh, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })).status).toBe(303);

    // Once the user has a password there is nothing to invite to.
    expect((await admin.agent.get(`/admin/users/${user.id}/edit`)).text).not.toContain('Send invitation igen');
    await admin.post(`/admin/users/${user.id}/invite`);
    expect(flashes((await admin.agent.get(`/admin/users/${user.id}/edit`)).text)).toEqual([
      'Brugeren har allerede en adgangskode (eller er deaktiveret), så der sendes ingen invitation.',
    ]);
  });

  it('without SMTP leaves the invitation in the outbox, where the administrator copies the link', async () => {
    const app = await testApp({ config: { publicUrl: 'https://uldum.example.dk' } });
    const admin = await signedIn(app.app, app.db, 'admin');
    await admin.post('/admin/users', { email: 'ny.bruger@uldum.example.dk', role: 'laeser', person_id: '', name: 'Nanna Ny', organisation_id: '', access: 'invitation' });
    expect(flashes((await admin.agent.get('/admin/users')).text)[0]).toContain('E-mail er ikke sat op, så invitationen ligger i Udbakke (/admin/outbox): kopiér linket derfra');
    const row = await app.db.selectFrom('outbox').select(['id', 'status']).executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    const page = await admin.agent.get(`/admin/outbox/${row.id}`);
    const link = /https:\/\/uldum\.example\.dk(\/invitation\/[A-Za-z0-9_-]{43})/.exec(page.text)![1];
    const browser = await browserAt(app.app, link);
    expect((await browser.post(link, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })).status).toBe(303);
    await expect(signIn(app.app, 'ny.bruger@uldum.example.dk', NEW_PASSWORD)).resolves.toBeDefined();
  });

  it('is for administrators only', async () => {
    const app = await testApp();
    const konsulent = await signedIn(app.app, app.db, 'konsulent');
    const admin = await signedIn(app.app, app.db, 'admin');
    expect((await konsulent.post(`/admin/users/${admin.userId}/invite`)).status).toBe(403);
    expect((await konsulent.post('/admin/users', { email: 'x@uldum.example.dk', role: 'laeser', name: 'X', access: 'invitation' })).status).toBe(403);
    expect(await app.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });
});

import type { AppRole } from '../../server/db/schema';
import { PASSWORD, signedIn, signIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { organisationId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, selectedValue } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';

const NEW_PASSWORD = 'en-helt-ny-adgangskode';

async function personId(db: TestApp['db'], name: string) {
  return (await db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

function userRow(db: TestApp['db'], id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function userByEmail(db: TestApp['db'], email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

async function emailOf(db: TestApp['db'], userId: number) {
  return (await userRow(db, userId)).email;
}

describe('/admin/users: list and create', () => {
  it('lists the accounts with person, organisation, role and last sign-in', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    await signedIn(app, db, 'repraesentant', { personName: 'Per Lange' });
    const res = await admin.agent.get('/admin/users');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/Per Lange<\/a><\/td>\s*<td>repraesentant\d+@test\.dk<\/td>\s*<td>FOA<\/td>\s*<td>Repræsentant<\/td>\s*<td>Aktiv<\/td>\s*<td>24\.11\.2026 11\.00<\/td>/);
  });

  it('offers only people without an account', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    await signedIn(app, db, 'repraesentant', { personName: 'Per Lange' });
    const res = await admin.agent.get('/admin/users/new');
    expect(res.status).toBe(200);
    expect(res.text).toContain('>Hanne M. Petersen (FOA)</option>');
    expect(res.text).not.toContain('>Per Lange (FOA)</option>');
    expect(selectedValue(res.text, 'role')).toBe('laeser');
  });

  it('creates an account for an existing person, who then acts for their organisation', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const hanne = await personId(db, 'Hanne M. Petersen');
    const people = await countRows(db, 'people');

    const res = await admin.post('/admin/users', { email: 'Hanne@FOA.dk', role: 'repraesentant', person_id: String(hanne), name: '', organisation_id: '', password: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/users');
    expect(flashes((await admin.agent.get('/admin/users')).text)).toContain('Brugeren hanne@foa.dk er oprettet.');

    const user = (await userByEmail(db, 'hanne@foa.dk'))!;
    expect(user).toMatchObject({ role: 'repraesentant', person_id: hanne, disabled: 0 });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await countRows(db, 'people')).toBe(people);

    const [entry] = await auditOf(db, 'user', user.id);
    expect(entry).toMatchObject({ action: 'create', user_id: admin.userId });
    expect(JSON.parse(entry.after!)).toMatchObject({ email: 'hanne@foa.dk', role: 'repraesentant', password_hash: '[skjult]' });

    const hanneSignedIn = await signIn(app, 'hanne@foa.dk', NEW_PASSWORD);
    const profile = await hanneSignedIn.agent.get('/profile');
    expect(profile.text).toContain('<dt>Organisation</dt><dd>FOA</dd>');
  });

  it('creates an account with a new person in the chosen organisation', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const skolen = await organisationId(db, 'Skolen i Uldum');
    const res = await admin.post('/admin/users', { email: 'ny@uldum.dk', role: 'konsulent', person_id: '', name: 'Ny Medarbejder', organisation_id: String(skolen), password: NEW_PASSWORD });
    expect(res.status).toBe(303);
    const person = await db.selectFrom('people').selectAll().where('name', '=', 'Ny Medarbejder').executeTakeFirstOrThrow();
    expect(person).toMatchObject({ organisation_id: skolen, position: 'konsulent', email: 'ny@uldum.dk' });
    expect((await userByEmail(db, 'ny@uldum.dk'))!.person_id).toBe(person.id);
    expect((await auditOf(db, 'person', person.id))[0]).toMatchObject({ action: 'create', user_id: admin.userId });
  });

  it('refuses an e-mail already in use with 422, keeping the input and saving nothing', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const taken = await emailOf(db, admin.userId);
    const users = await countRows(db, 'users');
    const people = await countRows(db, 'people');
    const res = await admin.post('/admin/users', { email: taken.toUpperCase(), role: 'laeser', person_id: '', name: 'Dobbelt Person', organisation_id: '', password: NEW_PASSWORD });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'email')).toBe('Der findes allerede en bruger med denne e-mailadresse');
    expect(fieldValue(res.text, 'name')).toBe('Dobbelt Person');
    expect(res.text).not.toContain(NEW_PASSWORD);
    expect(await countRows(db, 'users')).toBe(users);
    expect(await countRows(db, 'people')).toBe(people);
  });

  it.each([
    [{ email: 'x@uldum.dk', role: 'laeser', person_id: '', name: '', password: NEW_PASSWORD }, 'name', 'Vælg en eksisterende person, eller skriv navnet på en ny'],
    [{ email: 'x@uldum.dk', role: 'laeser', person_id: '', name: 'Kort Kode', password: 'kort' }, 'password', 'Adgangskoden skal have mindst 10 tegn'],
    [{ email: 'ikke-en-mail', role: 'laeser', person_id: '', name: 'Kort Kode', password: NEW_PASSWORD }, 'email', 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk'],
    [{ email: 'x@uldum.dk', role: 'superbruger', person_id: '', name: 'Kort Kode', password: NEW_PASSWORD }, 'role', 'Vælg en rolle'],
    [{ email: 'x@uldum.dk', role: 'laeser', person_id: '999999', name: '', password: NEW_PASSWORD }, 'person_id', 'Vælg en eksisterende person'],
    [{ email: 'x@uldum.dk', role: 'laeser', person_id: '', name: 'Ny Person', organisation_id: '999999', password: NEW_PASSWORD }, 'organisation_id', 'Vælg en organisation fra listen'],
  ])('refuses %o with 422', async (form, field, message) => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const users = await countRows(db, 'users');
    const res = await admin.post('/admin/users', form);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toBe(message);
    expect(await countRows(db, 'users')).toBe(users);
  });

  it('refuses a second account for the same person', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const res = await admin.post('/admin/users', { email: 'igen@uldum.dk', role: 'laeser', person_id: String(admin.personId), password: NEW_PASSWORD });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'person_id')).toBe('Personen har allerede en brugerkonto');
    expect(await userByEmail(db, 'igen@uldum.dk')).toBeUndefined();
  });
});

describe('/admin/users/:id: role, disabling and passwords', () => {
  it('changes a role and ends the user’s sessions: they sign in again and have the new role', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const reader = await signedIn(app, db, 'laeser');
    expect((await reader.agent.get('/people/new')).status).toBe(403);

    const form = await admin.agent.get(`/admin/users/${reader.userId}/edit`);
    expect(form.status).toBe(200);
    expect(selectedValue(form.text, 'role')).toBe('laeser');
    const res = await admin.post(`/admin/users/${reader.userId}`, { role: 'konsulent' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/users');
    expect(flashes((await admin.agent.get('/admin/users')).text)).toContain('Brugeren er gemt.');
    expect((await userRow(db, reader.userId)).role).toBe('konsulent');
    // A change of privilege: the open session ends, and the new role comes with a new session.
    expect(await db.selectFrom('sessions').select('sid').where('user_id', '=', reader.userId).execute()).toEqual([]);
    const stale = await reader.agent.get('/people/new');
    expect(stale.status).toBe(303);
    expect(stale.headers.location).toBe('/login?next=%2Fpeople%2Fnew');
    const again = await signIn(app, (await userRow(db, reader.userId)).email);
    expect((await again.agent.get('/people/new')).status).toBe(200);

    const entry = (await auditOf(db, 'user', reader.userId)).find((e) => e.action === 'update')!;
    expect(entry.user_id).toBe(admin.userId);
    expect(JSON.parse(entry.before!).role).toBe('laeser');
    expect(JSON.parse(entry.after!).role).toBe('konsulent');
  });

  it('refuses an unknown role with 422', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const reader = await signedIn(app, db, 'laeser');
    const res = await admin.post(`/admin/users/${reader.userId}`, { role: 'gud' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'role')).toBe('Vælg en rolle');
    expect((await userRow(db, reader.userId)).role).toBe('laeser');
  });

  it('refuses a "disabled" value other than the checkbox sends with 422, and changes nothing', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const reader = await signedIn(app, db, 'laeser');
    const res = await admin.post(`/admin/users/${reader.userId}`, { role: 'repraesentant', disabled: 'ja tak' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'disabled')).toBe('Sæt eller fjern fluebenet');
    expect(await userRow(db, reader.userId)).toMatchObject({ role: 'laeser', disabled: 0 });
  });

  it('disables a user and ends their sessions', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const k = await signedIn(app, db, 'konsulent');
    const res = await admin.post(`/admin/users/${k.userId}`, { role: 'konsulent', disabled: 'on' });
    expect(res.status).toBe(303);
    expect((await userRow(db, k.userId)).disabled).toBe(1);
    expect(await db.selectFrom('sessions').select('sid').where('user_id', '=', k.userId).execute()).toEqual([]);
    const after = await k.agent.get('/people');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fpeople');
    await expect(signIn(app, await emailOf(db, k.userId))).rejects.toThrow('sign-in failed with 422');
    expect((await admin.agent.get('/admin/users')).text).toContain('Deaktiveret');
  });

  it.each([
    ['demoted', { role: 'konsulent' }],
    ['disabled', { role: 'admin', disabled: 'on' }],
  ])('the last active administrator cannot be %s', async (_what, form) => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const disabledAdmin = await signedIn(app, db, 'admin');
    await withoutAuditRule(db, () => db.updateTable('users').set({ disabled: 1 }).where('id', '=', disabledAdmin.userId).execute());
    const before = await userRow(db, admin.userId);

    const res = await admin.post(`/admin/users/${admin.userId}`, form);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/users/${admin.userId}/edit`);
    const page = await admin.agent.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(flashes(page.text)).toContain('Der skal altid være mindst én aktiv administrator.');
    expect(await userRow(db, admin.userId)).toEqual(before);
    expect((await auditOf(db, 'user', admin.userId)).some((e) => e.action === 'update')).toBe(false);
  });

  it('lets an administrator step down when another is active', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    await signedIn(app, db, 'admin');
    const res = await admin.post(`/admin/users/${admin.userId}`, { role: 'konsulent' });
    expect(res.status).toBe(303);
    expect((await userRow(db, admin.userId)).role).toBe('konsulent');
    expect((await admin.agent.get('/admin/users')).status).toBe(403);
  });

  it('resets a password and ends the user’s sessions', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const k = await signedIn(app, db, 'konsulent');
    const email = await emailOf(db, k.userId);
    const secondDevice = await signIn(app, email);

    const res = await admin.post(`/admin/users/${k.userId}/password`, { password: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/admin/users/${k.userId}/edit`);
    expect(flashes((await admin.agent.get(res.headers.location)).text)[0]).toMatch(/^Adgangskoden er nulstillet/);

    expect((await k.agent.get('/')).status).toBe(303);
    expect((await secondDevice.agent.get('/')).status).toBe(303);
    expect((await admin.agent.get('/')).status).toBe(200);
    await expect(signIn(app, email, PASSWORD)).rejects.toThrow('sign-in failed with 422');
    await signIn(app, email, NEW_PASSWORD);

    const entry = (await auditOf(db, 'user', k.userId)).find((e) => e.action === 'update')!;
    expect(entry.user_id).toBe(admin.userId);
    expect(`${entry.before}${entry.after}`).not.toContain('$argon2');
    const log = await admin.agent.get('/admin/audit').query({ entity: 'user' });
    expect(log.text).toContain('<li><strong>adgangskode</strong>: <del></del> → <ins>ændret</ins></li>');
  });

  it('refuses a too-short new password with 422 on the edit page', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const k = await signedIn(app, db, 'konsulent');
    const hash = (await userRow(db, k.userId)).password_hash;
    const res = await admin.post(`/admin/users/${k.userId}/password`, { password: 'kort' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'password')).toBe('Adgangskoden skal have mindst 10 tegn');
    expect(selectedValue(res.text, 'role')).toBe('konsulent');
    expect((await userRow(db, k.userId)).password_hash).toBe(hash);
    expect((await k.agent.get('/')).status).toBe(200);
  });

  it.each([
    ['GET', '/admin/users/999999/edit'],
    ['GET', '/admin/users/abc/edit'],
    ['POST', '/admin/users/999999'],
    ['POST', '/admin/users/abc'],
    ['POST', '/admin/users/999999/password'],
    ['POST', '/admin/users/abc/password'],
  ])('%s %s is 404', async (method, url) => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const res = method === 'GET' ? await admin.agent.get(url) : await admin.post(url, { role: 'laeser', password: NEW_PASSWORD });
    expect(res.status).toBe(404);
  });
});

describe('/admin: administrators only', () => {
  it.each(['konsulent', 'repraesentant', 'laeser'] as AppRole[])('gives a %s 403 everywhere under /admin, and changes nothing', async (role) => {
    const { app, db } = await testApp();
    const other = await signedIn(app, db, 'laeser');
    const user = await signedIn(app, db, role);
    const users = await countRows(db, 'users');
    const before = await userRow(db, other.userId);
    for (const url of ['/admin/users', '/admin/users/new', `/admin/users/${other.userId}/edit`, '/admin/audit']) {
      const res = await user.agent.get(url);
      expect([url, res.status]).toEqual([url, 403]);
      expect(res.text).toContain('Ingen adgang');
    }
    expect((await user.post('/admin/users', { email: 'x@uldum.dk', role: 'admin', name: 'Snyder', password: NEW_PASSWORD })).status).toBe(403);
    expect((await user.post(`/admin/users/${user.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await user.post(`/admin/users/${other.userId}/password`, { password: NEW_PASSWORD })).status).toBe(403);
    expect(await countRows(db, 'users')).toBe(users);
    expect(await userRow(db, other.userId)).toEqual(before);
    expect((await userRow(db, user.userId)).role).toBe(role);
  });

  it('refuses a POST without a CSRF token', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const users = await countRows(db, 'users');
    const res = await admin.agent.post('/admin/users').type('form').send({ email: 'x@uldum.dk', role: 'admin', name: 'Uden Nøgle', password: NEW_PASSWORD });
    expect(res.status).toBe(403);
    expect(await countRows(db, 'users')).toBe(users);
  });
});

import { PASSWORD, signedIn, signIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { fieldError, flashes } from '../helpers/html';

const NEW_PASSWORD = 'ny-og-lang-adgangskode';

async function passwordHashOf(db: TestApp['db'], userId: number) {
  return (await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
}

async function emailOf(db: TestApp['db'], userId: number) {
  return (await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}

describe('/profile', () => {
  it('shows who is signed in, with role and organisation', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const res = await user.agent.get('/profile');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Hanne M. Petersen');
    expect(res.text).toContain(await emailOf(db, user.userId));
    expect(res.text).toContain('<dt>Rolle</dt><dd>Repræsentant</dd>');
    expect(res.text).toContain('<dt>Organisation</dt><dd>FOA</dd>');
  });

  it('changes the password, keeps this session and ends the others', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const email = await emailOf(db, user.userId);
    const otherDevice = await signIn(app, email);
    expect((await otherDevice.agent.get('/')).status).toBe(200);

    const res = await user.post('/profile/password', { current_password: PASSWORD, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/profile');
    const page = await user.agent.get('/profile');
    expect(page.status).toBe(200);
    expect(flashes(page.text)).toContain('Din adgangskode er skiftet.');
    expect((await otherDevice.agent.get('/')).status).toBe(303);

    await expect(signIn(app, email, PASSWORD)).rejects.toThrow('sign-in failed with 422');
    await signIn(app, email, NEW_PASSWORD);

    const entry = (await auditOf(db, 'user', user.userId)).find((e) => e.action === 'update')!;
    expect(entry.user_id).toBe(user.userId);
    expect(entry.before).not.toContain('$argon2');
    expect(entry.after).not.toContain('$argon2');
  });

  it.each([
    [{ current_password: 'forkert-adgangskode', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD }, 'current_password', 'Den nuværende adgangskode er forkert'],
    [{ current_password: PASSWORD, password: NEW_PASSWORD, password_confirm: 'noget-helt-andet' }, 'password_confirm', 'De to adgangskoder er ikke ens'],
    [{ current_password: PASSWORD, password: 'kort', password_confirm: 'kort' }, 'password', 'Adgangskoden skal have mindst 10 tegn'],
    [{ current_password: '', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD }, 'current_password', 'Skriv din nuværende adgangskode'],
  ])('refuses %o with 422 and keeps the old password', async (form, field, message) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    const hash = await passwordHashOf(db, user.userId);
    const res = await user.post('/profile/password', form);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toBe(message);
    expect(res.text).not.toContain(NEW_PASSWORD);
    expect(await passwordHashOf(db, user.userId)).toBe(hash);
  });

  it('needs a CSRF token to change the password', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    const hash = await passwordHashOf(db, user.userId);
    const res = await user.agent.post('/profile/password').type('form').send({ current_password: PASSWORD, password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(res.status).toBe(403);
    expect(await passwordHashOf(db, user.userId)).toBe(hash);
  });
});

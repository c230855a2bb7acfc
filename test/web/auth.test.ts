import request from 'supertest';
import { createAccount } from '../../server/accounts/service';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { csrfFrom, PASSWORD } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { countRows } from '../helpers/db';

/** An app past /setup (one user exists) and nobody signed in. */
async function signedOutApp() {
  const t = await testApp();
  await createAccount(t.db, { email: 'admin@test.dk', password: PASSWORD, role: 'admin', name: 'Admin' }, SYSTEM_ACTOR, t.clock.now());
  return t;
}

describe('signed out', () => {
  it.each([
    '/',
    '/baseline',
    '/profile',
    '/people',
    '/people/new',
    '/people/1',
    '/people/1/edit',
    '/organisations',
    '/organisations/new',
    '/organisations/1',
    '/organisations/1/edit',
    '/partnerships',
    '/partnerships/1',
    '/partnerships/1/edit',
    '/admin/users',
    '/admin/users/new',
    '/admin/users/1/edit',
    '/admin/audit',
    '/findes-ikke',
  ])('GET %s goes to /login with next', async (url) => {
    const { app } = await signedOutApp();
    const res = await request(app).get(url);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
  });

  it('keeps the query string in next', async () => {
    const { app } = await signedOutApp();
    const res = await request(app).get('/people?q=%C3%A6r%C3%B8&page=2');
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/people?q=%C3%A6r%C3%B8&page=2')}`);
  });

  it('sends a POST (with a valid CSRF token) to /login and saves nothing', async () => {
    const { app, db } = await signedOutApp();
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/login')).text);
    const people = await countRows(db, 'people');
    const res = await agent.post('/people').type('form').send({ _csrf: csrf, name: 'Anonym', position: 'andet' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2F');
    expect(await countRows(db, 'people')).toBe(people);
  });

  it('can reach /login, /healthz and the static files', async () => {
    const { app } = await signedOutApp();
    expect((await request(app).get('/login')).status).toBe(200);
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/public/app.css')).status).toBe(200);
  });
});

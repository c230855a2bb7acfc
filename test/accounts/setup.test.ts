import request from 'supertest';
import { csrfFrom, PASSWORD, signIn } from '../helpers/agent';
import { testApp } from '../helpers/app';

describe('first start: /setup', () => {
  it('sends every page to /setup until the first administrator exists', async () => {
    const { app } = await testApp();
    const res = await request(app).get('/people');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/setup');
    const login = await request(app).get('/login');
    expect(login.headers.location).toBe('/setup');
  });

  it('creates the administrator, signs them in, and then answers 404', async () => {
    const { app, db } = await testApp();
    const agent = request.agent(app);
    const page = await agent.get('/setup');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Opret den første administrator');
    const res = await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), name: 'Åse Ørsted', email: 'ase@hedensted.dk', password: PASSWORD, password_confirm: PASSWORD });
    expect(res.status).toBe(303);
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Åse Ørsted');
    const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user.role).toBe('admin');
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect((await request(app).get('/setup')).status).toBe(404);
    await signIn(app, 'ase@hedensted.dk');
  });

  it('re-renders with 422 and Danish messages, keeping the input and saving nothing', async () => {
    const { app, db } = await testApp();
    const agent = request.agent(app);
    const page = await agent.get('/setup');
    const res = await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), name: 'Åse', email: 'ikke-en-mail', password: 'kort', password_confirm: 'andet' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Skriv en gyldig e-mailadresse');
    expect(res.text).toContain('Adgangskoden skal have mindst 10 tegn');
    expect(res.text).toContain('value="Åse"');
    expect(res.text).not.toContain('value="kort"');
    expect(await db.selectFrom('users').selectAll().execute()).toHaveLength(0);
  });

  it('refuses an organisation that is not in the list with 422, not a server error', async () => {
    const { app, db } = await testApp();
    const agent = request.agent(app);
    const page = await agent.get('/setup');
    const res = await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), name: 'Åse', email: 'ase@hedensted.dk', organisation_id: '999999', password: PASSWORD, password_confirm: PASSWORD });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<p class="error" id="f-organisation_id-error">Vælg en organisation fra listen</p>');
    expect(await db.selectFrom('users').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a POST without a CSRF token', async () => {
    const { app, db } = await testApp();
    const res = await request(app).post('/setup').type('form').send({ name: 'X', email: 'x@x.dk', password: PASSWORD, password_confirm: PASSWORD });
    expect(res.status).toBe(403);
    expect(await db.selectFrom('users').selectAll().execute()).toHaveLength(0);
  });
});

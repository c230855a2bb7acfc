import { sql } from 'kysely';
import request from 'supertest';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';

/** Nothing on an error page may tell an attacker about the code or the database. */
function expectNoInternals(body: string) {
  expect(body).not.toMatch(/no such table|SqliteError|SQLITE_|select |from "|destroyed/i);
  expect(body).not.toMatch(/\bat \S+ \(|\.ts:\d+|\/work\/|node_modules/);
}

describe('500', () => {
  it('shows an apology with a reference id that is in the log, and nothing internal', async () => {
    const { app, db, logged } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    await sql`drop table partnership_members`.execute(db);

    const res = await user.agent.get('/partnerships/1');
    expect(res.status).toBe(500);
    expect(res.text).toContain('<h1>Der opstod en fejl</h1>');
    expect(res.text).toContain('Beklager, der gik noget galt hos os.');
    const reference = /Oplys referencen <strong>([0-9a-f]{8})<\/strong>/.exec(res.text)?.[1];
    expect(reference).toBeDefined();
    expectNoInternals(res.text);

    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`[${reference}] GET /partnerships/1`);
    expect(logged[0]).toMatch(/no such table: partnership_members|relation "partnership_members" does not exist/); // SQLite's or PostgreSQL's words
  });

  it('still renders the page when the database is gone', async () => {
    const { app, db, logged } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    await db.destroy();
    const res = await user.agent.get('/people');
    expect(res.status).toBe(500);
    expect(res.text).toContain('<h1>Der opstod en fejl</h1>');
    const reference = /Oplys referencen <strong>([0-9a-f]{8})<\/strong>/.exec(res.text)![1];
    expectNoInternals(res.text);
    expect(logged.some((line) => line.startsWith(`[${reference}]`))).toBe(true);
  });
});

describe('404', () => {
  it('answers an unknown address with the 404 page', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'laeser');
    const res = await user.agent.get('/findes/ikke');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1>Siden findes ikke</h1>');
    expect(res.text).toContain('Overblik');
  });
});

describe('/healthz', () => {
  it('answers 200 ok without login', async () => {
    const { app } = await testApp();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('ok');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('does not say ok when the database does not answer', async () => {
    const { app, db } = await testApp();
    expect((await request(app).get('/healthz')).status).toBe(200); // Kysely only closes a connection it has opened
    await db.destroy();
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(503); // a load balancer takes the instance out
    expect(res.text).not.toBe('ok');
    expectNoInternals(res.text);
  });
});

describe('a Conflict', () => {
  it('with a page to go back to: the message is shown there; without: a 409 page', async () => {
    const express = (await import('express')).default;
    const session = (await import('express-session')).default;
    const { Conflict, errorHandler } = await import('../../server/web/errors');
    const { takeFlash } = await import('../../server/web/flash');
    const request = (await import('supertest')).default;
    const app = express();
    app.use(session({ secret: 'test-secret-test-secret-test-secret', resave: false, saveUninitialized: true }));
    app.use(takeFlash);
    app.get('/back', (_req, res) => {
      res.json(res.locals.flash);
    });
    app.post('/step', () => {
      throw new Conflict('Kun et planlagt møde kan aflyses.', '/back');
    });
    app.post('/plain', () => {
      throw new Conflict('Kan ikke lade sig gøre.');
    });
    app.use(errorHandler(() => {}));
    const agent = request.agent(app);
    const res = await agent.post('/step');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/back');
    expect((await agent.get('/back')).body).toEqual([{ kind: 'error', text: 'Kun et planlagt møde kan aflyses.' }]);
    expect((await agent.post('/plain')).status).toBe(409);
  });
});

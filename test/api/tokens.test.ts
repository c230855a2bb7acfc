// API tokens: an administrator issues one (shown once, kept as a SHA-256) and revokes it; the API
// answers only to a valid, unrevoked bearer token: never to a session cookie, and GET only.
import crypto from 'node:crypto';
import request from 'supertest';
import { testApp } from '../helpers/app';
import { signedIn } from '../helpers/agent';
import { flashes } from '../helpers/html';
import { visibleText } from '../exports/fixture';
import { REQUESTS_PER_MINUTE } from '../../server/api/routes';
import { apiGet, openDataWorld } from './fixture';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

describe('API tokens', () => {
  it('an administrator issues a token: shown once, stored only as its hash, audited; it opens the API', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const res = await admin.post('/admin/api-tokens', { name: 'Hedensted mødeportal' });
    expect(res.status).toBe(201);
    const token = /<code id="issued-token"[^>]*>([^<]+)<\/code>/.exec(res.text)?.[1];
    expect(token).toMatch(/^uldum_[A-Za-z0-9_-]{43}$/);
    expect(visibleText(res.text)).toContain('Den vises kun denne ene gang');

    const row = await db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Hedensted mødeportal', token_hash: sha256(token!), created_by: admin.userId, revoked_at: null });
    const audits = await db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'api_token').execute();
    expect(audits).toEqual([{ action: 'create', after: JSON.stringify({ name: 'Hedensted mødeportal' }) }]);
    expect(JSON.stringify(await db.selectFrom('audit_log').select(['before', 'after']).execute())).not.toContain(token);

    const list = await admin.agent.get('/admin/api-tokens');
    expect(visibleText(list.text)).toContain('Hedensted mødeportal');
    expect(list.text).not.toContain(token);

    const used = await apiGet(app, token!, '/api/v1/roles');
    expect(used.status).toBe(200);
    expect(used.headers['cache-control']).toBe('no-store');
    expect((await db.selectFrom('api_tokens').select('last_used_at').executeTakeFirstOrThrow()).last_used_at).not.toBeNull();
  });

  it('an empty name is refused with a Danish message', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    const res = await admin.post('/admin/api-tokens', { name: '  ' });
    expect(res.status).toBe(422);
    expect(visibleText(res.text)).toContain('Skriv hvem eller hvad nøglen er til');
    expect(await db.selectFrom('api_tokens').select('id').execute()).toEqual([]);
  });

  it('only administrators manage tokens', async () => {
    const { app, db } = await testApp();
    const konsulent = await signedIn(app, db, 'konsulent');
    expect((await konsulent.agent.get('/admin/api-tokens')).status).toBe(403);
    expect((await konsulent.post('/admin/api-tokens', { name: 'Min egen' })).status).toBe(403);
    expect(await db.selectFrom('api_tokens').select('id').execute()).toEqual([]);
  });

  it('a revoked token gets 401, and the revocation is audited', async () => {
    const { app, db } = await testApp();
    const { token, tokenId } = await openDataWorld(db);
    expect((await apiGet(app, token, '/api/v1/meetings')).status).toBe(200);
    const admin = await signedIn(app, db, 'admin');
    const res = await admin.post(`/admin/api-tokens/${tokenId}/revoke`);
    expect(res.status).toBe(303);
    expect(flashes((await admin.agent.get('/admin/api-tokens')).text)).toContain('Nøglen er tilbagekaldt. Den virker ikke længere.');
    for (const url of ['/api/v1/meetings', '/api/oparl/v1/system']) {
      const after = await apiGet(app, token, url);
      expect([url, after.status, after.body.error]).toEqual([url, 401, 'Mangler eller ugyldig adgangsnøgle (Authorization: Bearer …)']);
    }
    const audit = await db.selectFrom('audit_log').select(['action', 'user_id']).where('entity', '=', 'api_token').where('action', '=', 'update').execute();
    expect(audit).toEqual([{ action: 'update', user_id: admin.userId }]);
    expect((await admin.post(`/admin/api-tokens/${tokenId}/revoke`)).status).toBe(303); // already revoked: a flash, no change
    expect((await admin.post('/admin/api-tokens/999/revoke')).status).toBe(404);
  });

  it('no token, a wrong token or a session cookie: 401 JSON; other methods 405', async () => {
    const { app, db } = await testApp();
    const { token } = await openDataWorld(db);
    const none = await request(app).get('/api/v1/meetings');
    expect(none.status).toBe(401);
    expect(none.type).toBe('application/json');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect((await apiGet(app, `${token}x`, '/api/v1/meetings')).status).toBe(401);
    expect((await request(app).get(`/api/v1/meetings?access_token=${token}`)).status).toBe(401);
    // A signed-in administrator's session opens nothing here.
    const admin = await signedIn(app, db, 'admin');
    const bySession = await admin.agent.get('/api/v1/meetings');
    expect(bySession.status).toBe(401);
    expect(bySession.headers['set-cookie']).toBeUndefined();
    const post = await request(app).post('/api/v1/meetings').set('Authorization', `Bearer ${token}`).send({});
    expect([post.status, post.body.error, post.headers.allow]).toEqual([405, 'Kun GET er tilladt', 'GET, HEAD']);
  });

  it('unknown ids and paths are 404 JSON, a bad page 400 JSON; never a stack trace', async () => {
    const { app, db } = await testApp();
    const { token, closedItemId, closedActionId } = await openDataWorld(db);
    for (const url of ['/api/v1/meetings/999', '/api/v1/meetings/abc', '/api/v1/agenda-items/' + closedItemId, '/api/v1/actions/' + closedActionId, '/api/v1/roles/ingen', '/api/v1/nothing', '/api/oparl/v1/meetings/999']) {
      const res = await apiGet(app, token, url);
      expect([url, res.status, res.body]).toEqual([url, 404, { error: 'Findes ikke', status: 404 }]);
    }
    for (const q of ['limit=0', 'limit=101', 'offset=-1', 'limit=abc']) {
      const res = await apiGet(app, token, `/api/v1/meetings?${q}`);
      expect([q, res.status, res.body.error]).toEqual([q, 400, 'Ugyldig forespørgsel']);
    }
  });

  it('a failure inside is a 500 JSON with a reference id that is in the log, never a stack trace', async () => {
    const { app, db, logged } = await testApp();
    const { token } = await openDataWorld(db);
    await db.schema.dropTable('effect_measurements').execute();
    const res = await apiGet(app, token, '/api/v1/effects');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'Der opstod en fejl', status: 500, reference: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(res.text).not.toMatch(/effect_measurements|SqliteError|\bat /);
    expect(logged.join('\n')).toContain(`[${res.body.reference}] GET /api/v1/effects`);
  });

  it('is rate limited per token, counted in the shared table', async () => {
    const { app, db, clock } = await testApp();
    const { token, tokenId } = await openDataWorld(db);
    const at = clock.now().toISOString();
    await db.insertInto('failures').values(Array.from({ length: REQUESTS_PER_MINUTE - 1 }, () => ({ key: `api:${tokenId}`, at }))).execute();
    expect((await apiGet(app, token, '/api/v1/roles')).status).toBe(200);
    const limited = await apiGet(app, token, '/api/v1/roles');
    expect([limited.status, limited.body.error, limited.headers['retry-after']]).toEqual([429, 'For mange forespørgsler. Prøv igen om lidt.', '60']);
  });
});

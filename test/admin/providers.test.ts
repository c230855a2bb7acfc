// /admin/providers: the administrator's OpenID providers (list, add, edit, turn off), the client
// secret sealed in the database and never shown again, and the providers from the environment.
import request from 'supertest';
import { addProvidersFromEnvironment } from '../../server/accounts/service';
import { providersFromEnv } from '../../server/config-providers';
import { unseal } from '../../server/web/sealed';
import { signedIn } from '../helpers/agent';
import { testApp, testConfig } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { fieldError, fieldValue, flashes } from '../helpers/html';

const ENTRA = 'https://login.microsoftonline.com/3f2c6b1e-0000-4000-8000-1234567890ab/v2.0';

const form = {
  display_name: 'Hedensted Kommune',
  slug: '',
  issuer: ENTRA,
  client_id: 'a1b2c3d4-app',
  client_secret: 'super-hemmelig-klientnoegle',
  scopes: 'openid email profile',
  email_claim: 'email',
  role_claim: 'roles',
  role_map: 'Uldum.Konsulent=konsulent\nUldum.Repraesentant = repraesentant',
  allow_linking: 'on',
  enabled: 'on',
};

async function providerRow(db: Awaited<ReturnType<typeof testApp>>['db']) {
  return db.selectFrom('auth_providers').selectAll().executeTakeFirstOrThrow();
}

describe('/admin/providers', () => {
  it('adds a provider with its secret sealed, shows its redirect URI, and a button on the login page', async () => {
    const t = await testApp();
    const admin = await signedIn(t.app, t.db, 'admin');
    expect((await admin.agent.get('/admin/providers')).text).toContain('Der er ingen udbydere endnu.');
    expect((await admin.agent.get('/admin/providers/new')).status).toBe(200);
    const res = await admin.post('/admin/providers', form);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/providers');

    const row = await providerRow(t.db);
    expect(row).toMatchObject({ slug: 'hedensted-kommune', display_name: 'Hedensted Kommune', issuer: ENTRA, client_id: 'a1b2c3d4-app', role_claim: 'roles', allow_linking: 1, enabled: 1 });
    expect(JSON.parse(row.role_map)).toEqual({ 'Uldum.Konsulent': 'konsulent', 'Uldum.Repraesentant': 'repraesentant' });
    expect(row.client_secret_sealed).toMatch(/^v1\./);
    expect(row.client_secret_sealed).not.toContain('super-hemmelig');
    expect(unseal(testConfig.sessionSecret, 'oidc-client-secret', row.client_secret_sealed)).toBe('super-hemmelig-klientnoegle');
    // Another SESSION_SECRET cannot open it.
    expect(unseal('en-anden-hemmelighed-en-anden-hemmelighed-0123', 'oidc-client-secret', row.client_secret_sealed)).toBeNull();

    const list = await admin.agent.get('/admin/providers');
    expect(flashes(list.text)).toContain('Udbyderen er gemt.');
    expect(list.text).toMatch(/<code>http:\/\/127\.0\.0\.1:\d+\/login\/oidc\/hedensted-kommune\/callback<\/code>/);
    expect(list.text).not.toContain('super-hemmelig');
    expect((await request(t.app).get('/login')).text).toContain('Log ind med Hedensted Kommune');

    const entry = (await auditOf(t.db, 'auth_provider', row.id))[0];
    expect(entry.user_id).toBe(admin.userId);
    expect(entry.after).toContain('"client_secret_sealed":"[skjult]"');
    expect(entry.after).not.toContain('super-hemmelig');
  });

  it('never shows the secret again; an empty field keeps it, a new one replaces it', async () => {
    const t = await testApp();
    const admin = await signedIn(t.app, t.db, 'admin');
    await admin.post('/admin/providers', form);
    const { id, client_secret_sealed: sealed } = await providerRow(t.db);
    const edit = await admin.agent.get(`/admin/providers/${id}/edit`);
    expect(edit.text).not.toContain('super-hemmelig');
    expect(fieldValue(edit.text, 'client_secret')).toBe('');
    expect(edit.text).toContain('En hemmelighed er gemt (krypteret) og vises ikke.');
    expect(edit.text).toContain('Uldum.Konsulent=konsulent\nUldum.Repraesentant=repraesentant');

    expect((await admin.post(`/admin/providers/${id}`, { ...form, display_name: 'Hedensted', client_secret: '' })).status).toBe(303);
    expect(await providerRow(t.db)).toMatchObject({ display_name: 'Hedensted', client_secret_sealed: sealed });
    await admin.post(`/admin/providers/${id}`, { ...form, client_secret: 'en-ny-noegle' });
    expect(unseal(testConfig.sessionSecret, 'oidc-client-secret', (await providerRow(t.db)).client_secret_sealed)).toBe('en-ny-noegle');
    await admin.post(`/admin/providers/${id}`, { ...form, client_secret: '', clear_secret: 'on' });
    expect((await providerRow(t.db)).client_secret_sealed).toBe('');
  });

  it('refuses wrong input with 422 and Danish messages, keeping what was typed but the secret', async () => {
    const t = await testApp();
    const admin = await signedIn(t.app, t.db, 'admin');
    const res = await admin.post('/admin/providers', {
      ...form,
      issuer: 'http://login.example.com',
      scopes: 'email profile',
      role_map: 'Uldum.Konsulent=konsulent\nUldum.Chef=admin',
      slug: 'Med Store',
    });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'issuer')).toBe('Skriv en https-adresse, fx https://login.microsoftonline.com/<tenant-id>/v2.0');
    expect(fieldError(res.text, 'scopes')).toBe('Scopes skal indeholde openid');
    expect(fieldError(res.text, 'slug')).toBe('Kun små bogstaver (a–z), tal og bindestreg, højst 40 tegn');
    expect(fieldValue(res.text, 'display_name')).toBe('Hedensted Kommune');
    expect(res.text).not.toContain('super-hemmelig');
    const map = await admin.post('/admin/providers', { ...form, role_map: 'Uldum.Chef=admin' });
    expect(fieldError(map.text, 'role_map')).toBe("Ret linjen 'Uldum.Chef=admin': skriv værdi=rolle, hvor rollen er konsulent, repraesentant eller laeser");
    await admin.post('/admin/providers', form);
    const twice = await admin.post('/admin/providers', form);
    expect(twice.status).toBe(422);
    expect(fieldError(twice.text, 'slug')).toBe('En anden udbyder har allerede denne korte betegnelse');
    expect(await t.db.selectFrom('auth_providers').select('id').execute()).toHaveLength(1);
  });

  it('turns a provider off and on: no button, no sign-in while off', async () => {
    const t = await testApp();
    const admin = await signedIn(t.app, t.db, 'admin');
    await admin.post('/admin/providers', form);
    const { id } = await providerRow(t.db);
    expect((await admin.post(`/admin/providers/${id}/enabled`, { enabled: '0' })).status).toBe(303);
    expect(flashes((await admin.agent.get('/admin/providers')).text)[0]).toContain('Udbyderen er slået fra');
    expect((await request(t.app).get('/login')).text).not.toContain('Log ind med Hedensted Kommune');
    expect((await request(t.app).get('/login/oidc/hedensted-kommune')).status).toBe(404);
    await admin.post(`/admin/providers/${id}/enabled`, { enabled: '1' });
    expect((await request(t.app).get('/login')).text).toContain('Log ind med Hedensted Kommune');
    expect((await auditOf(t.db, 'auth_provider', id)).map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });

  it('is for administrators only; unknown ids are 404', async () => {
    const t = await testApp();
    const konsulent = await signedIn(t.app, t.db, 'konsulent');
    expect((await konsulent.agent.get('/admin/providers')).status).toBe(403);
    expect((await konsulent.post('/admin/providers', form)).status).toBe(403);
    expect((await konsulent.agent.get('/admin/access-requests')).status).toBe(403);
    const admin = await signedIn(t.app, t.db, 'admin');
    expect((await admin.agent.get('/admin/providers/999/edit')).status).toBe(404);
    expect((await admin.agent.get('/admin/access-requests/999')).status).toBe(404);
  });
});

describe('providers from the environment (the first start)', () => {
  const env = {
    OIDC_1_NAME: 'Hedensted Kommune',
    OIDC_1_ISSUER: ENTRA,
    OIDC_1_CLIENT_ID: 'app-id',
    OIDC_1_CLIENT_SECRET: 'fra-miljoeet',
    OIDC_1_ROLE_CLAIM: 'roles',
    OIDC_1_ROLE_MAP: 'Uldum.Konsulent=konsulent,Uldum.Laeser=laeser',
    OIDC_1_ALLOW_LINKING: '1',
    OIDC_2_NAME: 'FOA',
    OIDC_2_SLUG: 'foa',
    OIDC_2_ISSUER: 'https://login.foa.dk',
    OIDC_2_CLIENT_ID: 'uldum',
  };

  it('reads OIDC_1_…, OIDC_2_… and adds those not there yet, once', async () => {
    const seeds = providersFromEnv(env);
    expect(seeds.map((s) => [s.slug, s.displayName, s.scopes, s.allowLinking])).toEqual([
      ['hedensted-kommune', 'Hedensted Kommune', 'openid email profile', true],
      ['foa', 'FOA', 'openid email profile', false],
    ]);
    expect(seeds[0].roleMap).toEqual({ 'Uldum.Konsulent': 'konsulent', 'Uldum.Laeser': 'laeser' });
    const t = await testApp();
    expect(await addProvidersFromEnvironment(t.db, seeds, t.clock.now(), testConfig.sessionSecret)).toEqual(['Hedensted Kommune', 'FOA']);
    expect(await addProvidersFromEnvironment(t.db, seeds, t.clock.now(), testConfig.sessionSecret)).toEqual([]);
    const rows = await t.db.selectFrom('auth_providers').select(['slug', 'client_secret_sealed']).orderBy('id').execute();
    expect(rows.map((r) => r.slug)).toEqual(['hedensted-kommune', 'foa']);
    expect(unseal(testConfig.sessionSecret, 'oidc-client-secret', rows[0].client_secret_sealed)).toBe('fra-miljoeet');
    expect((await auditOf(t.db, 'auth_provider')).every((e) => e.user_id === null)).toBe(true);
  });

  it('stops on a wrong value with one readable line', () => {
    expect(() => providersFromEnv({ ...env, OIDC_2_ISSUER: 'http://login.foa.dk' })).toThrow('OIDC_2_ISSUER: skal være en https-adresse (udbyderens issuer)');
    expect(() => providersFromEnv({ ...env, OIDC_1_ROLE_MAP: 'X=admin' })).toThrow("OIDC_1_ROLE_MAP: 'X=admin' skal være værdi=rolle (konsulent, repraesentant eller laeser)");
    expect(() => providersFromEnv({ OIDC_1_ISSUER: ENTRA })).toThrow('OIDC_1_NAME: mangler');
  });
});

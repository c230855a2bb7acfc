// Who may reach which route of /initiatives: 403 for the roles that may not change things (the
// representative may comment), 403 without a CSRF token, /login when signed out, and 404 for
// unknown or malformed ids, also a measure or partner that belongs to another initiative.
// Nothing is saved when a request is refused.
import request from 'supertest';
import type { AppRole } from '../../server/db/schema';
import { csrfFrom, signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { personId } from '../helpers/factories';
import { aFullInitiative, initiativeRow, validForm } from './helpers';

interface World {
  t: TestApp;
  a: Awaited<ReturnType<typeof aFullInitiative>>;
  b: Awaited<ReturnType<typeof aFullInitiative>>;
  person: number;
}

async function world(): Promise<World> {
  const t = await testApp();
  return { t, a: await aFullInitiative(t.db, 'Gåklubben'), b: await aFullInitiative(t.db, 'Læsevenner'), person: await personId(t.db, 'Hanne M. Petersen') };
}

type Route = { path: string; form?: Record<string, string | string[]>; may: AppRole[] };

const all: AppRole[] = ['konsulent', 'repraesentant', 'laeser'];
const k: AppRole[] = ['konsulent'];

function getRoutes(w: World): Route[] {
  const i = `/initiatives/${w.a.id}`;
  return [
    { path: '/initiatives', may: all },
    { path: '/initiatives?kind=proevehandling&status=afproeves', may: all },
    { path: '/initiatives/new', may: k },
    { path: '/initiatives/new?kind=proevehandling', may: k },
    { path: i, may: all },
    { path: `${i}/edit`, may: k },
  ];
}

/** Every POST route, with a form that would be valid for a role that may use it; delete comes last. */
function postRoutes(w: World): Route[] {
  const i = `/initiatives/${w.a.id}`;
  return [
    { path: '/initiatives', form: validForm({ title: 'Nyt fra ruten' }), may: k },
    { path: i, form: validForm({ title: 'Rettet titel' }), may: k },
    { path: `${i}/status`, form: { status: 'planlagt', reason: 'Aftalt' }, may: k },
    { path: `${i}/updates`, form: { date: '2026-11-20', happened: 'Første gåtur' }, may: k },
    { path: `${i}/partners`, form: { organisation_id: '', person_id: String(w.person), contribution: 'Tid' }, may: k },
    { path: `${i}/partners/${w.a.partnerId}/delete`, may: k },
    { path: `${i}/effects`, form: { indicator: 'Gåture om ugen', unit: '', baseline: '1', target: '3' }, may: k },
    { path: `${i}/effects/${w.a.measureId}/measurements`, form: { date: '2026-11-20', value: '2', note: '' }, may: k },
    { path: `${i}/stories`, form: { date: '2026-11-20', kerneopgave_key: '', story: 'En beboer gik selv.' }, may: k },
    { path: `${i}/comments`, form: { body: 'Godt initiativ' }, may: ['konsulent', 'repraesentant'] },
    { path: `${i}/delete`, may: k },
  ];
}

/** What a refused request must leave untouched: every write is audited, comments too. */
async function writes(w: World): Promise<number[]> {
  const counts = await Promise.all(
    (['audit_log', 'comments', 'initiatives', 'initiative_status_log', 'initiative_updates', 'initiative_partners', 'effect_measures', 'effect_measurements', 'citizen_stories'] as const).map((t) =>
      countRows(w.t.db, t),
    ),
  );
  const a = await initiativeRow(w.t.db, w.a.id);
  return [...counts, a ? a.title.length : -1];
}

describe('roles on the initiatives routes', () => {
  it('lets every signed-in role read, and only the consultant (and admin) open the forms', async () => {
    const w = await world();
    for (const role of ['admin', 'konsulent', 'repraesentant', 'laeser'] as AppRole[]) {
      const user = await signedIn(w.t.app, w.t.db, role);
      for (const route of getRoutes(w)) {
        const res = await user.agent.get(route.path);
        const allowed = role === 'admin' || route.may.includes(role);
        expect([route.path, role, res.status]).toEqual([route.path, role, allowed ? 200 : 403]);
        if (!allowed) expect(res.text).toContain('Ingen adgang');
      }
    }
  });

  it('shows the edit forms to the consultant only, and the comment form to everyone but the reader', async () => {
    const w = await world();
    const page = async (role: AppRole) => (await (await signedIn(w.t.app, w.t.db, role)).agent.get(`/initiatives/${w.a.id}`)).text;
    const forms = (html: string) =>
      [...html.matchAll(/<form method="post" action="\/initiatives\/(\d+)([^"]*)"/g)].map((m) => {
        expect(Number(m[1])).toBe(w.a.id);
        return m[2];
      });
    // Deleting asks on a page of its own first: a link, not a form.
    const deleteLinks = (html: string) => [...html.matchAll(/href="\/initiatives\/\d+((?:\/partners\/\d+)?\/delete)"/g)].map((m) => m[1]);
    const everything = ['/status', '/updates', '/partners', `/effects/${w.a.measureId}/measurements`, '/effects', '/stories', '/comments'];
    for (const role of ['konsulent', 'admin'] as const) {
      const html = await page(role);
      expect(forms(html)).toEqual(everything);
      expect(deleteLinks(html)).toEqual([`/partners/${w.a.partnerId}/delete`, '/delete']);
    }
    const representative = await page('repraesentant');
    expect(forms(representative)).toEqual(['/comments']);
    expect(deleteLinks(representative)).toEqual([]);
    expect(forms(await page('laeser'))).toEqual([]);
    const list = (await (await signedIn(w.t.app, w.t.db, 'laeser')).agent.get('/initiatives')).text;
    expect(list).not.toContain('href="/initiatives/new"');
  });

  it.each(['repraesentant', 'laeser'] as AppRole[])('answers 403 to a %s on every POST it may not make, and saves nothing', async (role) => {
    const w = await world();
    const user = await signedIn(w.t.app, w.t.db, role);
    for (const route of postRoutes(w)) {
      if (route.may.includes(role)) continue;
      const before = await writes(w);
      const res = await user.post(route.path, route.form);
      expect([route.path, res.status]).toEqual([route.path, 403]);
      expect(res.text).toContain('Ingen adgang');
      expect(await writes(w)).toEqual(before);
    }
  });

  it('lets the consultant and the administrator use every form', async () => {
    for (const role of ['konsulent', 'admin'] as AppRole[]) {
      const w = await world();
      const user = await signedIn(w.t.app, w.t.db, role);
      for (const route of postRoutes(w)) {
        const audits = await countRows(w.t.db, 'audit_log');
        const res = await user.post(route.path, route.form);
        expect([role, route.path, res.status]).toEqual([role, route.path, 303]);
        expect([role, route.path, await countRows(w.t.db, 'audit_log')]).toEqual([role, route.path, audits + 1]);
      }
      expect(await initiativeRow(w.t.db, w.a.id)).toBeUndefined();
    }
  });
});

describe('CSRF', () => {
  it('answers 403 to every POST without the token, even from an administrator, and saves nothing', async () => {
    const w = await world();
    const admin = await signedIn(w.t.app, w.t.db, 'admin');
    for (const route of postRoutes(w)) {
      const before = await writes(w);
      const res = await admin.agent.post(route.path).type('form').send(route.form ?? {});
      expect([route.path, res.status]).toEqual([route.path, 403]);
      expect(res.text).toContain('Formularen er udløbet eller ugyldig');
      expect(await writes(w)).toEqual(before);
    }
  });

  it('answers 403 to a POST with a token from another session', async () => {
    const w = await world();
    const a = await signedIn(w.t.app, w.t.db, 'konsulent');
    const b = await signedIn(w.t.app, w.t.db, 'konsulent');
    const res = await a.agent.post(`/initiatives/${w.a.id}/status`).type('form').send({ _csrf: b.csrf, status: 'stoppet', reason: 'Fremmed' });
    expect(res.status).toBe(403);
    expect((await initiativeRow(w.t.db, w.a.id))!.status).toBe('ide');
  });
});

describe('signed out', () => {
  it('sends every page to /login, remembering where it was going', async () => {
    const w = await world();
    await signedIn(w.t.app, w.t.db, 'admin'); // setup is done
    for (const route of getRoutes(w)) {
      const res = await request(w.t.app).get(route.path);
      expect([route.path, res.status]).toEqual([route.path, 303]);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(route.path)}`);
    }
  });

  it('sends every POST (with a valid token of a signed-out session) to /login and saves nothing', async () => {
    const w = await world();
    await signedIn(w.t.app, w.t.db, 'admin');
    const anonymous = request.agent(w.t.app);
    const csrf = csrfFrom((await anonymous.get('/login')).text);
    for (const route of postRoutes(w)) {
      const before = await writes(w);
      const res = await anonymous.post(route.path).type('form').send({ _csrf: csrf, ...(route.form ?? {}) });
      expect([route.path, res.status, res.headers.location]).toEqual([route.path, 303, '/login?next=%2F']);
      expect(await writes(w)).toEqual(before);
    }
  });
});

describe('unknown and malformed ids', () => {
  const bad = ['999999', 'abc', '1e1', '0', '-1', '1.5', '0x1'];

  it.each(bad)('answers 404 for initiative id %p on every route, and saves nothing', async (id) => {
    const w = await world();
    const admin = await signedIn(w.t.app, w.t.db, 'admin');
    const swap = (path: string) => path.replace(`/initiatives/${w.a.id}`, `/initiatives/${id}`);
    for (const route of getRoutes(w).filter((r) => r.path.startsWith(`/initiatives/${w.a.id}`))) {
      const res = await admin.agent.get(swap(route.path));
      expect([swap(route.path), res.status]).toEqual([swap(route.path), 404]);
      expect(res.text).toContain('Siden findes ikke');
    }
    for (const route of postRoutes(w).filter((r) => r.path.startsWith(`/initiatives/${w.a.id}`))) {
      const before = await writes(w);
      const res = await admin.post(swap(route.path), route.form);
      expect([swap(route.path), res.status]).toEqual([swap(route.path), 404]);
      expect(await writes(w)).toEqual(before);
    }
  });

  it.each(bad)('answers 404 for measure and partner id %p', async (id) => {
    const w = await world();
    const k = await signedIn(w.t.app, w.t.db, 'konsulent');
    const i = `/initiatives/${w.a.id}`;
    const before = await writes(w);
    expect((await k.post(`${i}/effects/${id}/measurements`, { date: '2026-11-20', value: '2' })).status).toBe(404);
    expect((await k.post(`${i}/partners/${id}/delete`)).status).toBe(404);
    expect(await writes(w)).toEqual(before);
  });

  it('answers 404 for a measure or partner of another initiative, even with invalid input, and leaves both as they were', async () => {
    const w = await world();
    const k = await signedIn(w.t.app, w.t.db, 'konsulent');
    const i = `/initiatives/${w.a.id}`;
    const before = await writes(w);
    const measurement = await k.post(`${i}/effects/${w.b.measureId}/measurements`, { date: '2026-11-20', value: '5', note: '' });
    expect(measurement.status).toBe(404);
    const invalid = await k.post(`${i}/effects/${w.b.measureId}/measurements`, { date: 'i går', value: 'fem', note: '' });
    expect(invalid.status).toBe(404);
    expect((await k.post(`${i}/partners/${w.b.partnerId}/delete`)).status).toBe(404);
    expect(await writes(w)).toEqual(before);
    // Through its own initiative the same measure takes the measurement.
    expect((await k.post(`/initiatives/${w.b.id}/effects/${w.b.measureId}/measurements`, { date: '2026-11-20', value: '5', note: '' })).status).toBe(303);
  });

  it('answers 404 for an unknown path under an initiative', async () => {
    const w = await world();
    const k = await signedIn(w.t.app, w.t.db, 'konsulent');
    expect((await k.agent.get(`/initiatives/${w.a.id}/nothing`)).status).toBe(404);
    expect((await k.agent.get(`/initiatives/${w.a.id}/effects`)).status).toBe(404);
  });
});

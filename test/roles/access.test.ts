// Who may reach which route of /roles: 403 for roles that may not, 403 without a CSRF token,
// /login when signed out; nothing is saved when refused.
import request from 'supertest';
import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { anEvidence, evidenceForm } from './helpers';

type Route = { path: string; form?: Record<string, string>; may: AppRole[] };

async function world(): Promise<{ t: TestApp; evidence: number }> {
  const t = await testApp();
  const evidence = await anEvidence(t.db, { role_key: 'medbygger' });
  return { t, evidence };
}

function postRoutes(evidence: number): Route[] {
  const k: AppRole[] = ['konsulent'];
  return [
    { path: '/roles/evidence', form: evidenceForm(), may: k },
    { path: `/roles/evidence/${evidence}`, form: evidenceForm({ note: 'Rettet' }), may: k },
    { path: `/roles/evidence/${evidence}/delete`, may: k },
    { path: '/roles', form: { key: 'brobygger', kind: 'leder', name: 'Brobygger', description: 'Ny rolle' }, may: [] },
    { path: '/roles/medbygger', form: { name: 'Ny Medbygger', description: 'Ny tekst' }, may: [] },
    { path: '/roles/medbygger/retire', form: { retired: '1' }, may: [] },
  ];
}

function getForms(evidence: number): Route[] {
  return [
    { path: '/roles/evidence/new', may: ['konsulent'] },
    { path: `/roles/evidence/${evidence}/edit`, may: ['konsulent'] },
    { path: '/roles/new', may: [] },
    { path: '/roles/medbygger/edit', may: [] },
  ];
}

async function snapshot(db: TestApp['db']) {
  return {
    evidence: await countRows(db, 'role_evidence'),
    roles: JSON.stringify(await db.selectFrom('roles').selectAll().orderBy('key').execute()),
    notes: JSON.stringify(await db.selectFrom('role_evidence').selectAll().execute()),
    audit: await countRows(db, 'audit_log'),
  };
}

describe('/roles route access', () => {
  it.each(['laeser', 'repraesentant', 'konsulent'] as AppRole[])('refuses %s what their role may not do, and saves nothing', async (role) => {
    const { t, evidence } = await world();
    const u = await signedIn(t.app, t.db, role);
    for (const r of getForms(evidence)) {
      if (r.may.includes(role)) continue;
      expect([r.path, (await u.agent.get(r.path)).status]).toEqual([r.path, 403]);
    }
    const before = await snapshot(t.db);
    for (const r of postRoutes(evidence)) {
      if (r.may.includes(role)) continue;
      expect([r.path, (await u.post(r.path, r.form)).status]).toEqual([r.path, 403]);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('lets readers and representatives read the pages', async () => {
    const { t } = await world();
    for (const role of ['laeser', 'repraesentant'] as AppRole[]) {
      const u = await signedIn(t.app, t.db, role);
      expect((await u.agent.get('/roles')).status).toBe(200);
      expect((await u.agent.get('/roles/medbygger')).status).toBe(200);
    }
  });

  it('lets a konsulent record, edit and delete evidence, and an admin do everything', async () => {
    const { t, evidence } = await world();
    const k = await signedIn(t.app, t.db, 'konsulent');
    for (const r of getForms(evidence).filter((x) => x.may.includes('konsulent'))) expect((await k.agent.get(r.path)).status).toBe(200);
    const a = await signedIn(t.app, t.db, 'admin');
    for (const r of getForms(evidence)) expect([r.path, (await a.agent.get(r.path)).status]).toEqual([r.path, 200]);
    for (const r of postRoutes(evidence)) expect([r.path, (await a.post(r.path, r.form)).status]).toEqual([r.path, 303]);
  });

  it('refuses every POST without a CSRF token with 403, also for an admin', async () => {
    const { t, evidence } = await world();
    const a = await signedIn(t.app, t.db, 'admin');
    const before = await snapshot(t.db);
    for (const r of postRoutes(evidence)) {
      const res = await a.agent.post(r.path).type('form').send(r.form ?? {});
      expect([r.path, res.status]).toEqual([r.path, 403]);
      const wrong = await a.agent.post(r.path).type('form').send({ ...r.form, _csrf: 'forkert' });
      expect([r.path, wrong.status]).toEqual([r.path, 403]);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('sends a signed-out visitor to /login', async () => {
    const { t } = await world();
    await signedIn(t.app, t.db, 'admin'); // so setup is done
    const res = await request(t.app).get('/roles/medbygger');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Froles%2Fmedbygger');
  });
});

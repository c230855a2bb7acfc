import type { AppRole } from '../../server/db/schema';
import { PARTNERSHIP_NAME } from '../../seeds/partnership';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { fieldError, fieldValue, flashes } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';

async function thePartnership(db: TestApp['db']) {
  return db.selectFrom('partnerships').selectAll().where('name', '=', PARTNERSHIP_NAME).executeTakeFirstOrThrow();
}

const validForm = (over: Record<string, string> = {}) => ({
  name: PARTNERSHIP_NAME,
  purpose: 'Nye roller afprøves i Uldum.',
  project_area: 'Uldum',
  start_date: '2026-09-01',
  meeting_cadence: 'hver 6. uge',
  ...over,
});

describe('/partnerships', () => {
  it('lists the partnership with its parties and cadence', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/partnerships');
    expect(res.status).toBe(200);
    expect(res.text).toContain(PARTNERSHIP_NAME);
    expect(res.text).toContain('Parter: Hedensted Kommune og FOA');
    expect(res.text).toContain('Projektområde: Uldum');
    expect(res.text).toContain('Mødekadence: aftales nærmere');
  });

  it('shows the parties, their representatives and who convenes meetings', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const p = await thePartnership(db);
    const res = await l.agent.get(`/partnerships/${p.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Konsulent på Uldumprojektet og René G. Nielsen');
    const foa = /<h3 id="party-\d+"><a href="\/organisations\/\d+">FOA<\/a><\/h3>([\s\S]*?)<\/section>/.exec(res.text)![1];
    expect(foa).toContain('Hanne M. Petersen</a>, Afdelingsformand');
    expect(foa).toContain('Per Lange</a>, Faglig chef');
    expect(foa).toContain('Tom Bjerregaard</a>, Specialkonsulent');
    expect(foa).not.toContain('Dennis Kristensen');
    expect(foa).not.toContain('Jesper Thyrring Møller');
    expect(res.text).not.toContain(`/partnerships/${p.id}/edit`);
  });

  it('lets a konsulent change the settings, with before and after in the audit log', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const p = await thePartnership(db);
    const form = await k.agent.get(`/partnerships/${p.id}/edit`);
    expect(form.status).toBe(200);
    expect(fieldValue(form.text, 'meeting_cadence')).toBe('aftales nærmere');

    const res = await k.post(`/partnerships/${p.id}`, validForm());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/partnerships/${p.id}`);
    expect(await thePartnership(db)).toMatchObject({ meeting_cadence: 'hver 6. uge', start_date: '2026-09-01', purpose: 'Nye roller afprøves i Uldum.' });

    const page = await k.agent.get(`/partnerships/${p.id}`);
    expect(flashes(page.text)).toContain('Partnerskabet er gemt.');
    expect(page.text).toContain('01.09.2026');

    const update = (await auditOf(db, 'partnership', p.id)).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(k.userId);
    expect(JSON.parse(update.before!)).toMatchObject({ meeting_cadence: 'aftales nærmere', start_date: null });
    expect(JSON.parse(update.after!)).toMatchObject({ meeting_cadence: 'hver 6. uge', start_date: '2026-09-01' });
  });

  it('re-renders with 422 and changes nothing when the input is wrong', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const p = await thePartnership(db);
    const res = await k.post(`/partnerships/${p.id}`, validForm({ name: ' ', start_date: '1. september', meeting_cadence: '', project_area: 'Uldum og omegn' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'name')).toBe('Skriv partnerskabets navn');
    expect(fieldError(res.text, 'start_date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldError(res.text, 'meeting_cadence')).toBe('Skriv mødekadencen, fx "aftales nærmere" eller "hver 6. uge"');
    expect(fieldValue(res.text, 'project_area')).toBe('Uldum og omegn');
    expect(fieldValue(res.text, 'start_date')).toBe('1. september');
    expect(await thePartnership(db)).toEqual(p);
    expect((await auditOf(db, 'partnership', p.id)).some((e) => e.action === 'update')).toBe(false);
  });

  it('refuses the name of another partnership with 422', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const p = await thePartnership(db);
    const at = '2026-01-01T00:00:00.000Z';
    await withoutAuditRule(db, () => db.insertInto('partnerships').values({ name: 'Et andet partnerskab', purpose: '', project_area: '', start_date: null, meeting_cadence: 'aftales nærmere', created_at: at, updated_at: at }).execute());
    const res = await k.post(`/partnerships/${p.id}`, validForm({ name: 'Et andet partnerskab' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'name')).toBe('Der findes allerede et partnerskab med det navn');
    expect((await thePartnership(db)).meeting_cadence).toBe('aftales nærmere');
  });

  it.each([
    ['GET', '/partnerships/999999'],
    ['GET', '/partnerships/abc'],
    ['GET', '/partnerships/999999/edit'],
    ['GET', '/partnerships/abc/edit'],
    ['POST', '/partnerships/999999'],
    ['POST', '/partnerships/abc'],
  ])('%s %s is 404', async (method, url) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = method === 'GET' ? await k.agent.get(url) : await k.post(url, validForm());
    expect(res.status).toBe(404);
    expect(res.text).toContain('Siden findes ikke');
  });

  it.each(['laeser', 'repraesentant'] as AppRole[])('gives a %s 403 on the form and the change', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const p = await thePartnership(db);
    expect((await user.agent.get(`/partnerships/${p.id}/edit`)).status).toBe(403);
    expect((await user.post(`/partnerships/${p.id}`, validForm())).status).toBe(403);
    expect(await thePartnership(db)).toEqual(p);
  });

  it('refuses a POST without a CSRF token', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const p = await thePartnership(db);
    const res = await k.agent.post(`/partnerships/${p.id}`).type('form').send(validForm());
    expect(res.status).toBe(403);
    expect(await thePartnership(db)).toEqual(p);
  });
});

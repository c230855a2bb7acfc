import request from 'supertest';
import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting } from '../helpers/factories';
import { fieldError, fieldValue, flashes, pagerText, relHref, selectedValue } from '../helpers/html';
import { aLearning, anInitiative } from '../helpers/register-factories';

function learningTitled(db: TestApp['db'], title: string) {
  return db.selectFrom('learnings').selectAll().where('title', '=', title).executeTakeFirst();
}

/** The learnings' titles in the order the list shows them. */
function titlesShown(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/learnings\/\d+">([^<]*)<\/a><\/td>/g)].map((m) => m[1]);
}

/** The values ticked or selected for a multi-value field. */
function chosen(html: string, field: string): string[] {
  const checked = [...html.matchAll(new RegExp(`name="${field}" value="(\\d+)" checked`, 'g'))].map((m) => m[1]);
  const select = new RegExp(`<select id="f-${field}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  const selected = select ? [...select[1].matchAll(/<option value="(\d+)" selected>/g)].map((m) => m[1]) : [];
  return [...checked, ...selected];
}

const validForm = (over: Record<string, string | string[]> = {}) => ({
  title: 'Små, konkrete og korte indsatser',
  date: '2026-11-20',
  what_we_did: 'Vi afprøvede brunch i plejeboligen i otte uger.',
  what_happened: 'Beboerne valgte selv, hvornår de ville spise.',
  what_next: 'Vi fortsætter og deler erfaringen med skolen.',
  outcome: 'delvist',
  ...over,
});

describe('/learnings: list', () => {
  it('shows learnings newest first, every outcome in the same neutral way, with the intro on learning from failure', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    await aLearning(db, { title: 'Gåbus til skolen', date: '2026-09-01', outcome: 'virkede' });
    await aLearning(db, { title: 'Frugtordning uden fast kontakt', date: '2026-10-01', outcome: 'virkede_ikke' });
    await aLearning(db, { title: 'Brunch i plejeboligen', date: '2026-11-01', outcome: 'delvist' });
    const res = await l.agent.get('/learnings');
    expect(res.status).toBe(200);
    expect(titlesShown(res.text)).toEqual(['Brunch i plejeboligen', 'Frugtordning uden fast kontakt', 'Gåbus til skolen']);
    expect(res.text).toContain('Det, der ikke virkede, er lige så værdifuldt at lære af som det, der gjorde');
    const badges = [...res.text.matchAll(/<td><span class="([^"]*)">(Virkede[^<]*)<\/span><\/td>/g)].map((m) => [m[1], m[2]]);
    expect(badges).toEqual([
      ['badge', 'Virkede delvist'],
      ['badge', 'Virkede ikke'],
      ['badge', 'Virkede'],
    ]);
    expect(res.text).toContain('<td>01.10.2026</td>');
    expect(res.text).not.toContain('href="/learnings/new"');
  });

  it('filters by outcome, by initiative and by text (case-insensitive with æ, ø, å)', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const gaabus = await anInitiative(db, 'Gåbus til skolen');
    await aLearning(db, { title: 'Ældre bager med børnene', what_happened: 'Børnene sang for de ældre.', outcome: 'virkede' });
    await aLearning(db, { title: 'Frivillige i frugtordningen', outcome: 'virkede_ikke', initiative_ids: [gaabus] });
    await aLearning(db, { title: 'Gåbus om vinteren', what_next: 'Refleksveste til alle på ØSTERGADE.', outcome: 'delvist', initiative_ids: [gaabus] });
    const shown = async (query: Record<string, string>) => titlesShown((await l.agent.get('/learnings').query(query)).text).sort();
    expect(await shown({ outcome: 'virkede_ikke' })).toEqual(['Frivillige i frugtordningen']);
    expect(await shown({ initiative_id: String(gaabus) })).toEqual(['Frivillige i frugtordningen', 'Gåbus om vinteren']);
    expect(await shown({ initiative_id: String(gaabus), outcome: 'delvist' })).toEqual(['Gåbus om vinteren']);
    expect(await shown({ q: 'ÆLDRE' })).toEqual(['Ældre bager med børnene']);
    expect(await shown({ q: 'børnene sang' })).toEqual(['Ældre bager med børnene']);
    expect(await shown({ q: 'østergade' })).toEqual(['Gåbus om vinteren']);
    expect(await shown({ outcome: 'ukendt' })).toHaveLength(3);
    expect((await l.agent.get('/learnings').query({ q: '100%' })).text).toContain('Ingen erfaringer matcher filteret.');
    const list = await l.agent.get('/learnings');
    expect(list.text).toMatch(/<a href="\/learnings\/\d+">Gåbus om vinteren<\/a><\/td>\s*<td><span class="badge">Virkede delvist<\/span><\/td>\s*<td><a href="\/initiatives\/\d+">Gåbus til skolen<\/a><\/td>/);
  });

  it('pages 25 at a time and keeps the filter in the page links', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    for (let i = 1; i <= 30; i++) await aLearning(db, { title: `Erfaring nr. ${i}`, date: `2026-01-${String(i).padStart(2, '0')}`, outcome: 'virkede' });
    await aLearning(db, { title: 'Anden slags', outcome: 'delvist' });
    const first = await l.agent.get('/learnings').query({ outcome: 'virkede' });
    expect(titlesShown(first.text)).toHaveLength(25);
    expect(titlesShown(first.text)[0]).toBe('Erfaring nr. 30');
    expect(pagerText(first.text)).toBe('Viser 1–25 af 30 · side 1 af 2');
    expect(relHref(first.text, 'next')).toBe('/learnings?outcome=virkede&page=2');
    const second = await l.agent.get(relHref(first.text, 'next')!);
    expect(titlesShown(second.text)).toEqual(['Erfaring nr. 5', 'Erfaring nr. 4', 'Erfaring nr. 3', 'Erfaring nr. 2', 'Erfaring nr. 1']);
  });
});

describe('/learnings: create, view, edit, delete', () => {
  it('creates a learning linked to initiatives and meetings, with an audit entry', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const brunch = await anInitiative(db, 'Brunch i plejeboligen');
    const meeting = await aMeeting(db, { title: 'Partnerskabsmøde i Uldum', day: '2026-11-10' });
    const form = await k.agent.get('/learnings/new');
    expect(form.status).toBe(200);
    expect(fieldValue(form.text, 'date')).toBe('2026-11-24');
    expect(form.text).toContain('10.11.2026 · Partnerskabsmøde i Uldum');
    const res = await k.post('/learnings', validForm({ initiative_ids: String(brunch), meeting_ids: [String(meeting), String(meeting)] }));
    expect(res.status).toBe(303);
    const row = (await learningTitled(db, 'Små, konkrete og korte indsatser'))!;
    expect(row).toMatchObject({ date: '2026-11-20', outcome: 'delvist', what_next: 'Vi fortsætter og deler erfaringen med skolen.' });
    expect(res.headers.location).toBe(`/learnings/${row.id}`);
    expect(await db.selectFrom('learning_meetings').selectAll().where('learning_id', '=', row.id).execute()).toEqual([{ learning_id: row.id, meeting_id: meeting }]);
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Erfaringen er oprettet.');
    expect(page.text).toContain('Beboerne valgte selv, hvornår de ville spise.');
    expect(page.text).toContain(`<a href="/initiatives/${brunch}">Brunch i plejeboligen</a>`);
    expect(page.text).toContain(`<a href="/meetings/${meeting}">Partnerskabsmøde i Uldum</a>, tirsdag 10. november 2026`);
    const [entry] = await auditOf(db, 'learning', row.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId });
    expect(JSON.parse(entry.after!)).toMatchObject({ title: 'Små, konkrete og korte indsatser', initiative_ids: [brunch], meeting_ids: [meeting] });
  });

  it('names no person on a learning, not even who wrote it', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const writer = await db.selectFrom('people').select('name').where('id', '=', k.personId).executeTakeFirstOrThrow();
    await k.post('/learnings', validForm({ outcome: 'virkede_ikke' }));
    const row = (await learningTitled(db, 'Små, konkrete og korte indsatser'))!;
    const reader = await signedIn(app, db, 'laeser');
    for (const url of ['/learnings', `/learnings/${row.id}`]) {
      const page = await reader.agent.get(url);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(writer.name);
    }
  });

  it('re-renders with 422, the messages beside the fields and the input kept, and saves nothing', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const initiative = await anInitiative(db, 'Oldekolle');
    const res = await k.post('/learnings', validForm({ title: ' ', date: '20-11-2026', outcome: 'gik_godt', initiative_ids: String(initiative) }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toBe('Skriv en kort overskrift på erfaringen');
    expect(fieldError(res.text, 'date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldError(res.text, 'outcome')).toBe('Vælg, hvordan det gik');
    expect(fieldValue(res.text, 'date')).toBe('20-11-2026');
    expect(fieldValue(res.text, 'what_happened')).toBe('Beboerne valgte selv, hvornår de ville spise.');
    expect(chosen(res.text, 'initiative_ids')).toEqual([String(initiative)]);
    expect(await countRows(db, 'learnings')).toBe(0);
    expect(await auditOf(db, 'learning')).toHaveLength(0);
  });

  it('refuses links to initiatives or meetings that do not exist with 422', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/learnings', validForm({ initiative_ids: '999999', meeting_ids: '888888' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'initiative_ids')).toBe('Vælg initiativer fra listen');
    expect(fieldValue(res.text, 'title')).toBe('Små, konkrete og korte indsatser');
    expect(await countRows(db, 'learnings')).toBe(0);
  });

  it('edits a learning, replaces its links and records before and after', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const a = await anInitiative(db, 'Gåbus til skolen');
    const b = await anInitiative(db, 'Frivillige i frugtordningen');
    const meeting = await aMeeting(db);
    const id = await aLearning(db, { title: 'Gammel overskrift', outcome: 'virkede', initiative_ids: [a], meeting_ids: [meeting] });
    const form = await k.agent.get(`/learnings/${id}/edit`);
    expect(fieldValue(form.text, 'title')).toBe('Gammel overskrift');
    expect(selectedValue(form.text, 'outcome')).toBe('virkede');
    expect(chosen(form.text, 'initiative_ids')).toEqual([String(a)]);
    expect(chosen(form.text, 'meeting_ids')).toEqual([String(meeting)]);
    const res = await k.post(`/learnings/${id}`, validForm({ title: 'Ny overskrift', outcome: 'virkede_ikke', initiative_ids: String(b) }));
    expect(res.status).toBe(303);
    expect(await db.selectFrom('learnings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toMatchObject({ title: 'Ny overskrift', outcome: 'virkede_ikke' });
    expect(await db.selectFrom('learning_initiatives').select('initiative_id').where('learning_id', '=', id).execute()).toEqual([{ initiative_id: b }]);
    expect(await countRows(db, 'learning_meetings')).toBe(0);
    const page = await k.agent.get(`/learnings/${id}`);
    expect(flashes(page.text)).toContain('Erfaringen er gemt.');
    expect(page.text).toContain('<span class="badge">Virkede ikke</span>');
    const update = (await auditOf(db, 'learning', id)).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(k.userId);
    expect(JSON.parse(update.before!)).toMatchObject({ title: 'Gammel overskrift', initiative_ids: [a], meeting_ids: [meeting] });
    expect(JSON.parse(update.after!)).toMatchObject({ title: 'Ny overskrift', initiative_ids: [b], meeting_ids: [] });
  });

  it('keeps a learning unchanged when an edit is invalid', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aLearning(db, { title: 'Fast overskrift' });
    const res = await k.post(`/learnings/${id}`, validForm({ title: '', date: '2026-02-30' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect((await db.selectFrom('learnings').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('Fast overskrift');
    expect((await auditOf(db, 'learning', id)).some((e) => e.action === 'update')).toBe(false);
  });

  it('deletes a learning and its links, keeping the initiative and meeting, with an audit row', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const initiative = await anInitiative(db);
    const meeting = await aMeeting(db);
    const id = await aLearning(db, { title: 'Slettes', initiative_ids: [initiative], meeting_ids: [meeting] });
    const res = await k.post(`/learnings/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/learnings');
    expect(await learningTitled(db, 'Slettes')).toBeUndefined();
    expect(await countRows(db, 'learning_initiatives')).toBe(0);
    expect(await countRows(db, 'learning_meetings')).toBe(0);
    expect(await countRows(db, 'initiatives')).toBe(1);
    expect(flashes((await k.agent.get('/learnings')).text)).toContain('Erfaringen er slettet.');
    const entry = (await auditOf(db, 'learning', id)).find((e) => e.action === 'delete')!;
    expect(entry.user_id).toBe(k.userId);
    expect(JSON.parse(entry.before!)).toMatchObject({ title: 'Slettes', initiative_ids: [initiative], meeting_ids: [meeting] });
  });
});

describe('/learnings: unknown ids', () => {
  it.each([
    ['GET', '/learnings/999999'],
    ['GET', '/learnings/abc'],
    ['GET', '/learnings/1.5'],
    ['GET', '/learnings/999999/edit'],
    ['POST', '/learnings/999999'],
    ['POST', '/learnings/abc'],
    ['POST', '/learnings/999999/delete'],
    ['POST', '/learnings/0x1/delete'],
  ])('%s %s is 404', async (method, url) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = method === 'GET' ? await k.agent.get(url) : await k.post(url, validForm());
    expect(res.status).toBe(404);
    expect(res.text).toContain('Siden findes ikke');
    expect(await countRows(db, 'learnings')).toBe(0);
  });
});

describe('/learnings: who may change', () => {
  it.each(['laeser', 'repraesentant'] as AppRole[])('%s reads but gets 403 on every form and change, and nothing changes', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const id = await aLearning(db, { title: 'Beskyttet erfaring' });
    expect((await user.agent.get('/learnings')).status).toBe(200);
    const show = await user.agent.get(`/learnings/${id}`);
    expect(show.status).toBe(200);
    expect(show.text).not.toContain(`/learnings/${id}/edit`);
    expect(show.text).not.toContain('Slet erfaring');
    expect((await user.agent.get('/learnings/new')).status).toBe(403);
    expect((await user.agent.get(`/learnings/${id}/edit`)).status).toBe(403);
    expect((await user.post('/learnings', validForm())).status).toBe(403);
    expect((await user.post(`/learnings/${id}`, validForm({ title: 'Ændret' }))).status).toBe(403);
    expect((await user.post(`/learnings/${id}/delete`)).status).toBe(403);
    expect(await countRows(db, 'learnings')).toBe(1);
    expect(await learningTitled(db, 'Beskyttet erfaring')).toBeDefined();
  });

  it('refuses a POST without a CSRF token', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aLearning(db, { title: 'Beskyttet erfaring' });
    expect((await k.agent.post('/learnings').type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/learnings/${id}`).type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/learnings/${id}/delete`).type('form').send({})).status).toBe(403);
    expect(await countRows(db, 'learnings')).toBe(1);
    expect(await learningTitled(db, 'Beskyttet erfaring')).toBeDefined();
  });

  it('sends a visitor who is not signed in to the login page', async () => {
    const { app, db } = await testApp();
    await signedIn(app, db, 'laeser'); // a user exists, so the app is past its first-start setup
    const res = await request(app).get('/learnings');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Flearnings');
  });
});

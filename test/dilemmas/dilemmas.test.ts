import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAgendaItem } from '../helpers/factories';
import { fieldError, fieldValue, flashes, pagerText, relHref, selectedValue } from '../helpers/html';
import { aDilemma, anInitiative } from '../helpers/register-factories';
import { withoutAuditRule } from '../helpers/audit-rule';

function dilemmaTitled(db: TestApp['db'], title: string) {
  return db.selectFrom('dilemmas').selectAll().where('title', '=', title).executeTakeFirst();
}

function titlesShown(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/dilemmas\/\d+">([^<]*)<\/a><\/td>/g)].map((m) => m[1]);
}

function chosen(html: string, field: string): string[] {
  const checked = [...html.matchAll(new RegExp(`name="${field}" value="(\\d+)" checked`, 'g'))].map((m) => m[1]);
  const select = new RegExp(`<select id="f-${field}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  const selected = select ? [...select[1].matchAll(/<option value="(\d+)" selected>/g)].map((m) => m[1]) : [];
  return [...checked, ...selected];
}

/** Points an agenda item at a dilemma, as the agenda item form does. */
async function pointAgendaItemAt(db: TestApp['db'], agendaItemId: number, dilemmaId: number) {
  await withoutAuditRule(db, () => db.insertInto('agenda_item_dilemmas').values({ agenda_item_id: agendaItemId, dilemma_id: dilemmaId }).execute());
}

const validForm = (over: Record<string, string | string[]> = {}) => ({
  title: 'Menneskeblik og økonomiblik',
  pole_a: 'Menneskeblikket',
  pole_b: 'Økonomiblikket',
  context: 'Brunch i plejeboligen koster personaletimer, men giver beboerne mere selvbestemmelse.',
  status: 'rejst',
  ...over,
});

describe('/dilemmas: list', () => {
  it('shows open dilemmas before parked ones, with both poles, status and number of meetings', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const m1 = await aMeeting(db);
    const m2 = await aMeeting(db);
    await aDilemma(db, { title: 'Pseudoinddragelse', status: 'parkeret' });
    await aDilemma(db, { title: 'Frivillige og tavshedspligt', pole_a: 'Frivilliges bidrag', pole_b: 'Tavshedspligten', status: 'droeftet', meeting_ids: [m1, m2] });
    await aDilemma(db, { title: 'Supplement eller erstatning', status: 'rejst' });
    const res = await l.agent.get('/dilemmas');
    expect(res.status).toBe(200);
    expect(titlesShown(res.text)).toEqual(['Supplement eller erstatning', 'Frivillige og tavshedspligt', 'Pseudoinddragelse']);
    expect(res.text).toMatch(/Frivillige og tavshedspligt<\/a><\/td>\s*<td>Frivilliges bidrag <span aria-hidden="true">↔<\/span><span class="visually-hidden">over for<\/span> Tavshedspligten<\/td>\s*<td>Drøftet<\/td>\s*<td>2<\/td>/);
    expect(res.text).not.toContain('href="/dilemmas/new"');
  });

  it('filters by status and pages 25 at a time, keeping the filter', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    for (let i = 1; i <= 27; i++) await aDilemma(db, { title: `Håndteret dilemma ${i}`, status: 'haandteres' });
    await aDilemma(db, { title: 'Parkeret dilemma', status: 'parkeret' });
    expect(titlesShown((await l.agent.get('/dilemmas').query({ status: 'parkeret' })).text)).toEqual(['Parkeret dilemma']);
    expect((await l.agent.get('/dilemmas').query({ status: 'rejst' })).text).toContain('Ingen dilemmaer matcher filteret.');
    const first = await l.agent.get('/dilemmas').query({ status: 'haandteres' });
    expect(pagerText(first.text)).toBe('Viser 1–25 af 27 · side 1 af 2');
    expect(relHref(first.text, 'next')).toBe('/dilemmas?status=haandteres&page=2');
    expect(titlesShown((await l.agent.get(relHref(first.text, 'next')!)).text)).toHaveLength(2);
    expect(titlesShown((await l.agent.get('/dilemmas').query({ status: 'noget' })).text)).toHaveLength(25);
  });
});

describe('/dilemmas: view', () => {
  it('shows the poles, context, initiatives, the meetings where it was discussed and the agenda items that point at it', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const initiative = await anInitiative(db, 'Bridge og skak i SFO med frivillige');
    const meeting = await aMeeting(db, { title: 'Partnerskabsmøde om frivillige', day: '2026-12-08' });
    const item = await anAgendaItem(db, meeting, { title: 'Frivillige i SFO', kind: 'droeftelse' });
    const id = await aDilemma(db, {
      title: 'Frivillige og tavshedspligt',
      pole_a: 'Frivilliges bidrag',
      pole_b: 'Tavshedspligten',
      context: 'Frivillige i SFO hører om børnenes forhold.',
      initiative_ids: [initiative],
      meeting_ids: [meeting],
    });
    await pointAgendaItemAt(db, item, id);
    const res = await l.agent.get(`/dilemmas/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<dt>Den ene side</dt><dd>Frivilliges bidrag</dd>');
    expect(res.text).toContain('<dt>Den anden side</dt><dd>Tavshedspligten</dd>');
    expect(res.text).toContain('Frivillige i SFO hører om børnenes forhold.');
    expect(res.text).toContain(`<a href="/initiatives/${initiative}">Bridge og skak i SFO med frivillige</a>`);
    expect(res.text).toContain(`<a href="/meetings/${meeting}">Partnerskabsmøde om frivillige</a>, tirsdag 8. december 2026`);
    expect(res.text).toContain(`<a href="/meetings/${meeting}#punkt-${item}">Frivillige i SFO</a> <span class="badge">Drøftelse</span> – Partnerskabsmøde om frivillige`);
  });
});

describe('/dilemmas: create, edit, delete', () => {
  it('creates a dilemma with its meetings and initiatives, audited', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const initiative = await anInitiative(db, 'Ældre bager, børn synger');
    const meeting = await aMeeting(db, { title: 'Arbejdsgruppe' });
    const form = await k.agent.get('/dilemmas/new');
    expect(form.status).toBe(200);
    expect(selectedValue(form.text, 'status')).toBe('rejst');
    const res = await k.post('/dilemmas', validForm({ status: 'droeftet', initiative_ids: String(initiative), meeting_ids: String(meeting) }));
    expect(res.status).toBe(303);
    const row = (await dilemmaTitled(db, 'Menneskeblik og økonomiblik'))!;
    expect(row).toMatchObject({ pole_a: 'Menneskeblikket', pole_b: 'Økonomiblikket', status: 'droeftet' });
    expect(res.headers.location).toBe(`/dilemmas/${row.id}`);
    expect(await db.selectFrom('dilemma_meetings').selectAll().execute()).toEqual([{ dilemma_id: row.id, meeting_id: meeting }]);
    expect(await db.selectFrom('dilemma_initiatives').selectAll().execute()).toEqual([{ dilemma_id: row.id, initiative_id: initiative }]);
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Dilemmaet er oprettet.');
    const [entry] = await auditOf(db, 'dilemma', row.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId });
    expect(JSON.parse(entry.after!)).toMatchObject({ title: 'Menneskeblik og økonomiblik', status: 'droeftet', meeting_ids: [meeting], initiative_ids: [initiative] });
  });

  it('re-renders with 422 and saves nothing when the input is wrong', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db);
    const res = await k.post('/dilemmas', validForm({ pole_a: '', pole_b: '', status: 'loest', meeting_ids: String(meeting) }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'pole_a')).toBe('Skriv den ene side af dilemmaet, fx "menneskeblikket"');
    expect(fieldError(res.text, 'pole_b')).toBe('Skriv den anden side af dilemmaet, fx "økonomiblikket"');
    expect(fieldError(res.text, 'status')).toBe('Vælg en status');
    expect(fieldValue(res.text, 'title')).toBe('Menneskeblik og økonomiblik');
    expect(fieldValue(res.text, 'context')).toBe(validForm().context);
    expect(chosen(res.text, 'meeting_ids')).toEqual([String(meeting)]);
    expect(await countRows(db, 'dilemmas')).toBe(0);
    expect(await auditOf(db, 'dilemma')).toHaveLength(0);
  });

  it('refuses two poles that are the same, and a meeting that does not exist', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const same = await k.post('/dilemmas', validForm({ pole_a: 'Menneskeblikket', pole_b: 'menneskeblikket' }));
    expect(same.status).toBe(422);
    expect(fieldError(same.text, 'pole_b')).toBe('De to sider af dilemmaet skal være forskellige');
    expect(fieldValue(same.text, 'pole_b')).toBe('menneskeblikket');
    const stale = await k.post('/dilemmas', validForm({ meeting_ids: '999999' }));
    expect(stale.status).toBe(422);
    expect(fieldError(stale.text, 'meeting_ids')).toBe('Vælg et møde fra listen');
    expect(await countRows(db, 'dilemmas')).toBe(0);
  });

  it('edits a dilemma (moving it on to "håndteres") and records before and after', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const m1 = await aMeeting(db);
    const m2 = await aMeeting(db);
    const id = await aDilemma(db, { title: 'Når projektmidlerne forsvinder', status: 'rejst', meeting_ids: [m1] });
    const form = await k.agent.get(`/dilemmas/${id}/edit`);
    expect(fieldValue(form.text, 'title')).toBe('Når projektmidlerne forsvinder');
    expect(chosen(form.text, 'meeting_ids')).toEqual([String(m1)]);
    const res = await k.post(`/dilemmas/${id}`, validForm({ title: 'Når projektmidlerne forsvinder', status: 'haandteres', meeting_ids: [String(m1), String(m2)] }));
    expect(res.status).toBe(303);
    expect((await db.selectFrom('dilemmas').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('haandteres');
    expect(await countRows(db, 'dilemma_meetings')).toBe(2);
    const page = await k.agent.get(`/dilemmas/${id}`);
    expect(flashes(page.text)).toContain('Dilemmaet er gemt.');
    expect(page.text).toContain('<dt>Status</dt><dd>Håndteres</dd>');
    const update = (await auditOf(db, 'dilemma', id)).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(k.userId);
    expect(JSON.parse(update.before!)).toMatchObject({ status: 'rejst', meeting_ids: [m1] });
    expect(JSON.parse(update.after!)).toMatchObject({ status: 'haandteres', meeting_ids: [m1, m2].sort((a, b) => a - b) });
  });

  it('keeps a dilemma unchanged when an edit is invalid', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aDilemma(db, { title: 'Fast titel' });
    const res = await k.post(`/dilemmas/${id}`, validForm({ title: '' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toBe('Skriv en titel på dilemmaet');
    expect((await db.selectFrom('dilemmas').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('Fast titel');
  });

  it('deletes a dilemma and its links, with an audit row', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db);
    const id = await aDilemma(db, { title: 'Slettes', meeting_ids: [meeting] });
    const res = await k.post(`/dilemmas/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/dilemmas');
    expect(await dilemmaTitled(db, 'Slettes')).toBeUndefined();
    expect(await countRows(db, 'dilemma_meetings')).toBe(0);
    expect(flashes((await k.agent.get('/dilemmas')).text)).toContain('Dilemmaet er slettet.');
    const entry = (await auditOf(db, 'dilemma', id)).find((e) => e.action === 'delete')!;
    expect(entry.user_id).toBe(k.userId);
    expect(JSON.parse(entry.before!)).toMatchObject({ title: 'Slettes', meeting_ids: [meeting] });
  });

  it('refuses to delete a dilemma on an agenda and suggests parking it', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db);
    const item = await anAgendaItem(db, meeting);
    const id = await aDilemma(db, { title: 'På dagsordenen' });
    await pointAgendaItemAt(db, item, id);
    const res = await k.post(`/dilemmas/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/dilemmas/${id}`);
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Dilemmaet kan ikke slettes, fordi det står på dagsordenen til et møde. Sæt det til "Parkeret" i stedet, så historikken bevares.');
    expect(await dilemmaTitled(db, 'På dagsordenen')).toBeDefined();
    expect(await countRows(db, 'agenda_item_dilemmas')).toBe(1);
    expect((await auditOf(db, 'dilemma', id)).some((e) => e.action === 'delete')).toBe(false);
  });
});

describe('/dilemmas: unknown ids', () => {
  it.each([
    ['GET', '/dilemmas/999999'],
    ['GET', '/dilemmas/abc'],
    ['GET', '/dilemmas/-1'],
    ['GET', '/dilemmas/999999/edit'],
    ['POST', '/dilemmas/999999'],
    ['POST', '/dilemmas/1e3'],
    ['POST', '/dilemmas/999999/delete'],
  ])('%s %s is 404', async (method, url) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = method === 'GET' ? await k.agent.get(url) : await k.post(url, validForm());
    expect(res.status).toBe(404);
    expect(res.text).toContain('Siden findes ikke');
    expect(await countRows(db, 'dilemmas')).toBe(0);
  });
});

describe('/dilemmas: who may change', () => {
  it.each(['laeser', 'repraesentant'] as AppRole[])('%s reads but gets 403 on every form and change, and nothing changes', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const id = await aDilemma(db, { title: 'Beskyttet dilemma' });
    expect((await user.agent.get('/dilemmas')).status).toBe(200);
    const show = await user.agent.get(`/dilemmas/${id}`);
    expect(show.status).toBe(200);
    expect(show.text).not.toContain('Slet dilemma');
    expect((await user.agent.get('/dilemmas/new')).status).toBe(403);
    expect((await user.agent.get(`/dilemmas/${id}/edit`)).status).toBe(403);
    expect((await user.post('/dilemmas', validForm())).status).toBe(403);
    expect((await user.post(`/dilemmas/${id}`, validForm({ title: 'Ændret' }))).status).toBe(403);
    expect((await user.post(`/dilemmas/${id}/delete`)).status).toBe(403);
    expect(await countRows(db, 'dilemmas')).toBe(1);
    expect(await dilemmaTitled(db, 'Beskyttet dilemma')).toBeDefined();
  });

  it('refuses a POST without a CSRF token', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aDilemma(db, { title: 'Beskyttet dilemma' });
    expect((await k.agent.post('/dilemmas').type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/dilemmas/${id}`).type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/dilemmas/${id}/delete`).type('form').send({})).status).toBe(403);
    expect(await countRows(db, 'dilemmas')).toBe(1);
    expect(await dilemmaTitled(db, 'Beskyttet dilemma')).toBeDefined();
  });
});

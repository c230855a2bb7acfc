import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, aPerson } from '../helpers/factories';
import { fieldError, fieldValue, flashes, pagerText, relHref, selectedValue } from '../helpers/html';
import { aFefItem } from '../helpers/register-factories';

function itemTitled(db: TestApp['db'], title: string) {
  return db.selectFrom('fef_items').selectAll().where('title', '=', title).executeTakeFirst();
}

function titlesShown(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/forklar-eller-fjern\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
}

/** The summary table as [decision, items, with estimate, hours] rows, then its two totals. */
function summaryShown(html: string) {
  const table = /<table class="table" id="timer">([\s\S]*?)<\/table>/.exec(html)![1];
  const rows = [...table.matchAll(/<th scope="row"><a [^>]*>([^<]*)<\/a><\/th>\s*<td>(\d+)<\/td>\s*<td>(\d+)<\/td>\s*<td>([^<]*)<\/td>/g)].map((m) => m.slice(1));
  const totals = [...table.matchAll(/<tr><th scope="row">([^<]*)<\/th><td><\/td><td><\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
  return { rows, totals };
}

const validForm = (over: Record<string, string> = {}) => ({
  title: 'Dokumentation i Fælles Sprog III ved komplekse nye borgere',
  applies_to: 'Plejecentret i Uldum',
  origin: 'retningslinje',
  raised_by: '',
  decision: 'afventer',
  rationale: '',
  hours_saved_per_month: '1,5',
  decided_meeting_id: '',
  ...over,
});

describe('/forklar-eller-fjern: the register', () => {
  it('sums the estimated hours per month by decision for a fixed data set, over the whole register', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const meeting = await aMeeting(db);
    await aFefItem(db, { decision: 'afventer', hours_saved_per_month: 1.5 });
    await aFefItem(db, { decision: 'afventer', hours_saved_per_month: 2.25, origin: 'lovkrav' });
    await aFefItem(db, { decision: 'afventer', hours_saved_per_month: null });
    await aFefItem(db, { decision: 'forklaret_bevares', rationale: 'Lovkrav om magtanvendelse.', hours_saved_per_month: 0 });
    await aFefItem(db, { decision: 'aendret', hours_saved_per_month: 4, decided_meeting_id: meeting });
    await aFefItem(db, { decision: 'aendret', hours_saved_per_month: 0.5 });
    await aFefItem(db, { decision: 'fjernet', hours_saved_per_month: 1000, decided_meeting_id: meeting });
    const expected = {
      rows: [
        ['Afventer', '3', '2', '3,75'],
        ['Forklaret og bevares', '1', '1', '0'],
        ['Ændret', '2', '2', '4,5'],
        ['Fjernet', '1', '1', '1.000'],
      ],
      totals: [
        ['Sparet nu (ændret og fjernet)', '1.004,5'],
        ['Kan spares, hvis de afventende punkter ændres eller fjernes', '3,75'],
      ],
    };
    const res = await l.agent.get('/forklar-eller-fjern');
    expect(res.status).toBe(200);
    expect(summaryShown(res.text)).toEqual(expected);
    // The filters narrow the register below, not the totals.
    expect(summaryShown((await l.agent.get('/forklar-eller-fjern').query({ decision: 'fjernet', origin: 'lovkrav' })).text)).toEqual(expected);
  });

  it('shows every decision with zero hours when the register is empty', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/forklar-eller-fjern');
    expect(summaryShown(res.text).rows.map((r) => r.slice(1))).toEqual([
      ['0', '0', '0'],
      ['0', '0', '0'],
      ['0', '0', '0'],
      ['0', '0', '0'],
    ]);
    expect(res.text).toContain('Ingen punkter matcher filteret.');
  });

  it('lists items with origin, who raised it, the decision linked to its meeting, and hours the Danish way', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    const mette = await aPerson(db, { name: 'Mette Holm' });
    const meeting = await aMeeting(db, { title: 'Partnerskabsmøde', day: '2026-12-08' });
    const id = await aFefItem(db, {
      title: 'Kontrol af kørsel og telefonbrug',
      applies_to: 'Hjemmeplejen',
      origin: 'egen_fortolkning',
      raised_by: mette,
      decision: 'fjernet',
      hours_saved_per_month: 2.5,
      decided_meeting_id: meeting,
    });
    const res = await l.agent.get('/forklar-eller-fjern');
    // The row's cells in order; line breaks between the tags do not matter.
    expect(res.text.replace(/>\s*\n\s*</g, '><')).toContain(
      `<td><a href="/forklar-eller-fjern/${id}">Kontrol af kørsel og telefonbrug</a><br><span class="muted">Hjemmeplejen</span></td>` +
        `<td>Egen fortolkning</td>` +
        `<td><a href="/people/${mette}">Mette Holm</a></td>` +
        `<td>Fjernet<br><span class="muted">på</span> <a href="/meetings/${meeting}">Partnerskabsmøde</a>, tirsdag 8. december 2026</td>` +
        `<td>2,5</td>`,
    );
    expect(res.text).not.toContain('href="/forklar-eller-fjern/new"');
  });

  it('filters by decision and by origin, and pages 25 at a time keeping the filters', async () => {
    const { app, db } = await testApp();
    const l = await signedIn(app, db, 'laeser');
    for (let i = 1; i <= 26; i++) await aFefItem(db, { title: `Selvopfundet skema ${i}`, origin: 'selvopfundet', decision: 'fjernet' });
    await aFefItem(db, { title: 'Lovpligtig journal', origin: 'lovkrav', decision: 'forklaret_bevares', rationale: 'Serviceloven.' });
    await aFefItem(db, { title: 'Dobbelt tilsyn', origin: 'retningslinje', decision: 'afventer' });
    const shown = async (query: Record<string, string>) => titlesShown((await l.agent.get('/forklar-eller-fjern').query(query)).text);
    expect(await shown({ origin: 'lovkrav' })).toEqual(['Lovpligtig journal']);
    expect(await shown({ decision: 'afventer' })).toEqual(['Dobbelt tilsyn']);
    expect(await shown({ decision: 'afventer', origin: 'lovkrav' })).toEqual([]);
    const first = await l.agent.get('/forklar-eller-fjern').query({ decision: 'fjernet', origin: 'selvopfundet' });
    expect(titlesShown(first.text)).toHaveLength(25);
    expect(pagerText(first.text)).toBe('Viser 1–25 af 26 · side 1 af 2');
    expect(relHref(first.text, 'next')).toBe('/forklar-eller-fjern?decision=fjernet&origin=selvopfundet&page=2');
    expect(titlesShown((await l.agent.get(relHref(first.text, 'next')!)).text)).toHaveLength(1);
    expect(await shown({ decision: 'ukendt' })).toHaveLength(25);
  });
});

describe('/forklar-eller-fjern: create, edit, delete', () => {
  it('creates an item with Danish decimal hours, audited', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const mette = await aPerson(db, { name: 'Mette Holm' });
    const form = await k.agent.get('/forklar-eller-fjern/new');
    expect(form.status).toBe(200);
    expect(selectedValue(form.text, 'decision')).toBe('afventer');
    const res = await k.post('/forklar-eller-fjern', validForm({ raised_by: String(mette) }));
    expect(res.status).toBe(303);
    const row = (await itemTitled(db, 'Dokumentation i Fælles Sprog III ved komplekse nye borgere'))!;
    expect(row).toMatchObject({ origin: 'retningslinje', decision: 'afventer', raised_by: mette, hours_saved_per_month: 1.5, decided_meeting_id: null });
    expect(res.headers.location).toBe(`/forklar-eller-fjern/${row.id}`);
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Punktet er oprettet.');
    expect(page.text).toContain('<dt>Timer sparet pr. måned</dt><dd>1,5 (skøn)</dd>');
    expect(page.text).toContain(`<a href="/people/${mette}">Mette Holm</a>`);
    const [entry] = await auditOf(db, 'fef_item', row.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId });
    expect(JSON.parse(entry.after!)).toMatchObject({ title: row.title, hours_saved_per_month: 1.5 });
  });

  it.each([
    ['1,5', 1.5],
    ['2.25', 2.25],
    [' 12 ', 12],
    ['0', 0],
    ['', null],
  ])('reads the hours "%s" as %p', async (typed, stored) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.post('/forklar-eller-fjern', validForm({ hours_saved_per_month: typed }))).status).toBe(303);
    expect((await db.selectFrom('fef_items').select('hours_saved_per_month').executeTakeFirstOrThrow()).hours_saved_per_month).toBe(stored);
  });

  it.each(['-1', 'halvanden', '1.000', '1,555', '1,5 t', '99999'])('refuses the hours "%s" with 422 and saves nothing', async (typed) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/forklar-eller-fjern', validForm({ hours_saved_per_month: typed }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'hours_saved_per_month')).toBe(
      typed === '99999' ? 'Skriv højst 10.000 timer pr. måned' : 'Skriv antal timer pr. måned som et tal på 0 eller derover med højst to decimaler, fx 1,5',
    );
    expect(fieldValue(res.text, 'hours_saved_per_month')).toBe(typed);
    expect(fieldValue(res.text, 'title')).toBe('Dokumentation i Fælles Sprog III ved komplekse nye borgere');
    expect(await countRows(db, 'fef_items')).toBe(0);
    expect(await auditOf(db, 'fef_item')).toHaveLength(0);
  });

  it('re-renders with 422 for missing title and unknown choices', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/forklar-eller-fjern', validForm({ title: '', origin: 'tradition', decision: 'glemt', applies_to: 'Skolen i Uldum' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toBe('Skriv, hvilken regel, procedure eller dokumentation det drejer sig om');
    expect(fieldError(res.text, 'origin')).toBe('Vælg, hvor reglen kommer fra');
    expect(fieldError(res.text, 'decision')).toBe('Vælg en beslutning');
    expect(fieldValue(res.text, 'applies_to')).toBe('Skolen i Uldum');
    expect(await countRows(db, 'fef_items')).toBe(0);
  });

  it('requires a rationale for a rule that is kept, and no meeting for one still pending', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db);
    const kept = await k.post('/forklar-eller-fjern', validForm({ decision: 'forklaret_bevares', rationale: '  ' }));
    expect(kept.status).toBe(422);
    expect(fieldError(kept.text, 'rationale')).toBe('Skriv begrundelsen: en regel, der bevares, skal forklares');
    expect(selectedValue(kept.text, 'decision')).toBe('forklaret_bevares');
    const pending = await k.post('/forklar-eller-fjern', validForm({ decision: 'afventer', decided_meeting_id: String(meeting) }));
    expect(pending.status).toBe(422);
    expect(fieldError(pending.text, 'decided_meeting_id')).toBe('Et punkt, der afventer, er ikke besluttet på et møde. Vælg en beslutning, eller fjern mødet');
    expect(selectedValue(pending.text, 'decided_meeting_id')).toBe(String(meeting));
    const stale = await k.post('/forklar-eller-fjern', validForm({ raised_by: '999999', decision: 'fjernet', decided_meeting_id: '888888' }));
    expect(stale.status).toBe(422);
    expect(fieldError(stale.text, 'raised_by')).toBe('Vælg en person fra listen');
    expect(fieldError(stale.text, 'decided_meeting_id')).toBe('Vælg et møde fra listen');
    expect(await countRows(db, 'fef_items')).toBe(0);
  });

  it('edits an item: hours shown with a comma, the decision and its meeting saved, before and after audited', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const meeting = await aMeeting(db, { title: 'Partnerskabsmøde', day: '2026-12-08' });
    const id = await aFefItem(db, { title: 'Supplerende tilsyn med samme opgave', hours_saved_per_month: 2.5 });
    const form = await k.agent.get(`/forklar-eller-fjern/${id}/edit`);
    expect(fieldValue(form.text, 'hours_saved_per_month')).toBe('2,5');
    expect(form.text).toContain(`<option value="${meeting}">08.12.2026 · Partnerskabsmøde</option>`);
    const res = await k.post(`/forklar-eller-fjern/${id}`, validForm({ title: 'Supplerende tilsyn med samme opgave', decision: 'aendret', hours_saved_per_month: '3,75', decided_meeting_id: String(meeting), rationale: 'Ét tilsyn er nok.' }));
    expect(res.status).toBe(303);
    expect(await db.selectFrom('fef_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toMatchObject({
      decision: 'aendret',
      hours_saved_per_month: 3.75,
      decided_meeting_id: meeting,
      rationale: 'Ét tilsyn er nok.',
    });
    const page = await k.agent.get(`/forklar-eller-fjern/${id}`);
    expect(flashes(page.text)).toContain('Punktet er gemt.');
    expect(page.text).toContain(`<dt>Besluttet på</dt><dd><a href="/meetings/${meeting}">Partnerskabsmøde</a>, tirsdag 8. december 2026</dd>`);
    const update = (await auditOf(db, 'fef_item', id)).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(k.userId);
    expect(JSON.parse(update.before!)).toMatchObject({ decision: 'afventer', hours_saved_per_month: 2.5 });
    expect(JSON.parse(update.after!)).toMatchObject({ decision: 'aendret', hours_saved_per_month: 3.75 });
  });

  it('keeps who raised an item when that person has since been deactivated', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const former = await aPerson(db, { name: 'Tidligere Medarbejder', active: false });
    const id = await aFefItem(db, { raised_by: former });
    const form = await k.agent.get(`/forklar-eller-fjern/${id}/edit`);
    expect(selectedValue(form.text, 'raised_by')).toBe(String(former));
    expect(form.text).toContain('Tidligere Medarbejder (inaktiv)');
  });

  it('keeps an item unchanged when an edit is invalid', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aFefItem(db, { title: 'Fast titel', hours_saved_per_month: 1 });
    const res = await k.post(`/forklar-eller-fjern/${id}`, validForm({ hours_saved_per_month: '-2' }));
    expect(res.status).toBe(422);
    expect(await db.selectFrom('fef_items').select(['title', 'hours_saved_per_month']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
      title: 'Fast titel',
      hours_saved_per_month: 1,
    });
  });

  it('deletes an item with an audit row', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aFefItem(db, { title: 'Oprettet ved en fejl' });
    const res = await k.post(`/forklar-eller-fjern/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/forklar-eller-fjern');
    expect(await itemTitled(db, 'Oprettet ved en fejl')).toBeUndefined();
    expect(flashes((await k.agent.get('/forklar-eller-fjern')).text)).toContain('Punktet er slettet.');
    const entry = (await auditOf(db, 'fef_item', id)).find((e) => e.action === 'delete')!;
    expect(entry.user_id).toBe(k.userId);
    expect(JSON.parse(entry.before!).title).toBe('Oprettet ved en fejl');
  });
});

describe('/forklar-eller-fjern: unknown ids', () => {
  it.each([
    ['GET', '/forklar-eller-fjern/999999'],
    ['GET', '/forklar-eller-fjern/abc'],
    ['GET', '/forklar-eller-fjern/999999/edit'],
    ['POST', '/forklar-eller-fjern/999999'],
    ['POST', '/forklar-eller-fjern/%201'],
    ['POST', '/forklar-eller-fjern/999999/delete'],
  ])('%s %s is 404', async (method, url) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = method === 'GET' ? await k.agent.get(url) : await k.post(url, validForm());
    expect(res.status).toBe(404);
    expect(res.text).toContain('Siden findes ikke');
    expect(await countRows(db, 'fef_items')).toBe(0);
  });
});

describe('/forklar-eller-fjern: who may change', () => {
  it.each(['laeser', 'repraesentant'] as AppRole[])('%s reads but gets 403 on every form and change, and nothing changes', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const id = await aFefItem(db, { title: 'Beskyttet punkt' });
    expect((await user.agent.get('/forklar-eller-fjern')).status).toBe(200);
    const show = await user.agent.get(`/forklar-eller-fjern/${id}`);
    expect(show.status).toBe(200);
    expect(show.text).not.toContain('Slet punkt');
    expect((await user.agent.get('/forklar-eller-fjern/new')).status).toBe(403);
    expect((await user.agent.get(`/forklar-eller-fjern/${id}/edit`)).status).toBe(403);
    expect((await user.post('/forklar-eller-fjern', validForm())).status).toBe(403);
    expect((await user.post(`/forklar-eller-fjern/${id}`, validForm({ title: 'Ændret' }))).status).toBe(403);
    expect((await user.post(`/forklar-eller-fjern/${id}/delete`)).status).toBe(403);
    expect(await countRows(db, 'fef_items')).toBe(1);
    expect(await itemTitled(db, 'Beskyttet punkt')).toBeDefined();
  });

  it('lets an administrator change the register', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    expect((await admin.post('/forklar-eller-fjern', validForm())).status).toBe(303);
    expect(await countRows(db, 'fef_items')).toBe(1);
  });

  it('refuses a POST without a CSRF token', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await aFefItem(db, { title: 'Beskyttet punkt' });
    expect((await k.agent.post('/forklar-eller-fjern').type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/forklar-eller-fjern/${id}`).type('form').send(validForm())).status).toBe(403);
    expect((await k.agent.post(`/forklar-eller-fjern/${id}/delete`).type('form').send({})).status).toBe(403);
    expect(await countRows(db, 'fef_items')).toBe(1);
    expect(await itemTitled(db, 'Beskyttet punkt')).toBeDefined();
  });
});

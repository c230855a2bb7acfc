// /initiatives: the list with its filters and pages, creating, viewing, editing and deleting an
// initiative or a trial action.
import { onPostgres } from '../helpers/postgres';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { fixedClock } from '../../server/web/clock';
import { signedIn } from '../helpers/agent';
import { freshDb, testApp, testConfig, TEST_NOW } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAction, organisationId, partnershipId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, pagerText, relHref, selectedValue } from '../helpers/html';
import { addEffectMeasure, addMeasurement, addProgressUpdate } from '../../server/initiatives/service';
import { aFullInitiative, anInitiative, CPR_MESSAGE_START, initiativeRow, sectionOf, titlesShown, validForm } from './helpers';

/** The values of the checked boxes of a checkbox group. */
function checked(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<input type="checkbox" id="f-${name}-[^"]*" name="${name}" value="([^"]*)" checked>`, 'g'))].map((m) => m[1]);
}

describe('/initiatives: list', () => {
  it('lists initiatives by title with status, core tasks, places, period and kind', async () => {
    const { app, db } = await testApp();
    const skolen = await organisationId(db, 'Skolen i Uldum');
    const plejecentret = await organisationId(db, 'Plejecentret i Uldum');
    await anInitiative(db, { title: 'Østergade-caféen', kerneopgaver: ['social-omsorg', 'fritid-og-faellesskab'], place_ids: [String(plejecentret), String(skolen)], start_date: '2026-09-01', end_date: '2027-06-30', status: 'afproeves' });
    await anInitiative(db, { title: 'Ældre læser for børn', kind: 'proevehandling', start_date: '2026-11-01' });
    await anInitiative(db, { title: 'Aftenskole' });
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/initiatives');
    expect(res.status).toBe(200);
    expect(titlesShown(res.text)).toEqual(['Aftenskole', 'Ældre læser for børn', 'Østergade-caféen']);
    expect(res.text).toMatch(/Østergade-caféen<\/a>\s*<\/td>\s*<td>Afprøves<\/td>\s*<td>Fritid og Fællesskab, Social Omsorg<\/td>\s*<td>Plejecentret i Uldum, Skolen i Uldum<\/td>\s*<td>01.09.2026–30.06.2027<\/td>/);
    expect(res.text).toMatch(/Ældre læser for børn<\/a> <span class="badge">prøvehandling<\/span>/);
    expect(pagerText(res.text)).toBe('Viser 1–3 af 3');
  });

  it('sorts Danish titles with æ, ø and å last', async () => {
    const { app, db } = await testApp();
    for (const title of ['Åben skole', 'Ældrecafé', 'Zumba', 'Østergade', 'Bibliotek']) await anInitiative(db, { title });
    const l = await signedIn(app, db, 'laeser');
    expect(titlesShown((await l.agent.get('/initiatives')).text)).toEqual(['Bibliotek', 'Zumba', 'Ældrecafé', 'Østergade', 'Åben skole']);
  });

  it('filters by core task, status, place, role in play and kind, alone and together', async () => {
    const { app, db } = await testApp();
    const skolen = String(await organisationId(db, 'Skolen i Uldum'));
    const plejecentret = String(await organisationId(db, 'Plejecentret i Uldum'));
    await anInitiative(db, { title: 'Lektiecafé', kerneopgaver: ['laering'], place_ids: [skolen], role_keys: ['medbygger'], status: 'afproeves' });
    await anInitiative(db, { title: 'Gåklub', kerneopgaver: ['social-omsorg'], place_ids: [plejecentret], role_keys: ['ressourcedetektor', 'netvaerkssmed'], kind: 'proevehandling', status: 'afproeves' });
    await anInitiative(db, { title: 'Fællesspisning', kerneopgaver: ['social-omsorg', 'fritid-og-faellesskab'], place_ids: [plejecentret, skolen], kind: 'proevehandling' });
    const l = await signedIn(app, db, 'laeser');
    const shown = async (query: Record<string, string>) => titlesShown((await l.agent.get('/initiatives').query(query)).text).sort();
    expect(await shown({ kerneopgave: 'social-omsorg' })).toEqual(['Fællesspisning', 'Gåklub']);
    expect(await shown({ kerneopgave: 'laering' })).toEqual(['Lektiecafé']);
    expect(await shown({ status: 'afproeves' })).toEqual(['Gåklub', 'Lektiecafé']);
    expect(await shown({ status: 'ide' })).toEqual(['Fællesspisning']);
    expect(await shown({ place_id: skolen })).toEqual(['Fællesspisning', 'Lektiecafé']);
    expect(await shown({ place_id: plejecentret })).toEqual(['Fællesspisning', 'Gåklub']);
    expect(await shown({ role: 'netvaerkssmed' })).toEqual(['Gåklub']);
    expect(await shown({ role: 'medbygger' })).toEqual(['Lektiecafé']);
    expect(await shown({ kind: 'proevehandling' })).toEqual(['Fællesspisning', 'Gåklub']);
    expect(await shown({ kind: 'initiativ' })).toEqual(['Lektiecafé']);
    expect(await shown({ kind: 'proevehandling', status: 'afproeves', place_id: plejecentret, kerneopgave: 'social-omsorg', role: 'ressourcedetektor' })).toEqual(['Gåklub']);
    const none = await l.agent.get('/initiatives').query({ kind: 'proevehandling', kerneopgave: 'laering' });
    expect(none.text).toContain('Ingen initiativer matcher filteret.');
    // The chosen filters stay selected in the form.
    const filtered = (await l.agent.get('/initiatives').query({ status: 'afproeves', place_id: skolen, role: 'medbygger', kind: 'initiativ', kerneopgave: 'laering' })).text;
    expect(filtered).toContain('<option value="afproeves" selected>Afprøves</option>');
    expect(filtered).toContain(`<option value="${skolen}" selected>Skolen i Uldum</option>`);
    expect(filtered).toContain('<option value="medbygger" selected>Medbygger</option>');
    expect(filtered).toContain('<option value="initiativ" selected>Samskabelsesinitiativ</option>');
    expect(filtered).toContain('<option value="laering" selected>Læring</option>');
  });

  it('ignores filter values that are not on the lists', async () => {
    const { app, db } = await testApp();
    await anInitiative(db, { title: 'Et initiativ' });
    const l = await signedIn(app, db, 'laeser');
    for (const query of [{ status: 'slettet' }, { kind: 'projekt' }, { place_id: 'skolen' }, { kerneopgave: "'; drop table initiatives; --" }]) {
      const res = await l.agent.get('/initiatives').query(query);
      expect([query, res.status, titlesShown(res.text)]).toEqual([query, 200, ['Et initiativ']]);
    }
  });

  it('shows 25 a page and keeps the filters in the page links', async () => {
    const { app, db } = await testApp();
    for (let i = 1; i <= 30; i++) await anInitiative(db, { title: `Prøve ${String(i).padStart(2, '0')}`, kind: 'proevehandling' });
    for (let i = 1; i <= 3; i++) await anInitiative(db, { title: `Andet ${i}` });
    const l = await signedIn(app, db, 'laeser');
    const first = await l.agent.get('/initiatives').query({ kind: 'proevehandling' });
    expect(titlesShown(first.text)).toHaveLength(25);
    expect(titlesShown(first.text)[0]).toBe('Prøve 01');
    expect(pagerText(first.text)).toBe('Viser 1–25 af 30 · side 1 af 2');
    expect(relHref(first.text, 'next')).toBe('/initiatives?kind=proevehandling&page=2');
    const second = await l.agent.get(relHref(first.text, 'next')!);
    expect(titlesShown(second.text)).toEqual(['Prøve 26', 'Prøve 27', 'Prøve 28', 'Prøve 29', 'Prøve 30']);
    expect(pagerText(second.text)).toBe('Viser 26–30 af 30 · side 2 af 2');
    expect(relHref(second.text, 'prev')).toBe('/initiatives?kind=proevehandling');
    expect(relHref(second.text, 'next')).toBeUndefined();
  });
});

// Counted on SQLite's connection (the queries are the same on PostgreSQL).
(onPostgres ? describe.skip : describe)('/initiatives: no query per row', () => {
  /** An app whose SQLite connection counts the statements it prepares. */
  async function countingApp(): Promise<{ app: Express; db: Awaited<ReturnType<typeof freshDb>>['db']; statements: () => number }> {
    const { db, raw } = await freshDb();
    const app = createApp({ db, config: testConfig, clock: fixedClock(TEST_NOW), log: () => undefined });
    const spy = jest.spyOn(raw, 'prepare');
    return { app, db, statements: () => spy.mock.calls.length };
  }

  it('runs as many queries for a full page of 25 as for a page of 1', async () => {
    const counts: number[] = [];
    for (const rows of [1, 25]) {
      const { app, db, statements } = await countingApp();
      const skolen = String(await organisationId(db, 'Skolen i Uldum'));
      for (let i = 0; i < rows; i++) {
        await anInitiative(db, { title: `Række ${i}`, kerneopgaver: ['laering'], place_ids: [skolen], role_keys: ['medbygger'], funding_ends: '2026-12-01', kind: 'proevehandling', trial_end: '2026-11-01' });
      }
      const l = await signedIn(app, db, 'laeser');
      const before = statements();
      const res = await l.agent.get('/initiatives');
      expect(titlesShown(res.text)).toHaveLength(rows);
      counts.push(statements() - before);
    }
    expect(counts[0]).toBeGreaterThanOrEqual(4); // the page, its count and its tags are really counted
    expect(counts[1]).toBe(counts[0]);
  });

  it('runs as many queries for an initiative page with many rows around it as with one', async () => {
    const counts: number[] = [];
    for (const many of [false, true]) {
      const { app, db, statements } = await countingApp();
      const { id } = await aFullInitiative(db, 'Fuld');
      if (many) {
        const more = await aFullInitiative(db, 'Mere');
        for (let i = 0; i < 5; i++) {
          const m = await addEffectMeasure(db, id, { indicator: `Mål ${i}`, unit: '', baseline: 1, target: 2 }, { actor: { userId: null }, personId: null }, new Date(TEST_NOW));
          for (let j = 0; j < 3; j++) await addMeasurement(db, id, m, { date: `2026-10-0${j + 1}`, value: j, note: '' }, { actor: { userId: null }, personId: null }, new Date(TEST_NOW));
          await addProgressUpdate(db, id, { date: '2026-10-01', happened: `Skete ${i}`, effect_seen: '', learning: '' }, { actor: { userId: null }, personId: null }, new Date(TEST_NOW));
        }
        expect(more.id).not.toBe(id);
      }
      const l = await signedIn(app, db, 'laeser');
      const before = statements();
      expect((await l.agent.get(`/initiatives/${id}`)).status).toBe(200);
      counts.push(statements() - before);
    }
    expect(counts[0]).toBeGreaterThanOrEqual(4); // the page, its count and its tags are really counted
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('/initiatives: create', () => {
  it('offers the right form for an initiative and for a trial action', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const plain = await k.agent.get('/initiatives/new');
    expect(plain.status).toBe(200);
    expect(plain.text).toContain('<h1>Nyt initiativ</h1>');
    expect(selectedValue(plain.text, 'kind')).toBe('initiativ');
    expect(selectedValue(plain.text, 'partnership_id')).toBe(String(await partnershipId(db)));
    const trial = await k.agent.get('/initiatives/new?kind=proevehandling');
    expect(trial.text).toContain('<h1>Ny prøvehandling</h1>');
    expect(selectedValue(trial.text, 'kind')).toBe('proevehandling');
    expect(trial.text).toContain('Tom: 8 uger efter start.');
  });

  it('creates an initiative with its core tasks, places and roles, logs "Oprettet" and audits it', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const skolen = await organisationId(db, 'Skolen i Uldum');
    const partnership = await partnershipId(db);
    const res = await k.post(
      '/initiatives',
      validForm({ partnership_id: String(partnership), kerneopgaver: ['laering', 'social-omsorg'], place_ids: [String(skolen)], role_keys: ['medbygger'], funding_ends: '2027-06-30' }),
    );
    expect(res.status).toBe(303);
    const row = (await db.selectFrom('initiatives').selectAll().where('title', '=', 'Gåtur til postkassen').executeTakeFirst())!;
    expect(res.headers.location).toBe(`/initiatives/${row.id}`);
    expect(row).toMatchObject({
      kind: 'initiativ',
      status: 'ide',
      partnership_id: partnership,
      description: 'Beboere går selv til postkassen med en frivillig.',
      start_date: '2026-12-01',
      end_date: '2027-05-31',
      citizen_role: 'medskaber',
      involvement_level: 'samskabelse',
      funding: 'Puljemidler',
      funding_ends: '2027-06-30',
      trial_start: null,
      trial_end: null,
      trial_decision: null,
      created_at: TEST_NOW,
    });
    const kerneopgaver = await db.selectFrom('initiative_kerneopgaver').select('kerneopgave_key').where('initiative_id', '=', row.id).orderBy('kerneopgave_key').execute();
    expect(kerneopgaver.map((r) => r.kerneopgave_key)).toEqual(['laering', 'social-omsorg']);
    expect(await db.selectFrom('initiative_places').select('organisation_id').where('initiative_id', '=', row.id).execute()).toEqual([{ organisation_id: skolen }]);
    expect(await db.selectFrom('initiative_roles').select('role_key').where('initiative_id', '=', row.id).execute()).toEqual([{ role_key: 'medbygger' }]);
    expect(await db.selectFrom('initiative_status_log').selectAll().where('initiative_id', '=', row.id).execute()).toEqual([
      expect.objectContaining({ from_status: null, to_status: 'ide', reason: 'Oprettet', person_id: k.personId, at: TEST_NOW }),
    ]);
    const [entry] = await auditOf(db, 'initiative', row.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId });
    expect(JSON.parse(entry.after!)).toMatchObject({ title: 'Gåtur til postkassen', kerneopgaver: ['laering', 'social-omsorg'] });

    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Initiativet er oprettet.');
    expect(page.text).toContain('<h1>Gåtur til postkassen</h1>');
    expect(page.text).toContain('<dt>Kerneopgaver</dt><dd>Læring, Social Omsorg</dd>');
    expect(page.text).toContain(`<a href="/organisations/${skolen}">Skolen i Uldum</a>`);
    expect(page.text).toContain('<a href="/roles/medbygger">Medbygger</a>');
    expect(page.text).toContain('<dt>Borgerens rolle</dt><dd>Medskaber</dd>');
    expect(page.text).toContain('<dt>Inddragelsesniveau</dt><dd>Samskabelse</dd>');
    expect(page.text).toContain('Puljemidler (slutter 30.06.2027)');
    expect(sectionOf(page.text, 'status')).toContain('Idé</strong>');
    expect(sectionOf(page.text, 'status')).toContain('Oprettet');
    expect(page.text).not.toContain('id="proevehandling"');
  });

  it('creates a trial action whose period ends 8 weeks after its start', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(
      '/initiatives',
      validForm({
        title: 'Ingen skemaer i otte uger',
        kind: 'proevehandling',
        start_date: '2026-12-01',
        end_date: '',
        hypothesis: 'Uden skemaet får personalet mere tid til borgerne.',
        freedom_from: 'Dagligt registreringsskema',
        freedom_to: 'En kort samtale ved vagtskifte',
        success_criteria: 'Mindst 30 minutter mere pr. vagt',
      }),
    );
    expect(res.status).toBe(303);
    const row = (await db.selectFrom('initiatives').selectAll().where('title', '=', 'Ingen skemaer i otte uger').executeTakeFirst())!;
    expect(row).toMatchObject({ kind: 'proevehandling', trial_start: '2026-12-01', trial_end: '2027-01-26', freedom_from: 'Dagligt registreringsskema' });
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Prøvehandlingen er oprettet.');
    const trial = sectionOf(page.text, 'proevehandling');
    expect(trial).toContain('<dt>Frihed fra</dt><dd class="text">Dagligt registreringsskema</dd>');
    expect(trial).toContain('<dt>Frihed til</dt><dd class="text">En kort samtale ved vagtskifte</dd>');
    expect(trial).toContain('<dt>Periode</dt><dd>01.12.2026–26.01.2027</dd>');
    expect(trial).toContain('<dt>Resultat</dt><dd class="text">Ikke skrevet endnu</dd>');
    expect(trial).toContain('<dt>Beslutning</dt><dd>Ikke besluttet</dd>');
  });

  it('re-renders with 422, the messages beside the fields and the input kept, and saves nothing', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const skolen = String(await organisationId(db, 'Skolen i Uldum'));
    const before = await Promise.all([countRows(db, 'initiatives'), countRows(db, 'audit_log'), countRows(db, 'initiative_status_log')]);
    const res = await k.post(
      '/initiatives',
      validForm({
        title: '  ',
        kind: 'projekt',
        description: 'Borgeren har CPR 010190-1234',
        funding_ends: '31-12-2027',
        citizen_role: 'kunde',
        kerneopgaver: ['laering'],
        place_ids: [skolen],
        intended_movement: 'Fra 2026-2027 ringer vi på 12 34 56 78',
      }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Formularen indeholder fejl. Ret de markerede felter.');
    expect(fieldError(res.text, 'title')).toBe('Skriv en titel på initiativet');
    expect(fieldError(res.text, 'kind')).toBe('Vælg en type');
    expect(fieldError(res.text, 'description')).toMatch(new RegExp(`^${CPR_MESSAGE_START}`));
    expect(fieldError(res.text, 'funding_ends')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldError(res.text, 'citizen_role')).toBe('Vælg en værdi fra listen');
    expect(fieldError(res.text, 'intended_movement')).toBeUndefined();
    expect(fieldValue(res.text, 'description')).toBe('Borgeren har CPR 010190-1234');
    expect(fieldValue(res.text, 'intended_movement')).toBe('Fra 2026-2027 ringer vi på 12 34 56 78');
    expect(fieldValue(res.text, 'funding_ends')).toBe('31-12-2027');
    expect(checked(res.text, 'kerneopgaver')).toEqual(['laering']);
    expect(checked(res.text, 'place_ids')).toEqual([skolen]);
    expect(await Promise.all([countRows(db, 'initiatives'), countRows(db, 'audit_log'), countRows(db, 'initiative_status_log')])).toEqual(before);
  });

  it('refuses an end before the start, for the initiative and for the trial period', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/initiatives', validForm({ kind: 'proevehandling', start_date: '2027-01-10', end_date: '2027-01-01', trial_start: '2027-02-01', trial_end: '2027-01-01' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'end_date')).toBe('Slutdatoen skal ligge efter startdatoen');
    expect(fieldError(res.text, 'trial_end')).toBe('Periodens slut skal ligge efter dens start');
    expect(fieldValue(res.text, 'trial_start')).toBe('2027-02-01');
    expect(await countRows(db, 'initiatives')).toBe(0);
  });

  it('refuses a trial period that ends before the initiative starts when the period has no start of its own', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/initiatives', validForm({ kind: 'proevehandling', start_date: '2027-01-10', end_date: '', trial_start: '', trial_end: '2027-01-01' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'trial_end')).toBe('Periodens slut skal ligge efter dens start');
    expect(await countRows(db, 'initiatives')).toBe(0);
    // For an ordinary initiative the start date is no trial start.
    expect((await k.post('/initiatives', validForm({ kind: 'initiativ', start_date: '2027-01-10', end_date: '', trial_end: '2027-01-01' }))).status).toBe(303);
  });

  it('refuses core tasks, places, roles and partnerships that are not on the lists', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const cases: Array<[Record<string, string | string[]>, string, string]> = [
      [{ kerneopgaver: ['laering', 'sport'] }, 'kerneopgaver', 'Vælg kerneopgaver fra listen'],
      [{ place_ids: ['999999'] }, 'place_ids', 'Vælg steder fra listen'],
      [{ role_keys: ['superhelt'] }, 'role_keys', 'Vælg roller fra listen'],
      [{ partnership_id: '999999' }, 'partnership_id', 'Vælg et partnerskab fra listen'],
    ];
    for (const [over, field, message] of cases) {
      const res = await k.post('/initiatives', validForm(over));
      expect([field, res.status, fieldError(res.text, field)]).toEqual([field, 422, message]);
      expect(fieldValue(res.text, 'title')).toBe('Gåtur til postkassen');
    }
    expect(await countRows(db, 'initiatives')).toBe(0);
  });

  it('accepts phone numbers and year spans in the texts that refuse CPR numbers', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const text = 'Kontakt caféen på 75 12 34 56 eller 75123456 i 2026-2027.';
    const res = await k.post('/initiatives', validForm({ kind: 'proevehandling', description: text, intended_movement: text, hypothesis: text, result: text }));
    expect(res.status).toBe(303);
    expect(await db.selectFrom('initiatives').select(['description', 'intended_movement', 'hypothesis', 'result']).executeTakeFirst()).toEqual({
      description: text,
      intended_movement: text,
      hypothesis: text,
      result: text,
    });
  });

  it.each(['description', 'intended_movement', 'hypothesis', 'result'])('refuses a CPR number in the %s', async (field) => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/initiatives', validForm({ kind: 'proevehandling', [field]: 'Borger 2412261234 deltog' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toMatch(new RegExp(`^${CPR_MESSAGE_START}`));
    expect(fieldValue(res.text, field)).toBe('Borger 2412261234 deltog');
    expect(await countRows(db, 'initiatives')).toBe(0);
  });
});

describe('/initiatives/:id: view, edit', () => {
  it('shows the form filled in and saves the changes with before and after in the audit log', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const skolen = String(await organisationId(db, 'Skolen i Uldum'));
    const plejecentret = String(await organisationId(db, 'Plejecentret i Uldum'));
    const id = await anInitiative(db, { title: 'Gammel titel', kerneopgaver: ['laering'], place_ids: [skolen], role_keys: ['medbygger'], citizen_role: 'modtager' });
    const form = await k.agent.get(`/initiatives/${id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<h1>Redigér Gammel titel</h1>');
    expect(fieldValue(form.text, 'title')).toBe('Gammel titel');
    expect(selectedValue(form.text, 'citizen_role')).toBe('modtager');
    expect(checked(form.text, 'kerneopgaver')).toEqual(['laering']);
    expect(checked(form.text, 'place_ids')).toEqual([skolen]);
    expect(checked(form.text, 'role_keys')).toEqual(['medbygger']);

    const res = await k.post(`/initiatives/${id}`, validForm({ title: 'Ny titel', kerneopgaver: ['social-omsorg'], place_ids: [plejecentret], role_keys: [], citizen_role: '' }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/initiatives/${id}`);
    expect(await initiativeRow(db, id)).toMatchObject({ title: 'Ny titel', citizen_role: null, status: 'ide', updated_at: TEST_NOW });
    expect(await db.selectFrom('initiative_kerneopgaver').select('kerneopgave_key').where('initiative_id', '=', id).execute()).toEqual([{ kerneopgave_key: 'social-omsorg' }]);
    expect(await db.selectFrom('initiative_places').select('organisation_id').where('initiative_id', '=', id).execute()).toEqual([{ organisation_id: Number(plejecentret) }]);
    expect(await countRows(db, 'initiative_roles')).toBe(0);
    const update = (await auditOf(db, 'initiative', id)).find((e) => e.action === 'update')!;
    expect(update.user_id).toBe(k.userId);
    expect(JSON.parse(update.before!).title).toBe('Gammel titel');
    expect(JSON.parse(update.after!)).toMatchObject({ title: 'Ny titel', kerneopgaver: ['social-omsorg'] });
    const page = await k.agent.get(`/initiatives/${id}`);
    expect(flashes(page.text)).toContain('Initiativet er gemt.');
    expect(page.text).toContain('<dt>Kerneopgaver</dt><dd>Social Omsorg</dd>');
    expect(page.text).toContain('<dt>Roller i spil</dt><dd>Ikke angivet</dd>');
  });

  it('keeps the initiative unchanged when an edit is invalid', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anInitiative(db, { title: 'Fast titel', kind: 'proevehandling', result: 'Det virkede' });
    const audits = await countRows(db, 'audit_log');
    const res = await k.post(`/initiatives/${id}`, validForm({ title: 'Forsøgt ændret', kind: 'proevehandling', result: 'Borger 010190-1234 blev glad' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('<h1>Redigér Fast titel</h1>');
    expect(fieldError(res.text, 'result')).toMatch(new RegExp(`^${CPR_MESSAGE_START}`));
    expect(fieldValue(res.text, 'title')).toBe('Forsøgt ændret');
    expect(await initiativeRow(db, id)).toMatchObject({ title: 'Fast titel', result: 'Det virkede' });
    expect(await countRows(db, 'audit_log')).toBe(audits);
  });

  it('escapes what users wrote', async () => {
    const { app, db } = await testApp();
    const id = await anInitiative(db, { title: '<script>alert(1)</script>', description: '<img src=x onerror=alert(1)>' });
    const l = await signedIn(app, db, 'laeser');
    const page = (await l.agent.get(`/initiatives/${id}`)).text;
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('/initiatives/:id/delete', () => {
  it('deletes an initiative that no action refers to, with an audit entry', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const { id } = await aFullInitiative(db, 'Nedlagt');
    const res = await k.post(`/initiatives/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/initiatives');
    expect(await initiativeRow(db, id)).toBeUndefined();
    expect(await countRows(db, 'effect_measures')).toBe(0);
    const list = await k.agent.get('/initiatives');
    expect(flashes(list.text)).toContain('Initiativet er slettet.');
    expect(titlesShown(list.text)).toEqual([]);
    const entry = (await auditOf(db, 'initiative', id)).find((e) => e.action === 'delete')!;
    expect(entry.user_id).toBe(k.userId);
    expect(JSON.parse(entry.before!).title).toBe('Nedlagt');
    expect((await k.agent.get(`/initiatives/${id}`)).status).toBe(404);
  });

  it('refuses with a Danish message while actions refer to it, and keeps everything', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const { id } = await aFullInitiative(db, 'Har opfølgning');
    await anAction(db, await aMeeting(db), { text: 'Find frivillige', initiative_id: id });
    const audits = await countRows(db, 'audit_log');
    const res = await k.post(`/initiatives/${id}/delete`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/initiatives/${id}`);
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Initiativet har opfølgningspunkter fra møder og kan ikke slettes. Sæt status til "Stoppet" i stedet.');
    expect(page.text).toContain('<h1>Har opfølgning</h1>');
    expect(await initiativeRow(db, id)).toBeDefined();
    expect(await countRows(db, 'effect_measures')).toBe(1);
    expect(await countRows(db, 'audit_log')).toBe(audits);
  });
});

describe('an initiative’s follow-up actions', () => {
  it('lists those with a due date first, soonest first, then those without, on either database', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const { id } = await aFullInitiative(db, 'Gåklubben');
    const meeting = await aMeeting(db);
    await anAction(db, meeting, { text: 'Uden frist', initiative_id: id, due_date: null });
    await anAction(db, meeting, { text: 'Senere frist', initiative_id: id, due_date: '2026-12-20' });
    await anAction(db, meeting, { text: 'Tidlig frist', initiative_id: id, due_date: '2026-12-01' });
    const text = (await k.agent.get(`/initiatives/${id}`)).text;
    const at = (s: string) => text.indexOf(s);
    expect(at('Tidlig frist')).toBeGreaterThan(-1);
    expect(at('Tidlig frist')).toBeLessThan(at('Senere frist'));
    expect(at('Senere frist')).toBeLessThan(at('Uden frist'));
  });
});

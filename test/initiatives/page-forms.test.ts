// The forms on an initiative's page: status change, progress update, partners, effect measures
// and their measurements, citizen stories and comments. Each saves with an audit entry and
// comes back to its section; invalid input re-renders the page with 422, the message beside the
// field, the input kept and nothing saved.
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp, type TestApp, TEST_NOW } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aPerson, organisationId, personId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, selectedValue } from '../helpers/html';
import {
  aFullInitiative,
  anInitiative,
  CPR_MESSAGE_START,
  detailsOpen,
  duplicateIds,
  initiativeRow,
  measureCard,
  measurementError,
  measurementValue,
  sectionOf,
} from './helpers';

const CPR = new RegExp(`^${CPR_MESSAGE_START}`);

interface Ctx {
  t: TestApp;
  k: SignedIn;
  id: number;
  path: string;
}

async function setup(over: Record<string, unknown> = {}): Promise<Ctx> {
  const t = await testApp();
  const k = await signedIn(t.app, t.db, 'konsulent', { personName: 'Hanne M. Petersen' });
  const id = await anInitiative(t.db, { title: 'Gåklubben', ...over });
  return { t, k, id, path: `/initiatives/${id}` };
}

/** Row counts that a refused form must leave as they were. */
function counts(t: TestApp) {
  return Promise.all(
    (['audit_log', 'initiative_status_log', 'initiative_updates', 'initiative_partners', 'effect_measures', 'effect_measurements', 'citizen_stories', 'comments'] as const).map((table) =>
      countRows(t.db, table),
    ),
  );
}

describe('status', () => {
  it('changes the status and logs who, when and why, shown newest first', async () => {
    const c = await setup();
    const res = await c.k.post(`${c.path}/status`, { status: 'afproeves', reason: 'Vi starter efter mødet 3. december' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${c.path}#status`);
    expect((await initiativeRow(c.t.db, c.id))!.status).toBe('afproeves');
    const log = await c.t.db.selectFrom('initiative_status_log').selectAll().where('initiative_id', '=', c.id).orderBy('id').execute();
    expect(log.at(-1)).toMatchObject({ from_status: 'ide', to_status: 'afproeves', reason: 'Vi starter efter mødet 3. december', person_id: c.k.personId, at: TEST_NOW });
    const entry = (await auditOf(c.t.db, 'initiative', c.id)).at(-1)!;
    expect(entry).toMatchObject({ action: 'update', user_id: c.k.userId });
    expect(JSON.parse(entry.after!)).toEqual({ status: 'afproeves', reason: 'Vi starter efter mødet 3. december' });

    c.t.clock.set('2026-11-24T13:30:00Z');
    expect((await c.k.post(`${c.path}/status`, { status: 'evalueres', reason: 'Otte uger er gået' })).status).toBe(303);
    const page = await c.k.agent.get(c.path);
    expect(flashes(page.text)).toContain('Status er ændret til "Evalueres".');
    expect(page.text).toContain('<dt>Status</dt><dd><strong>Evalueres</strong></dd>');
    const entries = [...sectionOf(page.text, 'status').matchAll(/<li><strong>([^<]*)<\/strong> · ([^<]*)<br><span class="text">([^<]*)<\/span><\/li>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(entries).toEqual([
      ['Afprøves → Evalueres', '24.11.2026 14.30 · Hanne M. Petersen', 'Otte uger er gået'],
      ['Idé → Afprøves', '24.11.2026 11.00 · Hanne M. Petersen', 'Vi starter efter mødet 3. december'],
      ['Idé', '24.11.2026 11.00', 'Oprettet'],
    ]);
    expect(selectedValue(page.text, 'status')).toBe('evalueres');
  });

  it('requires a reason and a known status (422), and changes nothing', async () => {
    const c = await setup();
    const before = await counts(c.t);
    const noReason = await c.k.post(`${c.path}/status`, { status: 'stoppet', reason: '   ' });
    expect(noReason.status).toBe(422);
    expect(fieldError(noReason.text, 'reason')).toBe('Skriv, hvorfor status ændres');
    expect(selectedValue(noReason.text, 'status')).toBe('stoppet');
    const unknown = await c.k.post(`${c.path}/status`, { status: 'afsluttet', reason: 'Færdig' });
    expect(unknown.status).toBe(422);
    expect(fieldError(unknown.text, 'status')).toBe('Vælg en ny status');
    expect(fieldValue(unknown.text, 'reason')).toBe('Færdig');
    expect((await initiativeRow(c.t.db, c.id))!.status).toBe('ide');
    expect(await counts(c.t)).toEqual(before);
  });

  it('logs nothing when the status is the same again, and says so', async () => {
    const c = await setup();
    const before = await counts(c.t);
    const res = await c.k.post(`${c.path}/status`, { status: 'ide', reason: 'Stadig en idé' });
    expect(res.status).toBe(303);
    expect(flashes((await c.k.agent.get(c.path)).text)).toContain('Initiativet havde allerede den status.');
    expect(await counts(c.t)).toEqual(before);
  });
});

describe('progress updates', () => {
  it('adds a dated update with who wrote it, shown in the timeline', async () => {
    const c = await setup();
    const res = await c.k.post(`${c.path}/updates`, { date: '2026-11-20', happened: 'Første gåtur med seks beboere', effect_seen: 'To gik hele vejen selv', learning: 'Start tidligere på dagen' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${c.path}#forloeb`);
    const row = (await c.t.db.selectFrom('initiative_updates').selectAll().where('initiative_id', '=', c.id).executeTakeFirst())!;
    expect(row).toMatchObject({ date: '2026-11-20', happened: 'Første gåtur med seks beboere', effect_seen: 'To gik hele vejen selv', learning: 'Start tidligere på dagen', person_id: c.k.personId });
    expect((await auditOf(c.t.db, 'initiative_update', row.id)).map((e) => [e.action, e.user_id])).toEqual([['create', c.k.userId]]);
    const page = await c.k.agent.get(c.path);
    expect(flashes(page.text)).toContain('Opdateringen er tilføjet forløbet.');
    const timeline = sectionOf(page.text, 'forloeb');
    expect(timeline).toContain('<strong>20.11.2026</strong> · Hanne M. Petersen');
    expect(timeline).toContain('Første gåtur med seks beboere');
    expect(timeline).toContain('<strong>Effekt set:</strong> <span class="text">To gik hele vejen selv</span>');
    expect(timeline).toContain('<strong>Læring:</strong> <span class="text">Start tidligere på dagen</span>');
    expect(timeline).not.toContain('Ingen opdateringer endnu.');
  });

  it('requires what happened and a date (422), keeps the input, saves nothing', async () => {
    const c = await setup();
    const before = await counts(c.t);
    const res = await c.k.post(`${c.path}/updates`, { date: '20.11.2026', happened: '', effect_seen: 'Glade beboere', learning: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'happened')).toBe('Skriv, hvad der skete');
    expect(fieldError(res.text, 'date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldValue(res.text, 'effect_seen')).toBe('Glade beboere');
    expect(detailsOpen(res.text, `${c.path}/updates`)).toBe(true);
    expect(await counts(c.t)).toEqual(before);
  });

  it.each(['happened', 'effect_seen', 'learning'])('refuses a CPR number in %s beside the field, with the form open', async (field) => {
    const c = await setup();
    const before = await counts(c.t);
    const form = { date: '2026-11-20', happened: 'Gåtur', effect_seen: '', learning: '', [field]: 'Beboer 0503421234 gik selv' };
    const res = await c.k.post(`${c.path}/updates`, form);
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toMatch(CPR);
    expect(fieldValue(res.text, field)).toBe('Beboer 0503421234 gik selv');
    expect(detailsOpen(res.text, `${c.path}/updates`)).toBe(true);
    expect(await counts(c.t)).toEqual(before);
  });

  it('accepts phone numbers and years', async () => {
    const c = await setup();
    const text = 'Ring til caféen på 75 12 34 56 (eller 75123456) om planen for 2026-2027';
    expect((await c.k.post(`${c.path}/updates`, { date: '2026-11-20', happened: text, effect_seen: text, learning: text })).status).toBe(303);
    expect(await countRows(c.t.db, 'initiative_updates')).toBe(1);
  });
});

describe('partners', () => {
  it('adds an organisation or a person with what they bring, and removes them again', async () => {
    const c = await setup();
    const skolen = await organisationId(c.t.db, 'Skolen i Uldum');
    const frivillig = await aPerson(c.t.db, { name: 'Frivillig Frida' });
    expect((await c.k.post(`${c.path}/partners`, { organisation_id: String(skolen), person_id: '', contribution: 'Lokaler og kaffe' })).headers.location).toBe(`${c.path}#partnere`);
    expect((await c.k.post(`${c.path}/partners`, { organisation_id: '', person_id: String(frivillig), contribution: '' })).status).toBe(303);
    const rows = await c.t.db.selectFrom('initiative_partners').selectAll().where('initiative_id', '=', c.id).orderBy('id').execute();
    expect(rows.map((r) => [r.organisation_id, r.person_id, r.contribution])).toEqual([
      [skolen, null, 'Lokaler og kaffe'],
      [null, frivillig, ''],
    ]);
    let page = await c.k.agent.get(c.path);
    expect(flashes(page.text)).toContain('Partneren er tilføjet.');
    const section = sectionOf(page.text, 'partnere');
    expect(section).toContain(`<a href="/organisations/${skolen}">Skolen i Uldum</a> – bidrager med: Lokaler og kaffe`);
    expect(section).toContain(`<a href="/people/${frivillig}">Frivillig Frida</a>`);

    const remove = await c.k.post(`${c.path}/partners/${rows[0].id}/delete`);
    expect(remove.status).toBe(303);
    expect(remove.headers.location).toBe(`${c.path}#partnere`);
    expect(await c.t.db.selectFrom('initiative_partners').select('id').execute()).toEqual([{ id: rows[1].id }]);
    const entry = (await auditOf(c.t.db, 'initiative_partner', rows[0].id)).at(-1)!;
    expect(entry).toMatchObject({ action: 'delete', user_id: c.k.userId });
    page = await c.k.agent.get(c.path);
    expect(flashes(page.text)).toContain('Partneren er fjernet.');
    expect(sectionOf(page.text, 'partnere')).not.toContain('Skolen i Uldum</a>');
  });

  it('requires an organisation or a person from the lists (422), and saves nothing', async () => {
    const c = await setup();
    const before = await counts(c.t);
    const neither = await c.k.post(`${c.path}/partners`, { organisation_id: '', person_id: '', contribution: 'Gode idéer' });
    expect(neither.status).toBe(422);
    expect(fieldError(neither.text, 'organisation_id')).toBe('Vælg en organisation eller en person');
    expect(fieldValue(neither.text, 'contribution')).toBe('Gode idéer');
    expect(detailsOpen(neither.text, `${c.path}/partners`)).toBe(true);
    const unknownOrganisation = await c.k.post(`${c.path}/partners`, { organisation_id: '999999', person_id: '', contribution: '' });
    expect(unknownOrganisation.status).toBe(422);
    expect(fieldError(unknownOrganisation.text, 'organisation_id')).toBe('Vælg en organisation fra listen');
    const unknownPerson = await c.k.post(`${c.path}/partners`, { organisation_id: '', person_id: '999999', contribution: 'Hjælp' });
    expect(unknownPerson.status).toBe(422);
    expect(fieldError(unknownPerson.text, 'person_id')).toBe('Vælg en person fra listen');
    expect(fieldValue(unknownPerson.text, 'contribution')).toBe('Hjælp');
    expect(detailsOpen(unknownPerson.text, `${c.path}/partners`)).toBe(true);
    expect(await counts(c.t)).toEqual(before);
  });
});

describe('effect measures and measurements', () => {
  it('creates a measure with Danish decimals, and draws its measurements as a chart with a table beside it', async () => {
    const c = await setup();
    const res = await c.k.post(`${c.path}/effects`, { indicator: 'Skridt til postkassen', unit: 'skridt', baseline: '3,5', target: '50' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${c.path}#effekt`);
    const measure = (await c.t.db.selectFrom('effect_measures').selectAll().where('initiative_id', '=', c.id).executeTakeFirst())!;
    expect(measure).toMatchObject({ indicator: 'Skridt til postkassen', unit: 'skridt', baseline: 3.5, target: 50 });
    expect((await auditOf(c.t.db, 'effect_measure', measure.id)).map((e) => e.action)).toEqual(['create']);
    let page = await c.k.agent.get(c.path);
    expect(flashes(page.text)).toContain('Effektmålet er oprettet.');
    expect(measureCard(page.text, measure.id)).toContain('Ingen målinger endnu.');
    expect(measureCard(page.text, measure.id)).not.toContain('<svg');

    for (const [date, value] of [['2026-11-10', '12,5'], ['2026-10-01', '4'], ['2026-11-20', '30']]) {
      const m = await c.k.post(`${c.path}/effects/${measure.id}/measurements`, { date, value, note: date === '2026-11-20' ? 'Med rollator' : '' });
      expect(m.status).toBe(303);
      expect(m.headers.location).toBe(`${c.path}#effekt-${measure.id}`);
    }
    const values = await c.t.db.selectFrom('effect_measurements').select(['date', 'value']).where('effect_measure_id', '=', measure.id).orderBy('date').execute();
    expect(values).toEqual([{ date: '2026-10-01', value: 4 }, { date: '2026-11-10', value: 12.5 }, { date: '2026-11-20', value: 30 }]);
    expect(await countRows(c.t.db, 'audit_log')).toBeGreaterThan(0);
    expect((await auditOf(c.t.db, 'effect_measurement')).length).toBe(3);

    page = await c.k.agent.get(c.path);
    expect(flashes(page.text)).toContain('Målingen er gemt.');
    const card = measureCard(page.text, measure.id);
    expect(card).toContain('<h3 id="effekt-' + measure.id + '-h">Skridt til postkassen (skridt)</h3>');
    expect(card).toContain('Udgangspunkt: 3,5 · Mål: 50');
    // The chart: an accessible SVG with a title, a description, one point per measurement and the guides.
    const svg = card.slice(card.indexOf('<svg'), card.indexOf('</svg>'));
    expect(svg).toMatch(/role="img" aria-labelledby="chart-\d+-title chart-\d+-desc"/);
    expect(svg).toMatch(/<title id="chart-\d+-title">Skridt til postkassen<\/title>/);
    expect(svg).toMatch(/<desc id="chart-\d+-desc">Målinger over tid for Skridt til postkassen\. Tallene står også i tabellen under grafen\.<\/desc>/);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('Udgangspunkt 3,5');
    expect(svg).toContain('Mål 50');
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ L[\d.]+ [\d.]+"/);
    const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.slice(1).map(Number);
    for (const m of svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)) {
      expect(Number(m[1])).toBeLessThanOrEqual(viewBox[0]);
      expect(Number(m[2])).toBeLessThanOrEqual(viewBox[1]);
    }
    // The same numbers in a table, oldest first.
    const rows = [...card.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ['01.10.2026', '4', ''],
      ['10.11.2026', '12,5', ''],
      ['20.11.2026', '30', 'Med rollator'],
    ]);
    // In a scroll region named by the caption, so a phone scrolls the table, not the page.
    expect(card).toMatch(/<div class="table-scroll" role="region" tabindex="0" aria-labelledby="(measurements-\d+-caption)">\s*<table[^>]*>\s*<caption id="\1">Målinger: Skridt til postkassen<\/caption>/);
  });

  it('draws a single measurement as one point without a line', async () => {
    const c = await setup();
    const { id, measureId } = await aFullInitiative(c.t.db, 'Én måling');
    const card = measureCard((await c.k.agent.get(`/initiatives/${id}`)).text, measureId);
    expect(card.match(/<circle /g)).toHaveLength(1);
    expect(card).not.toContain('class="chart-line"');
  });

  it('requires an indicator and numbers for baseline and target (422), keeping the input', async () => {
    const c = await setup();
    const before = await counts(c.t);
    const res = await c.k.post(`${c.path}/effects`, { indicator: '', unit: 'borgere', baseline: 'tre', target: '3,5,1' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'indicator')).toMatch(/^Skriv indikatoren/);
    expect(fieldError(res.text, 'baseline')).toBe('Skriv et tal, fx 12 eller 3,5');
    expect(fieldError(res.text, 'target')).toBe('Skriv et tal, fx 12 eller 3,5');
    expect(fieldValue(res.text, 'unit')).toBe('borgere');
    expect(fieldValue(res.text, 'baseline')).toBe('tre');
    expect(detailsOpen(res.text, `${c.path}/effects`)).toBe(true);
    expect(await counts(c.t)).toEqual(before);
  });

  it('refuses a measurement without a number or date, or with a CPR number in the note, beside that measure', async () => {
    const c = await setup();
    const { id, measureId } = await aFullInitiative(c.t.db, 'Målinger');
    const path = `/initiatives/${id}/effects/${measureId}/measurements`;
    const before = await counts(c.t);
    const wrong = await c.k.post(path, { date: 'i går', value: 'mange', note: 'Regnvejr' });
    expect(wrong.status).toBe(422);
    expect(measurementError(wrong.text, measureId, 'value')).toBe('Skriv et tal, fx 12 eller 3,5');
    expect(measurementError(wrong.text, measureId, 'date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(measurementValue(wrong.text, measureId, 'value')).toBe('mange');
    expect(measurementValue(wrong.text, measureId, 'note')).toBe('Regnvejr');
    const empty = await c.k.post(path, { date: '2026-11-20', value: '', note: '' });
    expect(measurementError(empty.text, measureId, 'value')).toBe('Skriv et tal, fx 12 eller 3,5');
    const cpr = await c.k.post(path, { date: '2026-11-20', value: '5', note: 'Borger 010190-1234 var med' });
    expect(cpr.status).toBe(422);
    expect(measurementError(cpr.text, measureId, 'note')).toMatch(CPR);
    expect(measurementValue(cpr.text, measureId, 'note')).toBe('Borger 010190-1234 var med');
    expect(await counts(c.t)).toEqual(before);
    expect(cpr.text).toContain(`<li><a href="#f-m${measureId}_note">`);
    expect(duplicateIds(cpr.text)).toEqual([]);
    const phone = await c.k.post(path, { date: '2026-11-20', value: '5', note: 'Aftalt på tlf. 75123456 for 2026-2027' });
    expect(phone.status).toBe(303);
  });
});

describe('citizen stories', () => {
  it('saves an anonymised story with date and core task', async () => {
    const c = await setup();
    const story = 'En ældre kvinde på plejecentret går nu selv ned efter avisen.';
    const res = await c.k.post(`${c.path}/stories`, { date: '2026-11-18', kerneopgave_key: 'social-omsorg', story });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${c.path}#borgerhistorier`);
    const row = (await c.t.db.selectFrom('citizen_stories').selectAll().executeTakeFirst())!;
    expect(row).toMatchObject({ initiative_id: c.id, date: '2026-11-18', kerneopgave_key: 'social-omsorg', story, person_id: c.k.personId });
    expect((await auditOf(c.t.db, 'citizen_story', row.id)).map((e) => [e.action, e.user_id])).toEqual([['create', c.k.userId]]);
    const page = await c.k.agent.get(c.path);
    expect(flashes(page.text)).toContain('Borgerhistorien er gemt.');
    expect(sectionOf(page.text, 'borgerhistorier')).toContain(`<p class="text">${story}</p><footer>18.11.2026 · Social Omsorg</footer>`);
  });

  it('refuses a CPR number in the story (422) with the message beside it and the story kept', async () => {
    const c = await setup();
    const before = await counts(c.t);
    for (const story of ['Fru Hansen, 120345-1234, fik det bedre', 'Fru Hansen (1203451234) fik det bedre']) {
      const res = await c.k.post(`${c.path}/stories`, { date: '2026-11-18', kerneopgave_key: 'social-omsorg', story });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, 'story')).toMatch(CPR);
      expect(fieldValue(res.text, 'story')).toBe(story);
      expect(selectedValue(res.text, 'kerneopgave_key')).toBe('social-omsorg');
      expect(detailsOpen(res.text, `${c.path}/stories`)).toBe(true);
    }
    expect(await counts(c.t)).toEqual(before);
  });

  it('accepts a phone number and a span of years in a story', async () => {
    const c = await setup();
    const story = 'Caféen (tlf. 75 12 34 56) har åbent hele 2026-2027.';
    expect((await c.k.post(`${c.path}/stories`, { date: '2026-11-18', kerneopgave_key: '', story })).status).toBe(303);
    expect((await c.t.db.selectFrom('citizen_stories').select(['story', 'kerneopgave_key']).executeTakeFirst())).toEqual({ story, kerneopgave_key: null });
  });

  it('requires the story, a date and a core task from the list, and shows the date error on the story form only', async () => {
    const c = await setup();
    const before = await counts(c.t);
    const empty = await c.k.post(`${c.path}/stories`, { date: '2026-11-18', kerneopgave_key: '', story: '  ' });
    expect(empty.status).toBe(422);
    expect(fieldError(empty.text, 'story')).toBe('Skriv historien – uden navne og CPR-numre');
    const unknown = await c.k.post(`${c.path}/stories`, { date: '2026-11-18', kerneopgave_key: 'sport', story: 'En historie' });
    expect(unknown.status).toBe(422);
    expect(fieldError(unknown.text, 'kerneopgave_key')).toBe('Vælg en kerneopgave fra listen');
    expect(detailsOpen(unknown.text, `${c.path}/stories`)).toBe(true);
    const badDate = await c.k.post(`${c.path}/stories`, { date: '18/11', kerneopgave_key: '', story: 'En historie' });
    expect(badDate.status).toBe(422);
    expect(detailsOpen(badDate.text, `${c.path}/stories`)).toBe(true);
    expect(detailsOpen(badDate.text, `${c.path}/updates`)).toBe(false);
    expect(fieldError(badDate.text, 'story_date')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(sectionOf(badDate.text, 'borgerhistorier')).toContain('id="f-story_date" name="date" value="18/11"');
    expect(fieldError(badDate.text, 'date')).toBeUndefined();
    expect(fieldValue(badDate.text, 'date')).toBe('2026-11-24'); // the progress form keeps its own default
    expect(badDate.text).toContain('<li><a href="#f-story_date">Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24</a></li>');
    expect(duplicateIds(badDate.text)).toEqual([]);
    expect(await counts(c.t)).toEqual(before);
  });
});

describe('the page as a whole', () => {
  it('gives every element its own id, so each label and error link finds its field', async () => {
    const c = await setup();
    const { id } = await aFullInitiative(c.t.db, 'Alt på én side');
    await aFullInitiative(c.t.db, 'Nabo'); // a second measure elsewhere must not matter
    const page = await c.k.agent.get(`/initiatives/${id}`);
    expect(duplicateIds(page.text)).toEqual([]);
    for (const m of page.text.matchAll(/<label for="([^"]+)"/g)) expect([m[1], page.text.includes(`id="${m[1]}"`)]).toEqual([m[1], true]);
  });
});

describe('comments', () => {
  it('lets a representative comment, shown with name and organisation', async () => {
    const c = await setup();
    const r = await signedIn(c.t.app, c.t.db, 'repraesentant', { personName: 'Per Lange' });
    const res = await r.post(`${c.path}/comments`, { body: 'FOA vil gerne høre mere om gåturene.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${c.path}#comments-heading`);
    const row = (await c.t.db.selectFrom('comments').selectAll().executeTakeFirst())!;
    expect(row).toMatchObject({ target_type: 'initiative', target_id: c.id, person_id: await personId(c.t.db, 'Per Lange'), body: 'FOA vil gerne høre mere om gåturene.' });
    expect((await auditOf(c.t.db, 'comment', row.id)).map((e) => [e.action, e.user_id])).toEqual([['create', r.userId]]);
    const page = await r.agent.get(c.path);
    expect(flashes(page.text)).toContain('Kommentaren er tilføjet.');
    expect(page.text).toContain('<strong>Per Lange</strong>, FOA · 24.11.2026 11.00');
    expect(page.text).toContain('FOA vil gerne høre mere om gåturene.');
    // The comment belongs to this initiative only.
    const other = await anInitiative(c.t.db, { title: 'Andet' });
    expect((await r.agent.get(`/initiatives/${other}`)).text).not.toContain('FOA vil gerne høre mere');
  });

  it('requires the comment text (422) and saves nothing', async () => {
    const c = await setup();
    const r = await signedIn(c.t.app, c.t.db, 'repraesentant');
    const before = await counts(c.t);
    const res = await r.post(`${c.path}/comments`, { body: '  ' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'body')).toBe('Skriv en kommentar');
    expect(await counts(c.t)).toEqual(before);
  });
});

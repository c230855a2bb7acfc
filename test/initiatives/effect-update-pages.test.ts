// The effect-update pages over HTTP: the konsulent writes and sends a period's update, a
// representative returns it with a reason or approves it, readers only read; the initiative
// page shows the series with the target and the "mangler"/"returneret" flags; a locked period
// refuses any change with the Danish message.
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { fieldError, fieldValue, flashes, unescapeHtml } from '../helpers/html';
import { addEffectMeasure } from '../../server/initiatives/service';
import { anInitiative, SYSTEM } from './helpers';

interface Ctx {
  t: TestApp;
  k: SignedIn;
  r: SignedIn;
  id: number;
  measureId: number;
  page: (period: string) => string;
}

async function setup(): Promise<Ctx> {
  const t = await testApp();
  const k = await signedIn(t.app, t.db, 'konsulent', { personName: 'Hanne M. Petersen' });
  const r = await signedIn(t.app, t.db, 'repraesentant');
  const id = await anInitiative(t.db, { title: 'Gåklubben' });
  // Made in August: the third quarter is past and has nothing approved.
  const measureId = await addEffectMeasure(t.db, id, { indicator: 'Borgere der går selv', unit: 'borgere', baseline: 2, target: 10 }, SYSTEM, new Date('2026-08-15T10:00:00Z'));
  return { t, k, r, id, measureId, page: (period) => `/initiatives/${id}/effects/${measureId}/periods/${period}` };
}

/** The series table's rows on the initiative page: period, status, approved value, target, flags. */
async function seriesRows(c: Ctx, who: SignedIn = c.k) {
  const html = (await who.agent.get(`/initiatives/${c.id}`)).text;
  const table = /<table class="table table--compact effect-series">([\s\S]*?)<\/table>/.exec(html)![1];
  return [...table.matchAll(/<tr data-period="[^"]*">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => unescapeHtml(cell[1].replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim())),
  );
}

const statusOf = (html: string) => unescapeHtml(/<dd id="effect-update-status">([^<]*)<\/dd>/.exec(html)![1]);

describe('an effect update per period', () => {
  it('is written and sent by the konsulent, returned with a reason, corrected, approved and then locked', async () => {
    const c = await setup();
    expect(await seriesRows(c)).toEqual([
      ['3. kvartal 2026', 'Ikke skrevet', '', '10', 'mangler'],
      ['4. kvartal 2026', 'Ikke skrevet', '', '10', ''],
    ]);

    const sent = await c.k.post(c.page('2026-Q3'), { value: '4', narrative: 'Fire går selv', evidence_url: 'https://example.dk/optaelling', intent: 'send' });
    expect([sent.status, sent.headers.location]).toEqual([303, c.page('2026-Q3')]);
    let html = (await c.r.agent.get(c.page('2026-Q3'))).text;
    expect(statusOf(html)).toBe('Til godkendelse');
    expect(html).toContain('Indberettet af</dt><dd>Hanne M. Petersen');
    expect(html).toContain('href="https://example.dk/optaelling"');

    // The reason is required.
    const noReason = await c.r.post(`${c.page('2026-Q3')}/return`, { return_reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(fieldError(noReason.text, 'return_reason')).toBe('Skriv hvorfor opfølgningen sendes retur');
    expect((await c.r.post(`${c.page('2026-Q3')}/return`, { return_reason: 'Tallet dækker kun september' })).status).toBe(303);
    expect(await seriesRows(c)).toEqual([
      ['3. kvartal 2026', 'Returneret', '', '10', 'returneret mangler'],
      ['4. kvartal 2026', 'Ikke skrevet', '', '10', ''],
    ]);
    html = (await c.k.agent.get(c.page('2026-Q3'))).text;
    expect(html).toContain('Tallet dækker kun september');
    expect(fieldValue(html, 'value')).toBe('4');

    expect((await c.k.post(c.page('2026-Q3'), { value: '7', narrative: 'Hele kvartalet', evidence_url: '', intent: 'send' })).status).toBe(303);
    expect((await c.r.post(`${c.page('2026-Q3')}/approve`)).status).toBe(303);
    html = (await c.r.agent.get(c.page('2026-Q3'))).text;
    expect(flashes(html)).toContain('Opfølgningen er godkendt og nu låst.');
    expect(statusOf(html)).toBe('Godkendt');
    expect(await seriesRows(c)).toEqual([
      ['3. kvartal 2026', 'Godkendt', '7 – Hele kvartalet', '10', ''],
      ['4. kvartal 2026', 'Ikke skrevet', '', '10', ''],
    ]);

    // Locked: the form is gone, and a change sent anyway is refused with the Danish message.
    expect((await c.k.agent.get(c.page('2026-Q3'))).text).not.toContain('Send til godkendelse');
    const refused = await c.k.post(c.page('2026-Q3'), { value: '8', narrative: '', evidence_url: '', intent: 'gem' });
    expect([refused.status, refused.headers.location]).toEqual([303, c.page('2026-Q3')]);
    expect(flashes((await c.k.agent.get(c.page('2026-Q3'))).text)).toContain('Opfølgningen for perioden er godkendt og låst. Den kan ikke ændres.');
    const row = await c.t.db.selectFrom('effect_updates').selectAll().executeTakeFirstOrThrow();
    expect([row.value, row.status, row.approved_by]).toEqual([7, 'godkendt', c.r.personId]);
    expect((await auditOf(c.t.db, 'effect_update', row.id)).map((a) => a.user_id)).toEqual([c.k.userId, c.r.userId, c.k.userId, c.r.userId]);
  });

  it('keeps the input and says what is wrong (422), saving nothing', async () => {
    const c = await setup();
    const res = await c.k.post(c.page('2026-Q4'), { value: 'mange', narrative: '', evidence_url: 'http://example.dk', intent: 'send' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'value')).toBe('Skriv et tal, fx 12 eller 3,5');
    expect(fieldError(res.text, 'evidence_url')).toBe('Skriv et link, der begynder med https://');
    expect(fieldValue(res.text, 'evidence_url')).toBe('http://example.dk');
    expect(await countRows(c.t.db, 'effect_updates')).toBe(0);
  });

  it('lets readers read but not write or review; a konsulent cannot approve', async () => {
    const c = await setup();
    const l = await signedIn(c.t.app, c.t.db, 'laeser');
    expect((await l.agent.get(c.page('2026-Q4'))).status).toBe(200);
    expect((await l.post(c.page('2026-Q4'), { value: '1', intent: 'send' })).status).toBe(403);
    expect((await c.r.post(c.page('2026-Q4'), { value: '1', intent: 'send' })).status).toBe(403);
    await c.k.post(c.page('2026-Q4'), { value: '1', intent: 'send' });
    expect((await c.k.post(`${c.page('2026-Q4')}/approve`)).status).toBe(403);
    expect((await l.post(`${c.page('2026-Q4')}/return`, { return_reason: 'x' })).status).toBe(403);
    expect((await c.t.db.selectFrom('effect_updates').select('status').executeTakeFirstOrThrow()).status).toBe('til_godkendelse');
    const page = (await l.agent.get(c.page('2026-Q4'))).text;
    expect(page).not.toContain('>Godkend<');
    expect(page).not.toContain('Send til godkendelse');
  });

  it('does not find a future period, one before the start, a month on a quarterly measure, or another initiative\'s measure', async () => {
    const c = await setup();
    const other = await anInitiative(c.t.db, { title: 'Andet' });
    // The initiative has no start date: the measure was made in the third quarter, so the second is too early.
    for (const url of [c.page('2027-Q1'), c.page('2026-Q2'), c.page('2026-11'), c.page('2026-Q5'), `/initiatives/${other}/effects/${c.measureId}/periods/2026-Q4`]) {
      expect([url, (await c.k.agent.get(url)).status]).toEqual([url, 404]);
    }
  });

  it('follows a new measure up monthly when asked', async () => {
    const c = await setup();
    expect((await c.k.post(`/initiatives/${c.id}/effects`, { indicator: 'Kaffemøder', unit: '', baseline: '', target: '', period_kind: 'maaned' })).status).toBe(303);
    const m = await c.t.db.selectFrom('effect_measures').selectAll().where('indicator', '=', 'Kaffemøder').executeTakeFirstOrThrow();
    expect(m.period_kind).toBe('maaned');
    expect((await c.k.agent.get(`/initiatives/${c.id}/effects/${m.id}/periods/2026-11`)).status).toBe(200);
  });
});

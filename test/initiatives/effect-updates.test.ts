// Effektopfølgning per period: the workflow kladde → til godkendelse → returneret → godkendt,
// the lock after approval, who may do what, and the series with its "mangler"/"returneret" flags.
import type { Db } from '../../server/db/database';
import {
  approveEffectUpdate,
  effectSeries,
  effectUpdatesOfMeasures,
  returnEffectUpdate,
  saveEffectUpdate,
  type Reviewer,
} from '../../server/initiatives/effect-updates';
import { periodDays, periodLabel, periodOfDay, periodsBetween } from '../../server/initiatives/periods';
import { EffectUpdateSchema } from '../../server/initiatives/schemas';
import { addEffectMeasure } from '../../server/initiatives/service';
import { Conflict, Forbidden, NotFound } from '../../server/web/errors';
import { freshDb } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { aPerson } from '../helpers/factories';
import { anInitiative, AT, SYSTEM, TODAY } from './helpers';

const LOCKED = 'Opfølgningen for perioden er godkendt og låst. Den kan ikke ændres.';

async function setup(periodKind: 'kvartal' | 'maaned' = 'kvartal') {
  const { db } = await freshDb();
  const initiativeId = await anInitiative(db, { title: 'Gåklubben', start_date: '2026-07-01' });
  const measureId = await addEffectMeasure(db, initiativeId, { indicator: 'Borgere der går selv', unit: 'borgere', baseline: 2, target: 10, period_kind: periodKind }, SYSTEM, AT);
  const konsulent = { actor: { userId: null }, personId: await aPerson(db, { name: 'Konsulent Kirsten' }) };
  const rep: Reviewer = { actor: { userId: null }, personId: await aPerson(db, { name: 'Repræsentant Rasmus' }), role: 'repraesentant' };
  return { db, initiativeId, measureId, konsulent, rep };
}

const key = (s: { initiativeId: number; measureId: number }, period: string) => ({ initiativeId: s.initiativeId, measureId: s.measureId, period, today: TODAY });
const row = (db: Db, measureId: number, period: string) => db.selectFrom('effect_updates').selectAll().where('measure_id', '=', measureId).where('period', '=', period).executeTakeFirstOrThrow();

describe('periods', () => {
  it('names months and quarters on Copenhagen days', () => {
    expect(periodOfDay('2026-11-24', 'kvartal')).toBe('2026-Q4');
    expect(periodOfDay('2026-11-24', 'maaned')).toBe('2026-11');
    expect(periodDays('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodsBetween('2026-Q3', '2027-Q1', 'kvartal')).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
    expect(periodsBetween('2026-11', '2027-01', 'maaned')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(periodLabel('2026-Q3')).toBe('3. kvartal 2026');
    expect(periodLabel('2026-03')).toBe('marts 2026');
  });
});

describe('the effect-update workflow', () => {
  it('goes kladde → til godkendelse → returneret (with a reason) → til godkendelse → godkendt, audited at each step, and is then locked', async () => {
    const s = await setup();
    const k = key(s, '2026-Q3');
    expect(await saveEffectUpdate(s.db, k, { value: 4, narrative: '', evidence_url: '' }, false, s.konsulent, AT)).toBe('kladde');
    expect(await saveEffectUpdate(s.db, k, { value: 5, narrative: 'Fem går selv', evidence_url: 'https://example.dk/optaelling' }, true, s.konsulent, AT)).toBe('til_godkendelse');
    // While it awaits review the konsulent cannot change it.
    await expect(saveEffectUpdate(s.db, k, { value: 6, narrative: '', evidence_url: '' }, false, s.konsulent, AT)).rejects.toBeInstanceOf(Conflict);

    await returnEffectUpdate(s.db, k, 'Tallet dækker kun september', s.rep, AT);
    let u = await row(s.db, s.measureId, '2026-Q3');
    expect([u.status, u.return_reason]).toEqual(['returneret', 'Tallet dækker kun september']);
    // The representative cannot approve what was returned; the konsulent corrects it.
    await expect(approveEffectUpdate(s.db, k, s.rep, AT)).rejects.toBeInstanceOf(Conflict);
    expect(await saveEffectUpdate(s.db, k, { value: 7, narrative: 'Hele kvartalet', evidence_url: '' }, false, s.konsulent, AT)).toBe('returneret');
    expect(await saveEffectUpdate(s.db, k, { value: 7, narrative: 'Hele kvartalet', evidence_url: '' }, true, s.konsulent, AT)).toBe('til_godkendelse');

    await approveEffectUpdate(s.db, k, s.rep, AT);
    u = await row(s.db, s.measureId, '2026-Q3');
    expect([u.status, u.value, u.narrative, u.approved_by, u.approved_at, u.reported_by]).toEqual(['godkendt', 7, 'Hele kvartalet', s.rep.personId, AT.toISOString(), s.konsulent.personId]);

    // Locked: any later change is refused with the Danish message, and nothing changes.
    await expect(saveEffectUpdate(s.db, k, { value: 8, narrative: '', evidence_url: '' }, false, s.konsulent, AT)).rejects.toThrow(LOCKED);
    await expect(saveEffectUpdate(s.db, k, { value: 8, narrative: '', evidence_url: '' }, true, s.konsulent, AT)).rejects.toThrow(LOCKED);
    await expect(returnEffectUpdate(s.db, k, 'For sent', s.rep, AT)).rejects.toThrow(LOCKED);
    await expect(approveEffectUpdate(s.db, k, s.rep, AT)).rejects.toThrow(LOCKED);
    expect((await row(s.db, s.measureId, '2026-Q3')).value).toBe(7);

    const audits = await auditOf(s.db, 'effect_update', u.id);
    expect(audits.map((a) => [a.action, JSON.parse(a.after!).status])).toEqual([
      ['create', 'kladde'],
      ['update', 'til_godkendelse'],
      ['update', 'returneret'],
      ['update', 'returneret'],
      ['update', 'til_godkendelse'],
      ['update', 'godkendt'],
    ]);
  });

  it('lets only a representative (or an administrator) approve or return', async () => {
    const s = await setup();
    const k = key(s, '2026-Q4');
    await saveEffectUpdate(s.db, k, { value: 1, narrative: '', evidence_url: '' }, true, s.konsulent, AT);
    await expect(approveEffectUpdate(s.db, k, { ...s.konsulent, role: 'konsulent' }, AT)).rejects.toBeInstanceOf(Forbidden);
    await expect(returnEffectUpdate(s.db, k, 'Nej', { ...s.konsulent, role: 'laeser' }, AT)).rejects.toBeInstanceOf(Forbidden);
    expect((await row(s.db, s.measureId, '2026-Q4')).status).toBe('til_godkendelse');
    await approveEffectUpdate(s.db, k, { ...s.rep, role: 'admin' }, AT);
    expect((await row(s.db, s.measureId, '2026-Q4')).status).toBe('godkendt');
  });

  it('refuses a future period, one before the initiative started, a period of the other kind and another initiative\'s measure as not found', async () => {
    const s = await setup();
    const input = { value: 1, narrative: '', evidence_url: '' };
    await expect(saveEffectUpdate(s.db, key(s, '2026-Q2'), input, false, s.konsulent, AT)).rejects.toBeInstanceOf(NotFound);
    await expect(saveEffectUpdate(s.db, key(s, '1900-Q1'), input, false, s.konsulent, AT)).rejects.toBeInstanceOf(NotFound);
    await expect(saveEffectUpdate(s.db, key(s, '2027-Q1'), input, false, s.konsulent, AT)).rejects.toBeInstanceOf(NotFound);
    await expect(saveEffectUpdate(s.db, key(s, '2026-09'), input, false, s.konsulent, AT)).rejects.toBeInstanceOf(NotFound);
    const other = await anInitiative(s.db, { title: 'Andet' });
    await expect(saveEffectUpdate(s.db, { ...key(s, '2026-Q4'), initiativeId: other }, input, false, s.konsulent, AT)).rejects.toBeInstanceOf(NotFound);
    await expect(approveEffectUpdate(s.db, key(s, '2026-Q3'), s.rep, AT)).rejects.toBeInstanceOf(NotFound);
  });

  it('asks for a value or a narrative, and takes only https links as evidence', () => {
    const none = EffectUpdateSchema.safeParse({ value: '', narrative: '', evidence_url: '' });
    expect(none.success ? null : none.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['value', 'Skriv en værdi eller en beskrivelse af perioden']]);
    const http = EffectUpdateSchema.safeParse({ value: '3,5', evidence_url: 'http://example.dk' });
    expect(http.success ? null : http.error.issues.map((i) => i.path.join('.'))).toEqual(['evidence_url']);
    expect(EffectUpdateSchema.parse({ value: '3,5', narrative: '', evidence_url: ' https://example.dk/a ', intent: 'send' })).toEqual({ value: 3.5, narrative: '', evidence_url: 'https://example.dk/a', intent: 'send' });
    expect(EffectUpdateSchema.safeParse({ narrative: 'x', evidence_url: 'javascript:alert(1)' }).success).toBe(false);
  });
});

describe('the series', () => {
  it('runs from the first period to the current one with the approved values, flagging missing and returned periods', async () => {
    const s = await setup('maaned');
    await saveEffectUpdate(s.db, key(s, '2026-08'), { value: 3, narrative: '', evidence_url: '' }, true, s.konsulent, AT);
    await approveEffectUpdate(s.db, key(s, '2026-08'), s.rep, AT);
    await saveEffectUpdate(s.db, key(s, '2026-10'), { value: 9, narrative: '', evidence_url: '' }, true, s.konsulent, AT);
    await returnEffectUpdate(s.db, key(s, '2026-10'), 'Forkert måned', s.rep, AT);
    await saveEffectUpdate(s.db, key(s, '2026-11'), { value: 5, narrative: '', evidence_url: '' }, false, s.konsulent, AT);
    const measure = await s.db.selectFrom('effect_measures').selectAll().where('id', '=', s.measureId).executeTakeFirstOrThrow();
    const updates = await effectUpdatesOfMeasures(s.db, [s.measureId]);
    const series = effectSeries(measure, updates, TODAY);
    expect(series.map((p) => [p.label, p.status, p.value, p.missing, p.returned])).toEqual([
      ['august 2026', 'godkendt', 3, false, false],
      ['september 2026', null, null, true, false],
      ['oktober 2026', 'returneret', null, true, true],
      // The current month is not missing yet; a draft shows no value.
      ['november 2026', 'kladde', null, false, false],
    ]);
    expect(effectSeries(measure, updates, TODAY, { from: '2026-09-01', to: '2026-10-31' }).map((p) => p.period)).toEqual(['2026-09', '2026-10']);
    // An initiative that has ended is followed up to its last day, not missing every period since.
    expect(effectSeries({ ...measure, ends: '2026-09-15' }, updates, TODAY).map((p) => p.period)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    const augustOnly = updates.filter((u) => u.period === '2026-08');
    expect(effectSeries({ ...measure, ends: '2026-09-15' }, augustOnly, TODAY).map((p) => [p.period, p.missing])).toEqual([['2026-08', false], ['2026-09', true]]);
  });
});

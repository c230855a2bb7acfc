// The initiative rules called directly: the status log, the funding warning, the overdue trial
// action, the 8-week default period, CPR-shaped text, and the children of an initiative.
import type { InitiativeStatus } from '../../server/db/schema';
import { fundingAlerts, overdueTrials } from '../../server/initiatives/queries';
import {
  CitizenStorySchema,
  CPR_MESSAGE,
  EffectMeasureSchema,
  InitiativeFormSchema,
  looksLikeCpr,
  MeasurementSchema,
  ProgressUpdateSchema,
} from '../../server/initiatives/schemas';
import { addDays } from '../../server/web/format';
import {
  addEffectMeasure,
  addMeasurement,
  addPartner,
  changeStatus,
  deleteInitiative,
  isTrialOverdue,
  needsFundingWarning,
  removePartner,
  updateInitiative,
} from '../../server/initiatives/service';
import { Conflict, Invalid, NotFound } from '../../server/web/errors';
import { freshDb } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAction, aPerson } from '../helpers/factories';
import { aFullInitiative, anInitiative, AT, initiativeForm, initiativeRow, SYSTEM, TODAY } from './helpers';

const STATUSES: InitiativeStatus[] = ['ide', 'planlagt', 'afproeves', 'evalueres', 'forankret', 'stoppet', 'pause'];

describe('addDays', () => {
  it('counts calendar days across months, years, leap days and summer time', () => {
    expect(addDays('2026-11-24', 60)).toBe('2027-01-23');
    expect(addDays('2026-12-01', 56)).toBe('2027-01-26');
    expect(addDays('2028-02-01', 56)).toBe('2028-03-28');
    expect(addDays('2027-03-20', 14)).toBe('2027-04-03');
    expect(addDays('2026-11-24', -1)).toBe('2026-11-23');
  });
});

describe('the status log', () => {
  it('logs the creation as "Oprettet" → Idé, with who and when', async () => {
    const { db } = await freshDb();
    const person = await aPerson(db, { name: 'Konsulent Kirsten' });
    const id = await anInitiative(db, { title: 'Nyt initiativ' }, { actor: { userId: null }, personId: person });
    expect((await initiativeRow(db, id))!.status).toBe('ide');
    const log = await db.selectFrom('initiative_status_log').selectAll().where('initiative_id', '=', id).execute();
    expect(log).toEqual([expect.objectContaining({ from_status: null, to_status: 'ide', reason: 'Oprettet', person_id: person, at: AT.toISOString() })]);
  });

  it('logs every change with from, to, why, who and when, and audits it', async () => {
    const { db } = await freshDb();
    const person = await aPerson(db, { name: 'Leder Lene' });
    const who = { actor: { userId: null }, personId: person };
    const id = await anInitiative(db);
    expect(await changeStatus(db, id, 'planlagt', 'Aftalt på mødet', who, new Date('2026-11-25T08:00:00Z'))).toBe(true);
    expect(await changeStatus(db, id, 'afproeves', 'Vi går i gang', who, new Date('2026-12-01T08:00:00Z'))).toBe(true);
    expect((await initiativeRow(db, id))!).toMatchObject({ status: 'afproeves', updated_at: '2026-12-01T08:00:00.000Z' });
    const log = await db.selectFrom('initiative_status_log').selectAll().where('initiative_id', '=', id).orderBy('id').execute();
    expect(log.map((l) => [l.from_status, l.to_status, l.reason, l.person_id, l.at])).toEqual([
      [null, 'ide', 'Oprettet', null, AT.toISOString()],
      ['ide', 'planlagt', 'Aftalt på mødet', person, '2026-11-25T08:00:00.000Z'],
      ['planlagt', 'afproeves', 'Vi går i gang', person, '2026-12-01T08:00:00.000Z'],
    ]);
    const updates = (await auditOf(db, 'initiative', id)).filter((e) => e.action === 'update');
    expect(updates.map((e) => [JSON.parse(e.before!), JSON.parse(e.after!)])).toEqual([
      [{ status: 'ide' }, { status: 'planlagt', reason: 'Aftalt på mødet' }],
      [{ status: 'planlagt' }, { status: 'afproeves', reason: 'Vi går i gang' }],
    ]);
  });

  it('logs nothing (and audits nothing) when the status is the same again', async () => {
    const { db } = await freshDb();
    const id = await anInitiative(db, { status: 'planlagt' });
    const [logs, audits] = [await countRows(db, 'initiative_status_log'), await countRows(db, 'audit_log')];
    expect(await changeStatus(db, id, 'planlagt', 'Igen', SYSTEM, AT)).toBe(false);
    expect(await countRows(db, 'initiative_status_log')).toBe(logs);
    expect(await countRows(db, 'audit_log')).toBe(audits);
  });

  it('answers NotFound for an unknown initiative', async () => {
    const { db } = await freshDb();
    await expect(changeStatus(db, 999999, 'planlagt', 'Hvorfor ikke', SYSTEM, AT)).rejects.toBeInstanceOf(NotFound);
    expect(await countRows(db, 'initiative_status_log')).toBe(0);
  });

  it('does not touch the status or the log when the initiative is edited', async () => {
    const { db } = await freshDb();
    const id = await anInitiative(db, { status: 'afproeves' });
    const logs = await countRows(db, 'initiative_status_log');
    await updateInitiative(db, id, initiativeForm({ title: 'Nyt navn' }), SYSTEM, AT);
    expect((await initiativeRow(db, id))!).toMatchObject({ title: 'Nyt navn', status: 'afproeves' });
    expect(await countRows(db, 'initiative_status_log')).toBe(logs);
  });
});

describe('needsFundingWarning (funding ends within 60 days without an anchoring plan)', () => {
  const at = (funding_ends: string | null, over: { anchoring_plan?: string; status?: InitiativeStatus } = {}) =>
    needsFundingWarning({ funding_ends, anchoring_plan: over.anchoring_plan ?? '', status: over.status ?? 'afproeves' }, TODAY);

  it.each([
    ['yesterday (already ended)', '2026-11-23', false],
    ['today', '2026-11-24', true],
    ['tomorrow', '2026-11-25', true],
    ['in 60 days', '2027-01-23', true],
    ['in 61 days', '2027-01-24', false],
    ['next year', '2027-11-24', false],
  ])('funding ending %s (%s) → %p', (_what, day, expected) => {
    expect(at(day)).toBe(expected);
  });

  it('is not shown without an end date, once a plan is written, or when stopped or anchored', () => {
    expect(at(null)).toBe(false);
    expect(at('2026-12-24', { anchoring_plan: 'Driften overtager fra 2027.' })).toBe(false);
    expect(at('2026-12-24', { anchoring_plan: '   ' })).toBe(true); // blanks are no plan
    expect(at('2026-12-24', { status: 'stoppet' })).toBe(false);
    expect(at('2026-12-24', { status: 'forankret' })).toBe(false);
    for (const status of ['ide', 'planlagt', 'afproeves', 'evalueres', 'pause'] as InitiativeStatus[]) {
      expect([status, at('2026-12-24', { status })]).toEqual([status, true]);
    }
  });

  it('agrees with the dashboard query on the same rows', async () => {
    const { db } = await freshDb();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['i dag', { funding_ends: TODAY }],
      ['om 60 dage', { funding_ends: '2027-01-23' }],
      ['om 61 dage', { funding_ends: '2027-01-24' }],
      ['i går', { funding_ends: '2026-11-23' }],
      ['med plan', { funding_ends: '2026-12-01', anchoring_plan: 'Skolen overtager.' }],
      ['stoppet', { funding_ends: '2026-12-01', status: 'stoppet' }],
      ['forankret', { funding_ends: '2026-12-01', status: 'forankret' }],
      ['pause', { funding_ends: '2026-12-01', status: 'pause' }],
      ['uden dato', {}],
    ];
    for (const [title, over] of cases) await anInitiative(db, { title, ...over });
    const rows = await db.selectFrom('initiatives').selectAll().execute();
    const byRule = rows.filter((r) => needsFundingWarning(r, TODAY)).map((r) => r.title).sort();
    const byQuery = (await fundingAlerts(db, TODAY, addDays(TODAY, 60))).map((r) => r.title).sort();
    expect(byRule).toEqual(['i dag', 'om 60 dage', 'pause']);
    expect(byQuery).toEqual(byRule);
  });
});

describe('isTrialOverdue (a trial action past its end without a result)', () => {
  const trial = (trial_end: string | null, over: { result?: string; status?: InitiativeStatus; kind?: string } = {}) =>
    isTrialOverdue({ kind: over.kind ?? 'proevehandling', trial_end, result: over.result ?? '', status: over.status ?? 'afproeves' }, TODAY);

  it.each([
    ['ended two weeks ago', '2026-11-10', true],
    ['ended yesterday', '2026-11-23', true],
    ['ends today', '2026-11-24', false],
    ['ends tomorrow', '2026-11-25', false],
  ])('a trial that %s (%s) → %p', (_what, day, expected) => {
    expect(trial(day)).toBe(expected);
  });

  it('is not flagged with a result, when stopped, without an end, or for an ordinary initiative', () => {
    expect(trial('2026-11-23', { result: 'Borgerne gik selv.' })).toBe(false);
    expect(trial('2026-11-23', { result: '  ' })).toBe(true);
    expect(trial('2026-11-23', { status: 'stoppet' })).toBe(false);
    expect(trial(null)).toBe(false);
    expect(trial('2026-11-23', { kind: 'initiativ' })).toBe(false);
    for (const status of STATUSES.filter((s) => s !== 'stoppet')) expect([status, trial('2026-11-23', { status })]).toEqual([status, true]);
  });

  it('agrees with the dashboard query on the same rows', async () => {
    const { db } = await freshDb();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['sluttede i går', { kind: 'proevehandling', trial_start: '2026-09-28', trial_end: '2026-11-23' }],
      ['slutter i dag', { kind: 'proevehandling', trial_start: '2026-09-29', trial_end: TODAY }],
      ['med resultat', { kind: 'proevehandling', trial_end: '2026-11-01', result: 'Det virkede.' }],
      ['stoppet', { kind: 'proevehandling', trial_end: '2026-11-01', status: 'stoppet' }],
      ['forankret uden resultat', { kind: 'proevehandling', trial_end: '2026-11-01', status: 'forankret' }],
      ['almindeligt initiativ', { kind: 'initiativ', trial_end: '2026-11-01' }],
      ['standardperiode slut', { kind: 'proevehandling', start_date: '2026-09-01' }], // 8 weeks → 2026-10-27
    ];
    for (const [title, over] of cases) await anInitiative(db, { title, ...over });
    const rows = await db.selectFrom('initiatives').selectAll().execute();
    const byRule = rows.filter((r) => isTrialOverdue(r, TODAY)).map((r) => r.title).sort();
    const byQuery = (await overdueTrials(db, TODAY)).map((r) => r.title).sort();
    expect(byRule).toEqual(['forankret uden resultat', 'sluttede i går', 'standardperiode slut']);
    expect(byQuery).toEqual(byRule);
  });
});

describe('the period of a trial action (8 weeks by default)', () => {
  it('ends 56 days after the trial start when no end is given', async () => {
    const { db } = await freshDb();
    const id = await anInitiative(db, { kind: 'proevehandling', trial_start: '2026-12-01' });
    expect(await initiativeRow(db, id)).toMatchObject({ trial_start: '2026-12-01', trial_end: '2027-01-26' });
  });

  it('starts with the initiative when the trial start is empty', async () => {
    const { db } = await freshDb();
    const id = await anInitiative(db, { kind: 'proevehandling', start_date: '2028-02-01' });
    expect(await initiativeRow(db, id)).toMatchObject({ trial_start: '2028-02-01', trial_end: '2028-03-28' });
  });

  it('prefers the trial start over the start date, and keeps an end that was given', async () => {
    const { db } = await freshDb();
    const a = await anInitiative(db, { kind: 'proevehandling', start_date: '2027-01-01', trial_start: '2027-03-01' });
    expect(await initiativeRow(db, a)).toMatchObject({ trial_start: '2027-03-01', trial_end: '2027-04-26' });
    const b = await anInitiative(db, { kind: 'proevehandling', trial_start: '2027-03-01', trial_end: '2027-03-15' });
    expect(await initiativeRow(db, b)).toMatchObject({ trial_start: '2027-03-01', trial_end: '2027-03-15' });
  });

  it('has no period without any start, and none for an ordinary initiative', async () => {
    const { db } = await freshDb();
    const a = await anInitiative(db, { kind: 'proevehandling' });
    expect(await initiativeRow(db, a)).toMatchObject({ trial_start: null, trial_end: null });
    const b = await anInitiative(db, { kind: 'initiativ', start_date: '2027-01-01' });
    expect(await initiativeRow(db, b)).toMatchObject({ trial_start: null, trial_end: null });
  });

  it('fills the default again when an edit empties the end', async () => {
    const { db } = await freshDb();
    const id = await anInitiative(db, { kind: 'proevehandling', trial_start: '2027-01-04', trial_end: '2027-01-10' });
    await updateInitiative(db, id, initiativeForm({ kind: 'proevehandling', trial_start: '2027-01-04', trial_end: '' }), SYSTEM, AT);
    expect(await initiativeRow(db, id)).toMatchObject({ trial_start: '2027-01-04', trial_end: '2027-03-01' });
  });
});

describe('CPR-shaped numbers', () => {
  it.each([
    '010190-1234',
    '0101901234',
    '311299-4321',
    '010190 1234',
    'Borgeren (cpr 150345-1234) fik hjælp',
    'cpr:2412261234.',
    '010190–1234', // en dash, as word processors write it
    '010190\u00a01234', // non-breaking space
  ])('recognises %p', (text) => {
    expect(looksLikeCpr(text)).toBe(true);
  });

  it.each([
    'Ring på 12345678',
    'Tlf. 12 34 56 78',
    '+45 12345678',
    '+4512345678',
    'Projektet løber 2026-2027',
    'Fra 2026 til 2027 og 20262027',
    '320190-1234', // no day 32
    '011390-1234', // no month 13
    '000190-1234',
    '01019012345', // eleven digits: not a CPR number
    'Der kom 1.234 borgere',
  ])('does not refuse %p', (text) => {
    expect(looksLikeCpr(text)).toBe(false);
  });

  const schemaCases: Array<[string, { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, Record<string, string>, string]> = [
    ['description', InitiativeFormSchema, { title: 'T', kind: 'initiativ' }, 'description'],
    ['intended movement', InitiativeFormSchema, { title: 'T', kind: 'initiativ' }, 'intended_movement'],
    ['hypothesis', InitiativeFormSchema, { title: 'T', kind: 'proevehandling' }, 'hypothesis'],
    ['result', InitiativeFormSchema, { title: 'T', kind: 'proevehandling' }, 'result'],
    ['what happened', ProgressUpdateSchema, { date: TODAY, happened: 'Noget' }, 'happened'],
    ['effect seen', ProgressUpdateSchema, { date: TODAY, happened: 'Noget' }, 'effect_seen'],
    ['learning', ProgressUpdateSchema, { date: TODAY, happened: 'Noget' }, 'learning'],
    ['measurement note', MeasurementSchema, { date: TODAY, value: '3' }, 'note'],
    ['citizen story', CitizenStorySchema, { date: TODAY, kerneopgave_key: '' }, 'story'],
  ];

  it.each(schemaCases)('refuses one in the %s with the Danish message, and accepts phone numbers and years', (_what, schema, base, field) => {
    const refused = schema.safeParse({ ...base, [field]: 'Borgeren 010190-1234 var glad' });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.find((i) => i.path[0] === field)?.message).toBe(CPR_MESSAGE);
    expect(CPR_MESSAGE).toMatch(/^Teksten ligner et CPR-nummer/);
    const fine = schema.safeParse({ ...base, [field]: 'Ring til værtinden på 12 34 56 78 eller 87654321 om planen for 2026-2027' });
    expect(fine.success).toBe(true);
  });

  it('leaves the other fields alone (an effect measure has no free text that could hold one)', () => {
    expect(EffectMeasureSchema.safeParse({ indicator: 'Antal gåture', unit: '', baseline: '', target: '' }).success).toBe(true);
  });
});

describe('effect measures and numbers', () => {
  it('reads Danish decimal commas, points and spaces, and treats empty as none', () => {
    const parsed = EffectMeasureSchema.parse({ indicator: 'Skridt', unit: 'skridt', baseline: '3,5', target: ' 1 200 ' });
    expect(parsed).toEqual({ indicator: 'Skridt', unit: 'skridt', baseline: 3.5, target: 1200, period_kind: 'kvartal' });
    expect(EffectMeasureSchema.parse({ indicator: 'Skridt', baseline: '', target: '12.25' })).toMatchObject({ baseline: null, target: 12.25 });
    const wrong = EffectMeasureSchema.safeParse({ indicator: 'Skridt', baseline: 'mange', target: '1,2,3' });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['baseline', 'Skriv et tal, fx 12 eller 3,5'],
      ['target', 'Skriv et tal, fx 12 eller 3,5'],
    ]);
    expect(MeasurementSchema.parse({ date: TODAY, value: '-0,5', note: '' }).value).toBe(-0.5);
    expect(MeasurementSchema.safeParse({ date: TODAY, value: '' }).success).toBe(false);
    expect(MeasurementSchema.safeParse({ date: '24.11.2026', value: '1' }).success).toBe(false);
  });

  it('adds a measurement only to a measure of the same initiative', async () => {
    const { db } = await freshDb();
    const a = await aFullInitiative(db, 'A');
    const b = await aFullInitiative(db, 'B');
    const before = await countRows(db, 'effect_measurements');
    await expect(addMeasurement(db, a.id, b.measureId, { date: TODAY, value: 1, note: '' }, SYSTEM, AT)).rejects.toBeInstanceOf(NotFound);
    expect(await countRows(db, 'effect_measurements')).toBe(before);
    const id = await addMeasurement(db, a.id, a.measureId, { date: TODAY, value: 7.5, note: 'God uge' }, SYSTEM, AT);
    expect(await db.selectFrom('effect_measurements').selectAll().where('id', '=', id).executeTakeFirst()).toMatchObject({ effect_measure_id: a.measureId, value: 7.5, note: 'God uge' });
    expect((await auditOf(db, 'effect_measurement', id)).map((e) => e.action)).toEqual(['create']);
  });

  it('refuses a measure for an unknown initiative', async () => {
    const { db } = await freshDb();
    await expect(addEffectMeasure(db, 999999, { indicator: 'X', unit: '', baseline: null, target: null }, SYSTEM, AT)).rejects.toBeInstanceOf(NotFound);
    expect(await countRows(db, 'effect_measures')).toBe(0);
  });
});

describe('partners', () => {
  it('refuses an organisation or person that does not exist', async () => {
    const { db } = await freshDb();
    const id = await anInitiative(db);
    await expect(addPartner(db, id, { organisation_id: 999999, person_id: null, contribution: '' }, SYSTEM, AT)).rejects.toEqual(
      new Invalid({ organisation_id: 'Vælg en organisation fra listen' }),
    );
    await expect(addPartner(db, id, { organisation_id: null, person_id: 999999, contribution: '' }, SYSTEM, AT)).rejects.toBeInstanceOf(Invalid);
    expect(await countRows(db, 'initiative_partners')).toBe(0);
  });

  it('removes a partner only through its own initiative', async () => {
    const { db } = await freshDb();
    const a = await aFullInitiative(db, 'A');
    const b = await aFullInitiative(db, 'B');
    await expect(removePartner(db, a.id, b.partnerId, SYSTEM, AT)).rejects.toBeInstanceOf(NotFound);
    expect(await countRows(db, 'initiative_partners')).toBe(2);
    await removePartner(db, b.id, b.partnerId, SYSTEM, AT);
    expect(await db.selectFrom('initiative_partners').select('id').execute()).toEqual([{ id: a.partnerId }]);
    expect((await auditOf(db, 'initiative_partner', b.partnerId)).map((e) => e.action)).toEqual(['create', 'delete']);
  });
});

describe('deleteInitiative', () => {
  it('refuses while follow-up actions refer to the initiative', async () => {
    const { db } = await freshDb();
    const { id } = await aFullInitiative(db, 'Med opfølgning');
    const meeting = await aMeeting(db);
    await anAction(db, meeting, { text: 'Følg op på gåturen', initiative_id: id });
    const err = await deleteInitiative(db, id, SYSTEM, AT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Conflict);
    expect((err as Error).message).toBe('Initiativet har opfølgningspunkter fra møder og kan ikke slettes. Sæt status til "Stoppet" i stedet.');
    expect(await initiativeRow(db, id)).toBeDefined();
    expect((await auditOf(db, 'initiative', id)).some((e) => e.action === 'delete')).toBe(false);
  });

  it('deletes the initiative with its own rows, and audits it', async () => {
    const { db } = await freshDb();
    const keep = await aFullInitiative(db, 'Bliver');
    const gone = await aFullInitiative(db, 'Slettes');
    await deleteInitiative(db, gone.id, SYSTEM, AT);
    expect(await initiativeRow(db, gone.id)).toBeUndefined();
    for (const table of ['initiative_updates', 'initiative_partners', 'effect_measures', 'effect_measurements', 'citizen_stories'] as const) {
      expect([table, await countRows(db, table)]).toEqual([table, 1]);
    }
    expect(await db.selectFrom('initiative_status_log').select('initiative_id').distinct().execute()).toEqual([{ initiative_id: keep.id }]);
    const entry = (await auditOf(db, 'initiative', gone.id)).find((e) => e.action === 'delete')!;
    expect(JSON.parse(entry.before!).title).toBe('Slettes');
    await expect(deleteInitiative(db, gone.id, SYSTEM, AT)).rejects.toBeInstanceOf(NotFound);
  });
});

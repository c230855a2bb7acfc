// The rules of role evidence, called directly on the service: person or team, retirement keeps
// evidence, quarterly counts across quarter boundaries, and the institutions × roles matrix.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { Invalid } from '../../server/web/errors';
import { EvidenceFormSchema, PERSON_OR_TEAM_REQUIRED } from '../../server/roles/schemas';
import {
  lastQuarters,
  quarterOf,
  recordEvidence,
  roleEvidenceQuarterly,
  roleOptionGroups,
  roleOverview,
  setRoleRetired,
  updateEvidence,
} from '../../server/roles/service';
import { freshDb } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aPerson, anOrganisation, organisationId } from '../helpers/factories';
import { AT, anEvidence } from './helpers';

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Invalid) return err.fieldErrors;
    throw err;
  }
  throw new Error('expected Invalid');
}

describe('person or team required', () => {
  it('refuses a note with neither a person nor a team, in the service and in the form schema', async () => {
    const { db } = await freshDb();
    const errors = await fieldErrorsOf(anEvidence(db, { person_id: null, team: '   ' }));
    expect(errors.person_id).toBe(PERSON_OR_TEAM_REQUIRED);
    expect(await countRows(db, 'role_evidence')).toBe(0);
    expect(await auditOf(db, 'role_evidence')).toHaveLength(0);

    const parsed = EvidenceFormSchema.safeParse({ role_key: 'medbygger', date: '2026-11-01', person_id: '', team: '', note: '' });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((i) => [String(i.path[0]), i.message]));
    // Both messages at once, so the writer fixes everything in one go.
    expect(messages).toMatchObject({ person_id: PERSON_OR_TEAM_REQUIRED, note: 'Skriv, hvad personen eller teamet gjorde' });
  });

  it('accepts a person alone, a team alone, or both', async () => {
    const { db } = await freshDb();
    const mette = await aPerson(db, { name: 'Mette Holm' });
    await anEvidence(db, { person_id: mette, team: '' });
    await anEvidence(db, { person_id: null, team: 'Aftenvagten på plejecentret' });
    await anEvidence(db, { person_id: mette, team: 'Aftenvagten på plejecentret' });
    expect(await countRows(db, 'role_evidence')).toBe(3);
  });

  it('records who wrote the note and audits it in the same transaction', async () => {
    const { db } = await freshDb();
    const writer = await aPerson(db, { name: 'Skrivende Konsulent' });
    const id = await recordEvidence(
      db,
      { role_key: 'udforsker', date: '2026-11-02', person_id: null, team: 'Ledergruppen', organisation_id: null, initiative_id: null, meeting_id: null, note: 'Turde prøve.' },
      writer,
      { userId: null },
      AT,
    );
    const row = await db.selectFrom('role_evidence').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ recorded_by: writer, team: 'Ledergruppen', created_at: AT.toISOString() });
    const [entry] = await auditOf(db, 'role_evidence', id);
    expect(entry.action).toBe('create');
    expect(JSON.parse(entry.after!)).toMatchObject({ role_key: 'udforsker', note: 'Turde prøve.' });
  });

  it('refuses unknown links and a future date', async () => {
    const { db } = await freshDb();
    const errors = await fieldErrorsOf(anEvidence(db, { role_key: 'findes-ikke', date: '2026-11-25', person_id: 99999, organisation_id: 99999, initiative_id: 99999, meeting_id: 99999 }));
    expect(errors).toEqual({
      role_key: 'Vælg en rolle fra listen',
      date: 'Datoen kan ikke ligge i fremtiden',
      person_id: 'Vælg en person fra listen',
      organisation_id: 'Vælg en institution fra listen',
      initiative_id: 'Vælg et initiativ fra listen',
      meeting_id: 'Vælg et møde fra listen',
    });
    expect(await countRows(db, 'role_evidence')).toBe(0);
  });
});

describe('retiring a role', () => {
  it('keeps its evidence, hides it from the form and refuses new notes on it', async () => {
    const { db } = await freshDb();
    const id = await anEvidence(db, { role_key: 'effektjaeger', date: '2026-05-05' });
    await setRoleRetired(db, 'effektjaeger', true, SYSTEM_ACTOR, AT);

    expect(await db.selectFrom('role_evidence').select('role_key').where('id', '=', id).executeTakeFirst()).toEqual({ role_key: 'effektjaeger' });
    const offered = (await roleOptionGroups(db)).flatMap((g) => g.options.map((o) => o.value));
    expect(offered).not.toContain('effektjaeger');
    expect(offered).toHaveLength(7);
    expect((await fieldErrorsOf(anEvidence(db, { role_key: 'effektjaeger' }))).role_key).toBe('Rollen er udgået og kan ikke vælges til nye observationer');

    // A note already on the retired role may still be corrected without changing its role.
    const kept = (await roleOptionGroups(db, 'effektjaeger')).flatMap((g) => g.options);
    expect(kept).toContainEqual({ value: 'effektjaeger', label: 'Effektjæger (udgået)' });
    await updateEvidence(
      db,
      id,
      { role_key: 'effektjaeger', date: '2026-05-06', person_id: null, team: 'Ledelsen', organisation_id: null, initiative_id: null, meeting_id: null, note: 'Rettet.' },
      SYSTEM_ACTOR,
      AT,
    );
    expect((await db.selectFrom('role_evidence').select('note').where('id', '=', id).executeTakeFirstOrThrow()).note).toBe('Rettet.');

    const overview = await roleOverview(db, AT);
    expect(overview.groups.flatMap((g) => g.roles.map((r) => r.key))).not.toContain('effektjaeger');
    expect(overview.retired.map((r) => [r.key, r.total])).toEqual([['effektjaeger', 1]]);

    await setRoleRetired(db, 'effektjaeger', false, SYSTEM_ACTOR, AT);
    expect((await roleOptionGroups(db)).flatMap((g) => g.options)).toHaveLength(8);
    const audits = (await auditOf(db, 'role', 'effektjaeger')).filter((a) => a.action === 'update');
    expect(audits.map((a) => [JSON.parse(a.before!).retired, JSON.parse(a.after!).retired])).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });
});

describe('quarterly counts', () => {
  it('names quarters and lists the last eight, oldest first', () => {
    expect(quarterOf('2026-03-31')).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf('2026-04-01')).toEqual({ year: 2026, quarter: 2 });
    expect(quarterOf('2026-12-31')).toEqual({ year: 2026, quarter: 4 });
    const { quarters, until } = lastQuarters('2026-08-15');
    expect(quarters.map((q) => q.label)).toEqual(['2024 K4', '2025 K1', '2025 K2', '2025 K3', '2025 K4', '2026 K1', '2026 K2', '2026 K3']);
    expect(quarters[0].from).toBe('2024-10-01');
    expect(until).toBe('2026-10-01');
    expect(lastQuarters('2026-12-31', 2).until).toBe('2027-01-01');
  });

  it('counts each note in the quarter of its date, across the boundaries, in one grouped query', async () => {
    const { db } = await freshDb();
    const dates: Array<[string, string]> = [
      ['2024-12-31', 'medbygger'], // before the window
      ['2025-01-01', 'medbygger'], // first day of the window
      ['2026-03-31', 'medbygger'],
      ['2026-03-31', 'medbygger'],
      ['2026-04-01', 'medbygger'],
      ['2026-06-30', 'medbygger'],
      ['2026-07-01', 'medbygger'],
      ['2026-09-30', 'udforsker'],
      ['2026-10-01', 'udforsker'],
      ['2026-11-24', 'udforsker'], // today
    ];
    for (const [date, role_key] of dates) await anEvidence(db, { date, role_key });
    const { quarters, counts } = await roleEvidenceQuarterly(db, '2026-11-24');
    expect(quarters.map((q) => q.label)).toEqual(['2025 K1', '2025 K2', '2025 K3', '2025 K4', '2026 K1', '2026 K2', '2026 K3', '2026 K4']);
    expect(counts.get('medbygger')).toEqual([1, 0, 0, 0, 2, 2, 1, 0]);
    expect(counts.get('udforsker')).toEqual([0, 0, 0, 0, 0, 0, 1, 2]);
    expect(counts.has('oversaetter')).toBe(false);

    const overview = await roleOverview(db, AT);
    const medbygger = overview.groups.flatMap((g) => g.roles).find((r) => r.key === 'medbygger')!;
    expect(medbygger.total).toBe(7); // all time, also before the window
    expect(overview.groups.flatMap((g) => g.roles).find((r) => r.key === 'oversaetter')!.quarterly).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('the institutions × roles matrix', () => {
  it('shows every institution, any other organisation with evidence, and evidence without one', async () => {
    const { db } = await freshDb();
    const pleje = await organisationId(db, 'Plejecentret i Uldum');
    const skolen = await organisationId(db, 'Skolen i Uldum');
    const lokal = await organisationId(db, 'Lokalsamfundet Uldum');
    const forening = await anOrganisation(db, { name: 'Uldum Idrætsforening', kind: 'forening' });
    await anOrganisation(db, { name: 'Nedlagt Institution', kind: 'institution', active: false });
    await anEvidence(db, { organisation_id: pleje, role_key: 'ressourcedetektor' });
    await anEvidence(db, { organisation_id: pleje, role_key: 'ressourcedetektor' });
    await anEvidence(db, { organisation_id: pleje, role_key: 'netvaerkssmed' });
    await anEvidence(db, { organisation_id: lokal, role_key: 'medbygger' });
    await anEvidence(db, { organisation_id: forening, role_key: 'medbygger' });
    await anEvidence(db, { organisation_id: null, role_key: 'medbygger' });

    const { matrix } = await roleOverview(db, AT);
    const byName = Object.fromEntries(matrix.map((r) => [r.organisation?.name ?? '(ingen)', r.counts]));
    expect(Object.keys(byName)).toEqual([
      'Daginstitutionen i Uldum',
      'Lokalsamfundet Uldum',
      'Plejecentret i Uldum',
      'Skolen i Uldum',
      'Uldum Idrætsforening',
      '(ingen)',
    ]);
    expect(byName['Plejecentret i Uldum']).toEqual({ ressourcedetektor: 2, netvaerkssmed: 1 });
    expect(byName['Skolen i Uldum']).toEqual({});
    expect(byName['Lokalsamfundet Uldum']).toEqual({ medbygger: 1 });
    expect(byName['(ingen)']).toEqual({ medbygger: 1 });
    expect(matrix.find((r) => r.organisation?.id === skolen)!.counts).toEqual({});
  });
});

import type { Database } from '../../server/db/schema';
import { CONSULTANT_NAME, PARTNERSHIP_NAME, seedPartnership } from '../../seeds/partnership';
import { seedRoleMarkers } from '../../seeds/role-markers';
import { freshDb } from '../helpers/app';
import { countRows } from '../helpers/db';
import { withoutAuditRule } from '../helpers/audit-rule';

const TABLES: Array<keyof Database> = [
  'roles',
  'kerneopgaver',
  'focus_aspects',
  'organisations',
  'people',
  'partnerships',
  'partnership_parties',
  'partnership_members',
  'role_markers',
  'audit_log',
];

async function counts(db: Awaited<ReturnType<typeof freshDb>>['db']) {
  const result: Record<string, number> = {};
  for (const table of TABLES) result[table] = await countRows(db, table);
  return result;
}

describe('seedPartnership', () => {
  it('adds nothing when run again', async () => {
    const { db } = await freshDb(); // already seeded once
    const before = await counts(db);
    expect(await seedPartnership(db, new Date('2026-11-24T10:00:00Z'))).toEqual({ created: 0 });
    expect(await counts(db)).toEqual(before);
  });

  it('leaves a record that was edited as it is', async () => {
    const { db } = await freshDb();
    await withoutAuditRule(db, () => db.updateTable('roles').set({ description: 'Vores egen beskrivelse' }).where('key', '=', 'medbygger').execute());
    await withoutAuditRule(db, () => db.updateTable('partnerships').set({ meeting_cadence: 'hver 6. uge' }).execute());
    await seedPartnership(db, new Date('2026-11-24T10:00:00Z'));
    expect((await db.selectFrom('roles').select('description').where('key', '=', 'medbygger').executeTakeFirstOrThrow()).description).toBe('Vores egen beskrivelse');
    expect((await db.selectFrom('partnerships').select('meeting_cadence').executeTakeFirstOrThrow()).meeting_cadence).toBe('hver 6. uge');
  });

  it('puts back only what is missing', async () => {
    const { db } = await freshDb();
    await withoutAuditRule(db, () => db.deleteFrom('focus_aspects').where('key', '=', 'tillid').execute());
    expect(await seedPartnership(db, new Date('2026-11-24T10:00:00Z'))).toEqual({ created: 1 });
    expect(await countRows(db, 'focus_aspects')).toBe(5);
  });

  it('holds the eight roles, four core tasks and five focus aspects', async () => {
    const { db } = await freshDb();
    const roles = await db.selectFrom('roles').select(['key', 'kind', 'name', 'retired']).orderBy('sort_order').execute();
    expect(roles.map((r) => [r.key, r.kind, r.name])).toEqual([
      ['ressourcedetektor', 'medarbejder', 'Ressourcedetektor'],
      ['medbygger', 'medarbejder', 'Medbygger'],
      ['oversaetter', 'medarbejder', 'Oversætter'],
      ['udforsker', 'leder', 'Udforsker'],
      ['initiativdyrker', 'leder', 'Initiativdyrker'],
      ['meningsskaber', 'leder', 'Meningsskaber'],
      ['netvaerkssmed', 'leder', 'Netværkssmed'],
      ['effektjaeger', 'leder', 'Effektjæger'],
    ]);
    expect(roles.every((r) => r.retired === 0)).toBe(true);
    const kerneopgaver = await db.selectFrom('kerneopgaver').select('name').orderBy('sort_order').execute();
    expect(kerneopgaver.map((k) => k.name)).toEqual(['Fritid og Fællesskab', 'Læring', 'Beskæftigelse', 'Social Omsorg']);
    const aspects = await db.selectFrom('focus_aspects').select('key').orderBy('sort_order').execute();
    expect(aspects.map((a) => a.key)).toEqual(['kerneopgaven', 'tillid', 'ledelse', 'faglighed', 'afbureaukratisering']);
  });

  it('holds the partnership between Hedensted Kommune and FOA, with Uldum and its institutions', async () => {
    const { db } = await freshDb();
    const partnership = await db.selectFrom('partnerships').selectAll().executeTakeFirstOrThrow();
    expect(partnership).toMatchObject({ name: PARTNERSHIP_NAME, project_area: 'Uldum', meeting_cadence: 'aftales nærmere', start_date: null });
    const parties = await db
      .selectFrom('partnership_parties')
      .innerJoin('organisations', 'organisations.id', 'partnership_parties.organisation_id')
      .select('organisations.name')
      .where('partnership_id', '=', partnership.id)
      .orderBy('sort_order')
      .execute();
    expect(parties.map((p) => p.name)).toEqual(['Hedensted Kommune', 'FOA']);
    const organisations = await db.selectFrom('organisations').select(['name', 'kind']).orderBy('name').execute();
    expect(organisations).toEqual([
      { name: 'Daginstitutionen i Uldum', kind: 'institution' },
      { name: 'FOA', kind: 'fagforening' },
      { name: 'Hedensted Kommune', kind: 'kommune' },
      { name: 'Lokalsamfundet Uldum', kind: 'borgergruppe' },
      { name: 'Plejecentret i Uldum', kind: 'institution' },
      { name: 'Skolen i Uldum', kind: 'institution' },
    ]);
  });

  it('holds the eight representatives with their titles and organisations', async () => {
    const { db } = await freshDb();
    const representatives = await db
      .selectFrom('partnership_members')
      .innerJoin('people', 'people.id', 'partnership_members.person_id')
      .innerJoin('organisations', 'organisations.id', 'people.organisation_id')
      .select(['people.name', 'people.title', 'organisations.name as organisation'])
      .where('partnership_members.is_representative', '=', 1)
      .orderBy('people.id')
      .execute();
    expect(representatives).toEqual([
      { name: 'Jesper Thyrring Møller', title: 'Kommunaldirektør', organisation: 'Hedensted Kommune' },
      { name: 'Steen Dahl-Hansen', title: 'Chef for Social Omsorg', organisation: 'Hedensted Kommune' },
      { name: 'Peter Hüttel', title: 'Chef for Læring', organisation: 'Hedensted Kommune' },
      { name: 'René G. Nielsen', title: 'Chef for Læring', organisation: 'Hedensted Kommune' },
      { name: CONSULTANT_NAME, title: 'Konsulent på Uldumprojektet (navn ikke oplyst)', organisation: 'Hedensted Kommune' },
      { name: 'Hanne M. Petersen', title: 'Afdelingsformand', organisation: 'FOA' },
      { name: 'Per Lange', title: 'Faglig chef', organisation: 'FOA' },
      { name: 'Tom Bjerregaard', title: 'Specialkonsulent', organisation: 'FOA' },
    ]);
  });

  it('has the consultant placeholder convene meetings together with René G. Nielsen', async () => {
    const { db } = await freshDb();
    expect(CONSULTANT_NAME).toBe('Konsulent på Uldumprojektet');
    const conveners = await db
      .selectFrom('partnership_members')
      .innerJoin('people', 'people.id', 'partnership_members.person_id')
      .select(['people.name', 'people.position'])
      .where('partnership_members.convenes_meetings', '=', 1)
      .orderBy('people.name')
      .execute();
    expect(conveners).toEqual([
      { name: 'Konsulent på Uldumprojektet', position: 'konsulent' },
      { name: 'René G. Nielsen', position: 'repraesentant' },
    ]);
  });

  it('keeps the signatories in the directory without making them representatives', async () => {
    const { db } = await freshDb();
    for (const name of ['Dennis Kristensen', 'Kirsten Terkilsen']) {
      const person = await db.selectFrom('people').select(['id', 'position']).where('name', '=', name).executeTakeFirstOrThrow();
      expect(person.position).toBe('andet');
      expect(await db.selectFrom('partnership_members').select('person_id').where('person_id', '=', person.id).executeTakeFirst()).toBeUndefined();
    }
  });

  it('records each seeded record in the audit log as done by the system', async () => {
    const { db } = await freshDb();
    const rows = await db.selectFrom('audit_log').select(['user_id', 'action', 'entity']).execute();
    const seeded = 8 + 4 + 5 + 6 + 1 + 2 + 10 + 8 + 5 + 72; // … the partnership's five standard agenda items and 8 × 9 role markers
    expect(rows).toHaveLength(seeded);
    expect(rows.every((r) => r.user_id === null && r.action === 'create')).toBe(true);
  });

  it('proposes three to five progress markers per level for each of the eight roles, in their own order', async () => {
    const { db } = await freshDb();
    const rows = await db.selectFrom('role_markers').select(['role_key', 'level', 'position', 'text', 'retired']).orderBy('role_key').orderBy('level').orderBy('position').execute();
    const keys = ['ressourcedetektor', 'medbygger', 'oversaetter', 'udforsker', 'initiativdyrker', 'meningsskaber', 'netvaerkssmed', 'effektjaeger'];
    for (const key of keys) {
      for (const level of [1, 2, 3]) {
        const here = rows.filter((r) => r.role_key === key && r.level === level);
        expect(here.length).toBeGreaterThanOrEqual(3);
        expect(here.length).toBeLessThanOrEqual(5);
        expect(here.map((r) => r.position)).toEqual(here.map((_, i) => i + 1));
      }
    }
    expect(new Set(rows.map((r) => r.role_key))).toEqual(new Set(keys));
    expect(rows.every((r) => r.retired === 0 && r.text.length > 10)).toBe(true);
    expect(rows.find((r) => r.role_key === 'ressourcedetektor' && r.level === 1 && r.position === 1)?.text).toBe('Spørger borgeren, hvad vedkommende selv kan og gerne vil.');
  });

  it('never puts back markers the konsulent has changed or deleted', async () => {
    const { db } = await freshDb();
    await withoutAuditRule(db, () => db.deleteFrom('role_markers').where('role_key', '=', 'medbygger').where('level', '=', 3).execute());
    const before = await countRows(db, 'role_markers');
    expect(await seedPartnership(db, new Date('2026-11-24T10:00:00Z'))).toEqual({ created: 0 });
    expect(await countRows(db, 'role_markers')).toBe(before);
  });

  it('gives an existing database without markers the proposal once (the start after migration 0022)', async () => {
    const { db } = await freshDb();
    await withoutAuditRule(db, () => db.deleteFrom('role_markers').execute());
    expect(await db.transaction().execute((trx) => seedRoleMarkers(trx, new Date('2026-11-24T10:00:00Z')))).toBe(72);
    expect(await db.transaction().execute((trx) => seedRoleMarkers(trx, new Date('2026-11-24T10:00:00Z')))).toBe(0);
  });
});

// The demo learnings, dilemmas and "forklar eller fjern" items: on no real representative, and idempotent.
import { seedDemo } from '../../seeds/demo';
import { freshDb } from '../helpers/app';
import { countRows } from '../helpers/db';
import { withoutAuditRule } from '../helpers/audit-rule';

const AT = new Date('2026-11-24T10:00:00Z');

// Seeding the demo year takes a moment on a busy machine: allow for it (no test depends on it).
jest.setTimeout(60_000);

describe('demo learnings, dilemmas and forklar eller fjern', () => {
  it('adds the examples once, raised only by fictional staff', async () => {
    const { db } = await freshDb();
    await seedDemo(db, AT);
    const learnings = await db.selectFrom('learnings').select(['title', 'outcome', 'date']).orderBy('date').execute();
    expect(learnings.map((l) => l.title).sort()).toEqual([
      'En prøvehandling skal have en dato for evalueringen',
      'Frisættelse er ikke målet, men en metode',
      'Frivillige skal ledes og anerkendes',
      'Små, konkrete og korte indsatser',
      'Start der, hvor der allerede er energi',
    ]);
    expect(new Set(learnings.map((l) => l.outcome))).toEqual(new Set(['delvist', 'virkede', 'virkede_ikke']));
    expect(learnings.every((l) => l.date < '2026-11-24')).toBe(true);
    expect((await db.selectFrom('dilemmas').select('title').execute()).map((d) => d.title).sort()).toEqual([
      'Frivillige og tavshedspligt',
      'Menneskeblik og økonomiblik',
      'Projektmidler forsvinder',
      'Pseudoinddragelse',
      'Supplement eller erstatning',
    ]);
    const fef = await db
      .selectFrom('fef_items')
      .leftJoin('people', 'people.id', 'fef_items.raised_by')
      .select(['fef_items.title', 'people.name as raised_by', 'fef_items.decided_meeting_id', 'fef_items.hours_saved_per_month'])
      .execute();
    expect(fef.map((f) => f.title).sort()).toEqual([
      'Kontrol af kørsel og telefonbrug',
      'Papirliste over køleskabstemperaturer',
      'Skriftligt samtykke ved billeder af børn',
      'Supplerende tilsyn med samme opgave',
      'Tid i Fælles Sprog III ved komplekse nye borgere',
    ]);
    for (const f of fef) expect(['Mette Holm', 'Birgit Sørensen', 'Ahmad Rahimi', 'Sofie Dam']).toContain(f.raised_by);
    // Decisions are taken at the demo partnership's own meeting, with invented representatives.
    expect(fef.filter((f) => f.decided_meeting_id !== null)).toHaveLength(3);
    const representatives = (await db.selectFrom('partnership_members').select('person_id').execute()).map((r) => r.person_id);
    expect(await db.selectFrom('fef_items').select('id').where('raised_by', 'in', representatives).execute()).toHaveLength(0);
    // Links to the demo initiatives and the fictional staff's meeting, when those exist.
    expect(await countRows(db, 'learning_initiatives')).toBeGreaterThan(0);
    expect(await countRows(db, 'dilemma_meetings')).toBeGreaterThan(0);
    // Created (5 + 5 + 5), four dilemmas settled after their meetings, three FeF items decided.
    expect(await db.selectFrom('audit_log').select('id').where('entity', 'in', ['learning', 'dilemma', 'fef_item']).execute()).toHaveLength(15 + 4 + 3);

    const counts = async () => [await countRows(db, 'learnings'), await countRows(db, 'dilemmas'), await countRows(db, 'fef_items')];
    const before = await counts();
    await seedDemo(db, new Date('2027-01-10T10:00:00Z'));
    expect(await counts()).toEqual(before);
  });

  it('leaves a record with the same title as it is', async () => {
    const { db } = await freshDb();
    const now = AT.toISOString();
    await withoutAuditRule(db, () => db.insertInto('dilemmas').values({ title: 'Pseudoinddragelse', pole_a: 'Egen A', pole_b: 'Egen B', context: '', status: 'parkeret', created_at: now, updated_at: now }).execute());
    await seedDemo(db, AT);
    expect(await db.selectFrom('dilemmas').select(['pole_a', 'status']).where('title', '=', 'Pseudoinddragelse').execute()).toEqual([{ pole_a: 'Egen A', status: 'parkeret' }]);
    expect(await countRows(db, 'dilemmas')).toBe(5);
  });
});

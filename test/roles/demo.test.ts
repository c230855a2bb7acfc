// The demonstration role evidence: on the fictional staff only, linked to the demo initiatives
// and meetings, and idempotent.
import { seedDemo } from '../../seeds/demo';
import { freshDb } from '../helpers/app';
import { countRows } from '../helpers/db';
import { DEMO_REPRESENTATIVES, DEMO_STAFF } from '../../seeds/demo-people';
import { PARTNERSHIP_NAME } from '../../seeds/partnership';

// Seeding the demo year takes a moment on a busy machine: allow for it (no test depends on it).
jest.setTimeout(60_000);

describe('demo role evidence', () => {
  it('adds notes on the fictional staff, never on the real representatives, once', async () => {
    const { db } = await freshDb();
    const at = new Date('2026-11-24T10:00:00Z');
    await seedDemo(db, at);
    const notes = await db
      .selectFrom('role_evidence')
      .leftJoin('people', 'people.id', 'role_evidence.person_id')
      .leftJoin('people as recorder', 'recorder.id', 'role_evidence.recorded_by')
      .select(['people.name as person', 'role_evidence.team', 'recorder.name as recorder', 'role_evidence.initiative_id', 'role_evidence.meeting_id', 'role_evidence.date'])
      .execute();
    expect(notes.length).toBeGreaterThanOrEqual(16);
    const fictional = [...DEMO_STAFF, ...DEMO_REPRESENTATIVES].map((p) => p.name);
    for (const n of notes) {
      if (n.person) expect(fictional).toContain(n.person);
      else expect(n.team).not.toBe('');
      expect(fictional).toContain(n.recorder);
      expect(n.date <= '2026-11-24').toBe(true);
    }
    // The agreement's real representatives (the demo partnership's own are invented).
    const representatives = await db
      .selectFrom('partnership_members')
      .innerJoin('partnerships', 'partnerships.id', 'partnership_members.partnership_id')
      .select('person_id')
      .where('partnerships.name', '=', PARTNERSHIP_NAME)
      .execute();
    expect(representatives).toHaveLength(8);
    const onRepresentatives = await db
      .selectFrom('role_evidence')
      .select('id')
      .where((eb) => eb.or([eb('person_id', 'in', representatives.map((r) => r.person_id)), eb('recorded_by', 'in', representatives.map((r) => r.person_id))]))
      .execute();
    expect(onRepresentatives).toHaveLength(0);
    expect(notes.some((n) => n.initiative_id !== null)).toBe(true);
    expect(notes.some((n) => n.meeting_id !== null)).toBe(true);

    const before = await countRows(db, 'role_evidence');
    await seedDemo(db, new Date('2027-01-10T10:00:00Z'));
    expect(await countRows(db, 'role_evidence')).toBe(before);
  });

  it('ties most notes to a progress marker of their own role', async () => {
    const { db } = await freshDb();
    await seedDemo(db, new Date('2026-11-24T10:00:00Z'));
    const notes = await db
      .selectFrom('role_evidence')
      .leftJoin('role_markers', 'role_markers.id', 'role_evidence.marker_id')
      .select(['role_evidence.role_key', 'role_evidence.marker_id', 'role_markers.role_key as marker_role', 'role_markers.level'])
      .execute();
    const tied = notes.filter((n) => n.marker_id !== null);
    expect(tied.length).toBeGreaterThanOrEqual(15);
    expect(tied.every((n) => n.marker_role === n.role_key)).toBe(true);
    expect(new Set(tied.map((n) => n.level))).toEqual(new Set([1, 2, 3]));
  });
});

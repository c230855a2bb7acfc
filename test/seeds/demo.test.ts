// The demo content (`seed --demo`): a fictional year of the Uldum partnership in its own demo
// partnership. What a new user should find, that the real representatives carry none of it,
// that a second run adds nothing, and that its pages render.
import SQLite from 'better-sqlite3';
import { applyPragmas, createDb, type Db } from '../../server/db/database';
import type { Database } from '../../server/db/schema';
import { looksLikeCpr } from '../../server/initiatives/schemas';
import { utcToCopenhagen } from '../../server/web/time';
import { DEMO_PARTNERSHIP_NAME, seedDemo } from '../../seeds/demo';
import { PARTNERSHIP_NAME } from '../../seeds/partnership';
import { signedIn } from '../helpers/agent';
import { freshDb, testApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { onPostgres } from '../helpers/postgres';

const AT = new Date('2026-11-24T10:00:00Z'); // a Tuesday
const TODAY = '2026-11-24';

// Seeding the whole year takes a moment on a busy machine: allow for it (no test depends on it).
jest.setTimeout(60_000);

/** The agreement's people, then the demo seeded at `at`: made once per `at`, copied for each test. */
const templates = new Map<string, Promise<{ image: Buffer; realPeople: number[] }>>();

async function seeded(at = AT) {
  if (onPostgres) {
    // No file image to copy on PostgreSQL: each test seeds its own database.
    const { db } = await freshDb();
    const realPeople = (await db.selectFrom('people').select('id').execute()).map((p) => p.id);
    await seedDemo(db, at);
    const demo = await db.selectFrom('partnerships').select('id').where('name', '=', DEMO_PARTNERSHIP_NAME).executeTakeFirstOrThrow();
    return { db, realPeople, partnershipId: demo.id };
  }
  const key = at.toISOString();
  if (!templates.has(key)) {
    templates.set(
      key,
      (async () => {
        const { db, raw } = await freshDb();
        const realPeople = (await db.selectFrom('people').select('id').execute()).map((p) => p.id);
        await seedDemo(db, at);
        return { image: raw.serialize(), realPeople };
      })(),
    );
  }
  const { image, realPeople } = await templates.get(key)!;
  const raw = new SQLite(image);
  applyPragmas(raw);
  const db = createDb(raw);
  const demo = await db.selectFrom('partnerships').select('id').where('name', '=', DEMO_PARTNERSHIP_NAME).executeTakeFirstOrThrow();
  return { db, realPeople, partnershipId: demo.id };
}

function weekdayOf(instant: string): number {
  return new Date(`${utcToCopenhagen(instant).day}T12:00:00Z`).getUTCDay();
}

async function meetingsOf(db: Db, partnershipId: number) {
  return db.selectFrom('meetings').selectAll().where('partnership_id', '=', partnershipId).orderBy('starts_at').execute();
}

describe('demo content: a year of the partnership', () => {
  it('holds its own partnership between the real parties, with invented representatives for each party', async () => {
    const { db, realPeople, partnershipId } = await seeded();
    const parties = await db
      .selectFrom('partnership_parties')
      .innerJoin('organisations', 'organisations.id', 'partnership_parties.organisation_id')
      .select('organisations.name')
      .where('partnership_id', '=', partnershipId)
      .orderBy('sort_order')
      .execute();
    expect(parties.map((p) => p.name)).toEqual(['Hedensted Kommune', 'FOA']);
    const members = await db
      .selectFrom('partnership_members')
      .innerJoin('people', 'people.id', 'partnership_members.person_id')
      .innerJoin('organisations', 'organisations.id', 'people.organisation_id')
      .select(['people.id', 'people.title', 'organisations.name as organisation'])
      .where('partnership_id', '=', partnershipId)
      .where('is_representative', '=', 1)
      .execute();
    expect(new Set(members.map((m) => m.organisation))).toEqual(new Set(['Hedensted Kommune', 'FOA']));
    for (const m of members) {
      expect(realPeople).not.toContain(m.id);
      expect(m.title).toContain('(fiktiv)');
    }
    // The agreement's own partnership gets no invented content.
    const real = await db.selectFrom('partnerships').select('id').where('name', '=', PARTNERSHIP_NAME).executeTakeFirstOrThrow();
    expect(await db.selectFrom('meetings').select('id').where('partnership_id', '=', real.id).execute()).toHaveLength(0);
    expect(await db.selectFrom('initiatives').select('id').where('partnership_id', '=', real.id).execute()).toHaveLength(0);
    expect(await db.selectFrom('partnership_members').select('person_id').where('partnership_id', '=', real.id).execute()).toHaveLength(8);
  });

  it('has meetings on weekdays over the year: held ones, one cancelled with its reason, one planned ahead', async () => {
    const { db, partnershipId } = await seeded();
    const meetings = await meetingsOf(db, partnershipId);
    expect(meetings.length).toBeGreaterThanOrEqual(6);
    for (const m of meetings) expect([1, 2, 3, 4, 5]).toContain(weekdayOf(m.starts_at));
    expect(meetings[0].starts_at < new Date(AT.getTime() - 300 * 86400_000).toISOString()).toBe(true); // about a year back

    const cancelled = meetings.filter((m) => m.status === 'aflyst');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0].cancel_reason).toMatch(/\w{10,}/);
    const planned = meetings.filter((m) => m.status === 'planlagt');
    expect(planned).toHaveLength(1);
    expect(planned[0].starts_at > AT.toISOString()).toBe(true);
    const held = meetings.filter((m) => m.status === 'afholdt');
    expect(held.length).toBeGreaterThanOrEqual(5);
    for (const m of held) {
      expect(m.starts_at < AT.toISOString()).toBe(true);
      const attendance = await db.selectFrom('meeting_participants').select('attendance').where('meeting_id', '=', m.id).execute();
      expect(attendance.filter((a) => a.attendance === 'deltog').length).toBeGreaterThanOrEqual(4);
      expect(attendance.some((a) => a.attendance === 'inviteret')).toBe(false);
    }
    const afbud = await db.selectFrom('meeting_participants').select('meeting_id').where('attendance', '=', 'afbud').execute();
    expect(new Set(afbud.map((a) => a.meeting_id)).size).toBeGreaterThanOrEqual(3);
    expect(held.filter((m) => m.evaluation_value !== null).length).toBeGreaterThanOrEqual(4);
  });

  it('has agenda items of all three kinds with background, discussion and decision', async () => {
    const { db, partnershipId } = await seeded();
    const items = await db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .select(['agenda_items.kind', 'agenda_items.background', 'agenda_items.discussion', 'agenda_items.decision'])
      .where('meetings.partnership_id', '=', partnershipId)
      .where('meetings.status', '=', 'afholdt')
      .execute();
    for (const kind of ['orientering', 'droeftelse', 'beslutning'] as const) {
      const complete = items.filter((i) => i.kind === kind && i.background && i.discussion && i.decision);
      expect(complete.length).toBeGreaterThanOrEqual(3);
    }
    expect(await countRows(db, 'agenda_item_initiatives')).toBeGreaterThanOrEqual(10);
    expect(await countRows(db, 'agenda_item_dilemmas')).toBeGreaterThanOrEqual(3);
  });

  it('takes minutes through the workflow: approved by both parties, one corrected as version 2, one awaiting, one draft', async () => {
    const { db, partnershipId } = await seeded();
    const minutes = await db
      .selectFrom('minutes')
      .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
      .select(['minutes.id', 'minutes.status', 'minutes.version', 'minutes.change_note', 'meetings.title'])
      .where('meetings.partnership_id', '=', partnershipId)
      .execute();
    expect(minutes.filter((m) => m.status === 'godkendt').length).toBeGreaterThanOrEqual(4);
    expect(minutes.filter((m) => m.status === 'til_godkendelse')).toHaveLength(1);
    expect(minutes.filter((m) => m.status === 'kladde')).toHaveLength(1);

    const parties = ['FOA', 'Hedensted Kommune'];
    for (const m of minutes.filter((x) => x.status === 'godkendt')) {
      const versions = await db.selectFrom('minutes_versions').selectAll().where('minutes_id', '=', m.id).orderBy('version').execute();
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: m.version }, (_, i) => i + 1));
      for (const v of versions) {
        expect(v.locked_at).not.toBeNull();
        const approvals = await db
          .selectFrom('minutes_approvals')
          .innerJoin('organisations', 'organisations.id', 'minutes_approvals.organisation_id')
          .select('organisations.name')
          .where('minutes_id', '=', m.id)
          .where('version', '=', v.version)
          .orderBy('organisations.name')
          .execute();
        expect(approvals.map((a) => a.name)).toEqual(parties);
      }
    }
    const corrected = minutes.filter((m) => m.version === 2);
    expect(corrected).toHaveLength(1);
    expect(corrected[0].status).toBe('godkendt');
    expect(corrected[0].change_note).not.toBe('');
    const [v1, v2] = await db.selectFrom('minutes_versions').select(['version', 'document']).where('minutes_id', '=', corrected[0].id).orderBy('version').execute();
    expect(v1.document).not.toEqual(v2.document); // the frozen version 1 still reads as it was approved
    expect(await db.selectFrom('comments').select('id').where('target_type', '=', 'minutes').execute()).toHaveLength(1);
    // Approved on workdays, like everything people do in the demo.
    for (const a of await db.selectFrom('minutes_approvals').select('approved_at').execute()) expect([1, 2, 3, 4, 5]).toContain(weekdayOf(a.approved_at));
  });

  it('has follow-up actions that are done, overdue and still open, carried over to the next meeting', async () => {
    const { db, partnershipId } = await seeded();
    const actions = await db
      .selectFrom('actions')
      .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
      .select(['actions.id', 'actions.status', 'actions.due_date', 'actions.completed_at'])
      .where('meetings.partnership_id', '=', partnershipId)
      .execute();
    const done = actions.filter((a) => a.status === 'udfoert');
    expect(done.length).toBeGreaterThanOrEqual(5);
    for (const a of done) expect(a.completed_at! <= AT.toISOString()).toBe(true);
    const open = actions.filter((a) => a.status === 'aaben' || a.status === 'i_gang');
    expect(open.filter((a) => a.due_date! < TODAY)).toHaveLength(2);
    expect(open.filter((a) => a.due_date! >= TODAY)).toHaveLength(2);
    const [next] = (await meetingsOf(db, partnershipId)).filter((m) => m.status === 'planlagt');
    const carried = await db
      .selectFrom('carried_over_actions')
      .innerJoin('agenda_items', 'agenda_items.id', 'carried_over_actions.agenda_item_id')
      .select('carried_over_actions.action_id')
      .where('agenda_items.meeting_id', '=', next.id)
      .execute();
    expect(carried.map((c) => c.action_id).sort()).toEqual(open.map((a) => a.id).sort());
  });

  it('has at least eight initiatives across the four core tasks and the three places, with trial actions, effects and stories', async () => {
    const { db, partnershipId } = await seeded();
    const initiatives = await db.selectFrom('initiatives').selectAll().where('partnership_id', '=', partnershipId).execute();
    expect(initiatives.length).toBeGreaterThanOrEqual(8);
    const ids = initiatives.map((i) => i.id);
    const kerneopgaver = await db.selectFrom('initiative_kerneopgaver').select('kerneopgave_key').where('initiative_id', 'in', ids).execute();
    expect(new Set(kerneopgaver.map((k) => k.kerneopgave_key))).toEqual(new Set(['fritid-og-faellesskab', 'laering', 'beskaeftigelse', 'social-omsorg']));
    const places = await db
      .selectFrom('initiative_places')
      .innerJoin('organisations', 'organisations.id', 'initiative_places.organisation_id')
      .select('organisations.name')
      .where('initiative_id', 'in', ids)
      .execute();
    for (const place of ['Plejecentret i Uldum', 'Skolen i Uldum', 'Daginstitutionen i Uldum']) expect(places.map((p) => p.name)).toContain(place);
    expect(new Set(initiatives.map((i) => i.status)).size).toBeGreaterThanOrEqual(5);

    const trials = initiatives.filter((i) => i.kind === 'proevehandling');
    expect(trials.length).toBeGreaterThanOrEqual(4);
    const decided = trials.filter((t) => t.result !== '' && t.trial_decision !== null);
    expect(new Set(decided.map((t) => t.trial_decision))).toEqual(new Set(['forankres', 'justeres', 'stoppes']));
    for (const t of trials) expect(t.hypothesis && t.freedom_from && t.freedom_to).toBeTruthy();
    // One trial has run past its end without a result: the overview flags it.
    expect(trials.filter((t) => t.trial_end! < TODAY && t.result === '')).toHaveLength(1);

    const measurements = await db
      .selectFrom('effect_measurements')
      .innerJoin('effect_measures', 'effect_measures.id', 'effect_measurements.effect_measure_id')
      .select(['effect_measures.initiative_id', 'effect_measurements.date'])
      .where('effect_measures.initiative_id', 'in', ids)
      .execute();
    expect(new Set(measurements.map((m) => m.initiative_id)).size).toBeGreaterThanOrEqual(6);
    expect(measurements.every((m) => m.date <= TODAY)).toBe(true);
    const stories = await db.selectFrom('citizen_stories').select('story').where('initiative_id', 'in', ids).execute();
    expect(stories.length).toBeGreaterThanOrEqual(6);
    for (const s of stories) expect(looksLikeCpr(s.story)).toBe(false);
    expect(await db.selectFrom('initiative_updates').select('id').where('initiative_id', 'in', ids).execute()).not.toHaveLength(0);
    const log = await db.selectFrom('initiative_status_log').select('reason').where('initiative_id', 'in', ids).execute();
    expect(log.length).toBeGreaterThan(initiatives.length * 2);
  });

  it('has role evidence for all eight roles, learnings, dilemmas and forklar-eller-fjern decisions from its meetings', async () => {
    const { db, partnershipId } = await seeded();
    const roles = await db.selectFrom('roles').select('key').execute();
    expect(roles).toHaveLength(8);
    const evidence = await db.selectFrom('role_evidence').select('role_key').execute();
    for (const r of roles) expect(evidence.map((e) => e.role_key)).toContain(r.key);

    expect(await countRows(db, 'learnings')).toBeGreaterThanOrEqual(5);
    const outcomes = await db.selectFrom('learnings').select('outcome').execute();
    expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(['virkede', 'delvist', 'virkede_ikke']));
    const dilemmas = await db.selectFrom('dilemmas').select('status').execute();
    expect(new Set(dilemmas.map((d) => d.status)).size).toBeGreaterThanOrEqual(3);

    const fef = await db.selectFrom('fef_items').leftJoin('meetings', 'meetings.id', 'fef_items.decided_meeting_id').select(['fef_items.decision', 'meetings.partnership_id']).execute();
    expect(new Set(fef.map((f) => f.decision))).toEqual(new Set(['afventer', 'aendret', 'fjernet', 'forklaret_bevares']));
    for (const f of fef) expect(f.partnership_id).toBe(f.decision === 'afventer' ? null : partnershipId);
  });

  it('puts no invented word, approval, task or decision on a seeded real person', async () => {
    const { db, realPeople } = await seeded();
    const on = async <T extends keyof Database>(table: T, column: string) =>
      (await db.selectFrom(table as 'actions').select('id' as never).where(column as 'owner_id', 'in', realPeople).execute()).length;
    expect(await on('minutes_approvals', 'person_id')).toBe(0);
    expect(await on('actions', 'owner_id')).toBe(0);
    expect(await on('initiative_updates', 'person_id')).toBe(0);
    expect(await on('citizen_stories', 'person_id')).toBe(0);
    expect(await on('initiative_partners', 'person_id')).toBe(0);
    expect(await on('initiative_status_log', 'person_id')).toBe(0);
    expect(await on('role_evidence', 'person_id')).toBe(0);
    expect(await on('role_evidence', 'recorded_by')).toBe(0);
    expect(await on('fef_items', 'raised_by')).toBe(0);
    expect(await on('comments', 'person_id')).toBe(0);
    for (const column of ['convener_id', 'chair_id', 'minute_taker_id'] as const) expect(await on('meetings', column)).toBe(0);
    expect(await db.selectFrom('meeting_participants').select('meeting_id').where('person_id', 'in', realPeople).execute()).toHaveLength(0);
    // Invented people say so in their title.
    const invented = await db.selectFrom('people').select('title').where('id', 'not in', realPeople).execute();
    expect(invented.length).toBeGreaterThanOrEqual(10);
    for (const p of invented) expect(p.title).toContain('(fiktiv)');
  });

  it('writes every change through the services: audited and dated no later than now', async () => {
    const { db } = await seeded();
    const entries = await db.selectFrom('audit_log').select(['entity', 'at']).execute();
    expect(entries.every((e) => e.at <= AT.toISOString())).toBe(true);
    const entities = new Set(entries.map((e) => e.entity));
    for (const entity of ['person', 'partnership', 'initiative', 'meeting', 'agenda_item', 'action', 'minutes', 'minutes_approval', 'role_evidence', 'learning', 'dilemma', 'fef_item', 'comment']) {
      expect(entities).toContain(entity);
    }
  });

  it('adds nothing when run again, later', async () => {
    const { db } = await seeded();
    const tables: Array<keyof Database> = ['people', 'partnerships', 'partnership_members', 'initiatives', 'meetings', 'agenda_items', 'actions', 'minutes_versions', 'minutes_approvals', 'comments', 'effect_measurements', 'citizen_stories', 'role_evidence', 'learnings', 'dilemmas', 'fef_items', 'audit_log'];
    const counts = async () => Promise.all(tables.map((t) => countRows(db, t)));
    const before = await counts();
    expect(await seedDemo(db, new Date('2027-01-10T10:00:00Z'))).toEqual({ created: 0 });
    expect(await counts()).toEqual(before);
  });

  it('counts its dates from the now it is given, and keeps meetings on weekdays from a Sunday too', async () => {
    const sunday = new Date('2027-03-07T09:00:00Z');
    const { db, partnershipId } = await seeded(sunday);
    const meetings = await meetingsOf(db, partnershipId);
    for (const m of meetings) expect([1, 2, 3, 4, 5]).toContain(weekdayOf(m.starts_at));
    const held = meetings.filter((m) => m.status === 'afholdt');
    const last = held[held.length - 1];
    const daysBefore = (sunday.getTime() - new Date(last.starts_at).getTime()) / 86400_000;
    expect(daysBefore).toBeGreaterThan(10);
    expect(daysBefore).toBeLessThan(20);
    const entries = await db.selectFrom('audit_log').select('at').where('at', '>', sunday.toISOString()).execute();
    expect(entries).toHaveLength(0);
  });
});

describe('demo content on the pages', () => {
  it('renders the overview, a corrected meeting, its minutes and minutes.pdf, and search finds it', async () => {
    const { app, db, clock } = await testApp();
    await seedDemo(db, clock.now());
    const reader = await signedIn(app, db, 'laeser');
    const overview = await reader.agent.get('/');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('Partnerskabsmøde: status på samskabelse i Uldum');
    expect((await reader.agent.get('/om-partnerskabet')).text).toContain(DEMO_PARTNERSHIP_NAME);

    const corrected = await db
      .selectFrom('minutes')
      .innerJoin('meetings', 'meetings.id', 'minutes.meeting_id')
      .select(['meetings.id', 'meetings.title'])
      .where('minutes.version', '=', 2)
      .executeTakeFirstOrThrow();
    const meeting = await reader.agent.get(`/meetings/${corrected.id}`);
    expect(meeting.status).toBe(200);
    expect(meeting.text).toContain(corrected.title);
    const minutes = await reader.agent.get(`/meetings/${corrected.id}/minutes`);
    expect(minutes.status).toBe(200);
    expect(minutes.text).toContain('Anne Kjærgaard');
    expect(minutes.text).toContain('Lone Friis');
    const pdf = await reader.agent
      .get(`/meetings/${corrected.id}/minutes.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    for (const status of ['aflyst', 'planlagt'] as const) {
      const m = await db.selectFrom('meetings').select('id').where('status', '=', status).executeTakeFirstOrThrow();
      expect((await reader.agent.get(`/meetings/${m.id}`)).status).toBe(200);
    }
    const brunch = await db.selectFrom('initiatives').select('id').where('title', '=', 'Brunch i plejeboligen').executeTakeFirstOrThrow();
    expect((await reader.agent.get(`/initiatives/${brunch.id}`)).status).toBe(200);
    expect((await reader.agent.get('/roles')).status).toBe(200);
    // Written through the services, so the search index knows it.
    const search = await reader.agent.get('/search?q=stikkelsb%C3%A6r');
    expect(search.status).toBe(200);
    expect(search.text).toContain('Borgeren sætter målet – hverdagsrehabilitering');
  });
});

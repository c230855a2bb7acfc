// Who may reach which route of /meetings and /actions: 403 for the roles that may not change
// things, 403 without a CSRF token, /login when signed out, and 404 for unknown or malformed ids
// (also an agenda item or action that belongs to another meeting). Nothing is saved when refused.
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { AppRole } from '../../server/db/schema';
import { sendForApproval } from '../../server/meetings/minutes';
import { markHeld } from '../../server/meetings/service';
import { csrfFrom, signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { countRows } from '../helpers/db';
import { aMeetingAwaitingApproval, anAction, anAgendaItem, aMeeting, partnershipId, personId } from '../helpers/factories';

interface World {
  t: TestApp;
  meeting: number;
  item: number;
  action: number;
  hanne: number;
  per: number;
  other: { meeting: number; item: number; action: number };
}

/** A meeting with an invited representative, an item and an action; and a second meeting with its own. */
async function world(): Promise<World> {
  const t = await testApp();
  const hanne = await personId(t.db, 'Hanne M. Petersen');
  const per = await personId(t.db, 'Per Lange');
  const meeting = await aMeeting(t.db, { title: 'Adgangsmødet', participant_ids: [hanne] });
  const item = await anAgendaItem(t.db, meeting, { title: 'Punkt på adgangsmødet' });
  const action = await anAction(t.db, meeting, { text: 'Handling fra adgangsmødet', owner_id: hanne });
  const otherMeeting = await aMeeting(t.db, { title: 'Et andet møde' });
  const otherItem = await anAgendaItem(t.db, otherMeeting, { title: 'Punkt på det andet møde' });
  const otherAction = await anAction(t.db, otherMeeting, { text: 'Handling fra det andet møde' });
  return { t, meeting, item, action, hanne, per, other: { meeting: otherMeeting, item: otherItem, action: otherAction } };
}

type Route = { path: string; form?: Record<string, string | string[]>; may: AppRole[] };

async function meetingForm(w: World): Promise<Record<string, string | string[]>> {
  return {
    partnership_id: String(await partnershipId(w.t.db)),
    title: 'Nyt møde',
    kind: 'arbejdsgruppe',
    day: '2026-12-10',
    start_time: '10:00',
    end_time: '12:00',
  };
}

/** Every POST route of the feature, with a form that would be valid for a role that may. */
async function postRoutes(w: World): Promise<Route[]> {
  const m = `/meetings/${w.meeting}`;
  const k: AppRole[] = ['konsulent'];
  return [
    { path: '/meetings', form: await meetingForm(w), may: k },
    { path: m, form: await meetingForm(w), may: k },
    { path: `${m}/cancel`, form: { cancel_reason: 'Sygdom' }, may: k },
    { path: `${m}/held`, may: k },
    { path: `${m}/attendance`, form: { [`attendance_${w.hanne}`]: 'deltog' }, may: k },
    { path: `${m}/participants`, form: { person_id: String(w.per) }, may: k },
    { path: `${m}/participants/${w.hanne}/delete`, may: k },
    { path: `${m}/evaluation`, form: { evaluation_value: '4' }, may: k },
    { path: `${m}/comments`, form: { body: 'En kommentar' }, may: ['konsulent', 'repraesentant'] },
    { path: `${m}/agenda`, form: { title: 'Nyt punkt', kind: 'orientering' }, may: k },
    { path: `${m}/agenda/${w.item}`, form: { title: 'Rettet punkt', kind: 'orientering' }, may: k },
    { path: `${m}/agenda/${w.item}/delete`, may: k },
    { path: `${m}/agenda/${w.item}/move`, form: { direction: 'up' }, may: k },
    { path: `${m}/actions`, form: { text: 'Ny handling' }, may: k },
    { path: `${m}/actions/${w.action}`, form: { text: 'Rettet handling' }, may: k },
    { path: `${m}/actions/${w.action}/delete`, may: k },
    { path: `${m}/minutes`, form: { free_text: 'Tekst' }, may: k },
    { path: `${m}/minutes/send`, may: k },
    { path: `${m}/minutes/withdraw`, may: k },
    { path: `${m}/minutes/approve`, may: ['repraesentant'] },
    { path: `${m}/minutes/correct`, form: { change_note: 'Stavefejl' }, may: k },
    { path: `${m}/minutes/comments`, form: { body: 'En kommentar' }, may: ['konsulent', 'repraesentant'] },
    { path: `/actions/${w.action}/status`, form: { status: 'udfoert' }, may: ['konsulent', 'repraesentant'] },
  ];
}

function getRoutes(w: World): Route[] {
  const m = `/meetings/${w.meeting}`;
  const all: AppRole[] = ['konsulent', 'repraesentant', 'laeser'];
  const k: AppRole[] = ['konsulent'];
  return [
    { path: '/meetings', may: all },
    { path: '/meetings/new', may: k },
    { path: m, may: all },
    { path: `${m}/edit`, may: k },
    { path: `${m}/agenda/new`, may: k },
    { path: `${m}/agenda/${w.item}/edit`, may: k },
    { path: `${m}/actions/new`, may: k },
    { path: `${m}/actions/${w.action}/edit`, may: k },
    { path: `${m}/minutes`, may: all },
    { path: `${m}/minutes/versions/1`, may: all },
    { path: '/actions', may: all },
  ];
}

/** What a refused request must leave untouched: every write is audited, comments too. */
async function writes(w: World): Promise<number[]> {
  return Promise.all([countRows(w.t.db, 'audit_log'), countRows(w.t.db, 'comments'), countRows(w.t.db, 'meetings')]);
}

describe('roles on the meetings and actions routes', () => {
  it('lets every signed-in role read, and only the consultant (and admin) open the edit forms', async () => {
    const w = await world();
    await markHeld(w.t.db, w.meeting, SYSTEM_ACTOR, w.t.clock.now());
    await sendForApproval(w.t.db, w.meeting, SYSTEM_ACTOR, w.t.clock.now()); // version 1 exists
    for (const role of ['admin', 'konsulent', 'repraesentant', 'laeser'] as AppRole[]) {
      const user = await signedIn(w.t.app, w.t.db, role);
      for (const route of getRoutes(w)) {
        const res = await user.agent.get(route.path);
        const allowed = role === 'admin' || route.may.includes(role);
        // The meeting is locked (minutes sent), so its edit form sends the consultant back with a message.
        const lockedForm = route.path === `/meetings/${w.meeting}/edit`;
        expect([route.path, role, res.status]).toEqual([route.path, role, allowed ? (lockedForm ? 303 : 200) : 403]);
      }
    }
  });

  it.each(['repraesentant', 'laeser'] as AppRole[])('answers 403 to a %s on every POST it may not make, and saves nothing', async (role) => {
    const w = await world();
    const user = await signedIn(w.t.app, w.t.db, role);
    for (const route of await postRoutes(w)) {
      if (route.may.includes(role)) continue;
      const before = await writes(w);
      const res = await user.post(route.path, route.form);
      expect([route.path, res.status]).toEqual([route.path, 403]);
      expect(res.text).toContain('Ingen adgang');
      expect(await writes(w)).toEqual(before);
    }
  });

  it('answers 403 to the consultant who tries to approve minutes', async () => {
    const w = await world();
    const meeting = await aMeetingAwaitingApproval(w.t.db);
    const konsulent = await signedIn(w.t.app, w.t.db, 'konsulent');
    const res = await konsulent.post(`/meetings/${meeting}/minutes/approve`);
    expect(res.status).toBe(403);
    expect(await countRows(w.t.db, 'minutes_approvals')).toBe(0);
  });
});

describe('CSRF', () => {
  it('answers 403 to every POST without the token, even from a consultant, and saves nothing', async () => {
    const w = await world();
    const admin = await signedIn(w.t.app, w.t.db, 'admin');
    for (const route of await postRoutes(w)) {
      const before = await writes(w);
      const res = await admin.agent.post(route.path).type('form').send(route.form ?? {});
      expect([route.path, res.status]).toEqual([route.path, 403]);
      expect(res.text).toContain('Formularen er udløbet eller ugyldig');
      expect(await writes(w)).toEqual(before);
    }
  });

  it('answers 403 to a POST with a token from another session', async () => {
    const w = await world();
    const a = await signedIn(w.t.app, w.t.db, 'konsulent');
    const b = await signedIn(w.t.app, w.t.db, 'konsulent');
    const res = await a.agent.post(`/meetings/${w.meeting}/agenda`).type('form').send({ _csrf: b.csrf, title: 'Fremmed', kind: 'orientering' });
    expect(res.status).toBe(403);
    expect(await w.t.db.selectFrom('agenda_items').select('id').where('title', '=', 'Fremmed').executeTakeFirst()).toBeUndefined();
  });
});

describe('signed out', () => {
  it('sends every page to /login and comes back to it afterwards', async () => {
    const w = await world();
    await signedIn(w.t.app, w.t.db, 'admin'); // setup is done
    for (const route of getRoutes(w)) {
      const res = await request(w.t.app).get(route.path);
      expect([route.path, res.status]).toEqual([route.path, 303]);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(route.path)}`);
    }
  });

  it('sends every POST (with a valid token of a signed-out session) to /login and saves nothing', async () => {
    const w = await world();
    await signedIn(w.t.app, w.t.db, 'admin');
    const anonymous = request.agent(w.t.app);
    const csrf = csrfFrom((await anonymous.get('/login')).text);
    for (const route of await postRoutes(w)) {
      const before = await writes(w);
      const res = await anonymous.post(route.path).type('form').send({ _csrf: csrf, ...(route.form ?? {}) });
      expect([route.path, res.status, res.headers.location]).toEqual([route.path, 303, '/login?next=%2F']);
      expect(await writes(w)).toEqual(before);
    }
  });
});

describe('unknown and malformed ids', () => {
  const bad = ['999999', 'abc', '1e1', '0', '-1', '1.5'];

  it.each(bad)('answers 404 for meeting id %p on every route (as admin, who may do everything)', async (id) => {
    const w = await world();
    const admin = await signedIn(w.t.app, w.t.db, 'admin');
    const swap = (path: string) => path.replace(`/meetings/${w.meeting}`, `/meetings/${id}`);
    for (const route of getRoutes(w).filter((r) => r.path.startsWith(`/meetings/${w.meeting}`))) {
      const res = await admin.agent.get(swap(route.path));
      expect([swap(route.path), res.status]).toEqual([swap(route.path), 404]);
      expect(res.text).toContain('Siden findes ikke');
    }
    for (const route of (await postRoutes(w)).filter((r) => r.path.startsWith(`/meetings/${w.meeting}`))) {
      const before = await writes(w);
      const res = await admin.post(swap(route.path), route.form);
      expect([swap(route.path), res.status]).toEqual([swap(route.path), 404]);
      expect(await writes(w)).toEqual(before);
    }
  });

  it.each(bad)('answers 404 for agenda item, action, participant and version id %p', async (id) => {
    const w = await world();
    const admin = await signedIn(w.t.app, w.t.db, 'admin');
    const m = `/meetings/${w.meeting}`;
    const before = await writes(w);
    for (const path of [`${m}/agenda/${id}/edit`, `${m}/actions/${id}/edit`, `${m}/minutes/versions/${id}`]) {
      expect([path, (await admin.agent.get(path)).status]).toEqual([path, 404]);
    }
    const posts: Array<[string, Record<string, string>]> = [
      [`${m}/agenda/${id}`, { title: 'X', kind: 'orientering' }],
      [`${m}/agenda/${id}/delete`, {}],
      [`${m}/agenda/${id}/move`, { direction: 'up' }],
      [`${m}/actions/${id}`, { text: 'X' }],
      [`${m}/actions/${id}/delete`, {}],
      [`${m}/participants/${id}/delete`, {}],
      [`/actions/${id}/status`, { status: 'udfoert' }],
    ];
    for (const [path, form] of posts) expect([path, (await admin.post(path, form)).status]).toEqual([path, 404]);
    expect(await writes(w)).toEqual(before);
  });

  it('answers 404 for an agenda item or action that belongs to another meeting, and leaves it as it was', async () => {
    const w = await world();
    const k = await signedIn(w.t.app, w.t.db, 'konsulent');
    const m = `/meetings/${w.meeting}`;
    const unchanged = await writes(w);
    expect((await k.agent.get(`${m}/agenda/${w.other.item}/edit`)).status).toBe(404);
    expect((await k.agent.get(`${m}/actions/${w.other.action}/edit`)).status).toBe(404);
    expect((await k.post(`${m}/agenda/${w.other.item}`, { title: 'Kapret', kind: 'beslutning' })).status).toBe(404);
    expect((await k.post(`${m}/agenda/${w.other.item}/move`, { direction: 'up' })).status).toBe(404);
    expect((await k.post(`${m}/agenda/${w.other.item}/delete`)).status).toBe(404);
    expect((await k.post(`${m}/actions/${w.other.action}`, { text: 'Kapret' })).status).toBe(404);
    expect((await k.post(`${m}/actions/${w.other.action}/delete`)).status).toBe(404);
    expect(await writes(w)).toEqual(unchanged);
    // A version of the other meeting's minutes is not a version of this one.
    await markHeld(w.t.db, w.other.meeting, SYSTEM_ACTOR, w.t.clock.now());
    await sendForApproval(w.t.db, w.other.meeting, SYSTEM_ACTOR, w.t.clock.now());
    expect((await k.agent.get(`/meetings/${w.other.meeting}/minutes/versions/1`)).status).toBe(200);
    expect((await k.agent.get(`${m}/minutes/versions/1`)).status).toBe(404);
    const item = await w.t.db.selectFrom('agenda_items').selectAll().where('id', '=', w.other.item).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ title: 'Punkt på det andet møde', meeting_id: w.other.meeting });
    const action = await w.t.db.selectFrom('actions').selectAll().where('id', '=', w.other.action).executeTakeFirstOrThrow();
    expect(action).toMatchObject({ text: 'Handling fra det andet møde', meeting_id: w.other.meeting });
  });

  it('answers 404 when inviting a person who does not exist', async () => {
    const w = await world();
    const k = await signedIn(w.t.app, w.t.db, 'konsulent');
    const before = await countRows(w.t.db, 'meeting_participants');
    expect((await k.post(`/meetings/${w.meeting}/participants`, { person_id: '999999' })).status).toBe(404);
    expect((await k.post(`/meetings/${w.meeting}/participants`, { person_id: 'abc' })).status).toBe(404);
    expect(await countRows(w.t.db, 'meeting_participants')).toBe(before);
  });
});

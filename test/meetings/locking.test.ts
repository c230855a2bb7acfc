// Once the minutes are sent for approval or approved, the meeting's content is locked: every
// change is refused with a Danish message (flash + redirect) and nothing is saved. Only an
// action's status (live tracking) may still change. Withdrawing or correcting unlocks it.
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { aHeldMeeting, anAction, anAgendaItem, partnershipId, personId } from '../helpers/factories';
import { flashes } from '../helpers/html';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { LOCKED_MESSAGE } from '../../server/meetings/lock';
import { approveMinutes, sendForApproval } from '../../server/meetings/minutes';

type Db = TestApp['db'];

/** Everything a consultant could change about the meeting's content. */
async function attempts(db: Db, meeting: number, item: number, action: number): Promise<Array<{ path: string; form: Record<string, string | string[]> }>> {
  const hanne = await personId(db, 'Hanne M. Petersen');
  const per = await personId(db, 'Per Lange');
  const m = `/meetings/${meeting}`;
  return [
    { path: `${m}/agenda`, form: { title: 'Sent punkt', kind: 'orientering' } },
    { path: `${m}/agenda/${item}`, form: { title: 'Rettet efter godkendelse', kind: 'beslutning' } },
    { path: `${m}/agenda/${item}/delete`, form: {} },
    { path: `${m}/agenda/${item}/move`, form: { direction: 'up' } },
    { path: `${m}/actions`, form: { text: 'Sent opfølgningspunkt' } },
    { path: `${m}/actions/${action}`, form: { text: 'Rettet handling', owner_id: String(per), due_date: '2027-06-01' } },
    { path: `${m}/actions/${action}/delete`, form: {} },
    { path: `${m}/attendance`, form: { [`attendance_${hanne}`]: 'udeblev' } },
    { path: `${m}/participants`, form: { person_id: String(per) } },
    { path: `${m}/participants/${hanne}/delete`, form: {} },
    {
      path: m,
      form: {
        partnership_id: String(await partnershipId(db)),
        title: 'Ny titel efter godkendelse',
        kind: 'partnerskabsmoede',
        day: '2027-01-05',
        start_time: '10:00',
        end_time: '11:00',
        participant_ids: [String(hanne)],
      },
    },
  ];
}

/** The content a lock must protect, as one comparable snapshot. */
async function content(db: Db, meeting: number) {
  return {
    meeting: await db.selectFrom('meetings').selectAll().where('id', '=', meeting).executeTakeFirstOrThrow(),
    items: await db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meeting).orderBy('id').execute(),
    actions: await db.selectFrom('actions').selectAll().where('meeting_id', '=', meeting).orderBy('id').execute(),
    participants: await db.selectFrom('meeting_participants').selectAll().where('meeting_id', '=', meeting).orderBy('person_id').execute(),
    minutes: await db.selectFrom('minutes').selectAll().where('meeting_id', '=', meeting).executeTakeFirstOrThrow(),
  };
}

/** A workshop with two items and Hanne's action, its minutes sent (and, if asked, approved by both parties). */
async function lockedMeeting(t: TestApp, state: 'til_godkendelse' | 'godkendt') {
  const { db } = t;
  const hanneId = await personId(db, 'Hanne M. Petersen');
  const meeting = await aHeldMeeting(db, { kind: 'workshop', participant_ids: [hanneId] });
  await anAgendaItem(db, meeting, { title: 'Første' });
  const item = await anAgendaItem(db, meeting, { title: 'Andet' });
  const action = await anAction(db, meeting, { text: 'Hannes opgave', owner_id: hanneId, due_date: '2026-12-01' });
  await sendForApproval(db, meeting, SYSTEM_ACTOR, t.clock.now());
  const hanne = await signedIn(t.app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
  const rene = await signedIn(t.app, db, 'repraesentant', { personName: 'René G. Nielsen' });
  if (state === 'godkendt') {
    expect((await hanne.post(`/meetings/${meeting}/minutes/approve`)).status).toBe(303);
    expect((await rene.post(`/meetings/${meeting}/minutes/approve`)).status).toBe(303);
  }
  return { meeting, item, action, hanne };
}

describe.each(['til_godkendelse', 'godkendt'] as const)('a meeting whose minutes are %s', (state) => {
  it('refuses every change of content with the Danish lock message and saves nothing', async () => {
    const t = await testApp();
    const { meeting, item, action } = await lockedMeeting(t, state);
    expect((await t.db.selectFrom('minutes').select('status').where('meeting_id', '=', meeting).executeTakeFirstOrThrow()).status).toBe(state);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const before = await content(t.db, meeting);
    for (const attempt of await attempts(t.db, meeting, item, action)) {
      const res = await k.post(attempt.path, attempt.form);
      expect([attempt.path, res.status, res.headers.location]).toEqual([attempt.path, 303, `/meetings/${meeting}`]);
      const page = await k.agent.get(res.headers.location);
      expect([attempt.path, flashes(page.text)]).toEqual([attempt.path, [LOCKED_MESSAGE]]);
    }
    const minutesText = await k.post(`/meetings/${meeting}/minutes`, { free_text: 'Tilføjet bagefter' });
    expect(minutesText.headers.location).toBe(`/meetings/${meeting}/minutes`);
    expect(flashes((await k.agent.get(`/meetings/${meeting}/minutes`)).text)).toEqual(['Referatet kan kun redigeres, mens det er en kladde.']);
    expect(await content(t.db, meeting)).toEqual(before);
  });

  it('hides the edit tools on the meeting page and says why', async () => {
    const t = await testApp();
    const { meeting, item } = await lockedMeeting(t, state);
    const k = await signedIn(t.app, t.db, 'konsulent');
    const page = await k.agent.get(`/meetings/${meeting}`);
    expect(page.text).toContain(state === 'godkendt' ? 'Referatet er godkendt, så mødets indhold er låst.' : 'Referatet er sendt til godkendelse, så mødets indhold er låst.');
    expect(page.text).not.toContain(`/meetings/${meeting}/edit`);
    expect(page.text).not.toContain(`/agenda/${item}/edit`);
    expect(page.text).not.toContain(`action="/meetings/${meeting}/attendance"`);
    expect(page.text).not.toContain(`href="/meetings/${meeting}/agenda/new"`);
  });

  it('still lets the consultant and the owner change an action’s status, but not another representative', async () => {
    const t = await testApp();
    const { meeting, action, hanne } = await lockedMeeting(t, state);
    const status = async () => (await t.db.selectFrom('actions').select('status').where('id', '=', action).executeTakeFirstOrThrow()).status;
    const k = await signedIn(t.app, t.db, 'konsulent');
    expect((await k.post(`/actions/${action}/status`, { status: 'i_gang' })).status).toBe(303);
    expect(await status()).toBe('i_gang');
    expect((await hanne.post(`/actions/${action}/status`, { status: 'udfoert' })).status).toBe(303);
    expect(await status()).toBe('udfoert');
    const per = await signedIn(t.app, t.db, 'repraesentant', { personName: 'Per Lange' });
    expect((await per.post(`/actions/${action}/status`, { status: 'droppet' })).status).toBe(403);
    expect(await status()).toBe('udfoert');
    const page = await hanne.agent.get(`/meetings/${meeting}`);
    expect(page.text).toContain(`action="/actions/${action}/status"`);
  });
});

describe('unlocking', () => {
  it('lets the consultant edit again after withdrawing the minutes to draft', async () => {
    const t = await testApp();
    const { meeting } = await lockedMeeting(t, 'til_godkendelse');
    const k = await signedIn(t.app, t.db, 'konsulent');
    await k.post(`/meetings/${meeting}/minutes/withdraw`);
    expect((await k.post(`/meetings/${meeting}/agenda`, { title: 'Efter tilbagetrækning', kind: 'orientering' })).status).toBe(303);
    expect(await t.db.selectFrom('agenda_items').select('position').where('title', '=', 'Efter tilbagetrækning').executeTakeFirst()).toEqual({ position: 3 });
  });

  it('lets the consultant edit the new version after a correction is started', async () => {
    const t = await testApp();
    const { meeting, item } = await lockedMeeting(t, 'godkendt');
    const k = await signedIn(t.app, t.db, 'konsulent');
    expect((await k.post(`/meetings/${meeting}/minutes/correct`, { change_note: 'Beslutningen i punkt 2 var forkert gengivet' })).status).toBe(303);
    expect((await k.post(`/meetings/${meeting}/agenda/${item}`, { title: 'Andet', kind: 'beslutning', decision: 'Rettet beslutning' })).status).toBe(303);
    expect((await t.db.selectFrom('agenda_items').select('decision').where('id', '=', item).executeTakeFirstOrThrow()).decision).toBe('Rettet beslutning');
  });

  it('refuses the approval of a party after the minutes were withdrawn', async () => {
    const t = await testApp();
    const { meeting, hanne } = await lockedMeeting(t, 'til_godkendelse');
    const k = await signedIn(t.app, t.db, 'konsulent');
    await k.post(`/meetings/${meeting}/minutes/withdraw`);
    await expect(approveMinutes(t.db, meeting, { userId: hanne.userId, role: 'repraesentant', personId: hanne.personId }, t.clock.now())).rejects.toThrow(
      'Referatet er ikke sendt til godkendelse.',
    );
  });
});

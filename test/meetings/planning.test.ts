// Standard items on a new meeting, "Planlæg næste møde" (participants, standard items, open
// actions, postponed items moved with a link back), and moving postponed items to a next
// meeting that already exists. 422 with nothing stored, 403 per role, 404.
import { markHeld } from '../../server/meetings/service';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { withoutAuditRule } from '../helpers/audit-rule';
import { auditOf, countRows } from '../helpers/db';
import { aMeeting, anAction, anAgendaItem, partnershipId, personId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, unescapeHtml } from '../helpers/html';

type Db = TestApp['db'];

const STANDARD = ['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Eventuelt', 'Næste møde'];

async function agendaTitles(db: Db, meetingId: number): Promise<string[]> {
  return (await db.selectFrom('agenda_items').select('title').where('meeting_id', '=', meetingId).orderBy('position').execute()).map((r) => r.title);
}

async function participantIds(db: Db, meetingId: number): Promise<number[]> {
  return (await db.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', meetingId).orderBy('person_id').execute()).map((r) => r.person_id);
}

/** Marks an item postponed (udsat), as the item form does with "Udsat til næste møde". */
async function postpone(db: Db, itemId: number) {
  await withoutAuditRule(db, () => db.updateTable('agenda_items').set({ postponed: 1, decision: 'Udsat' }).where('id', '=', itemId).execute());
}

/**
 * A held meeting on Thursday 14 January 2027 with two people invited, three ordinary items and a
 * fourth, "Budget 2027", postponed; and an open action.
 */
async function heldMeetingWithPostponedItem(db: Db) {
  const people = [await personId(db, 'René G. Nielsen'), await personId(db, 'Hanne M. Petersen')];
  const meetingId = await aMeeting(db, {
    title: 'Partnerskabsmøde januar',
    day: '2027-01-14',
    start_time: '14:00',
    end_time: '16:00',
    place: 'Uldum Kulturhus',
    participant_ids: people,
    convener_id: people[0],
    chair_id: people[1],
  });
  // The follow-up item is number 1; then 2, 3 and the postponed one as number 4.
  await anAgendaItem(db, meetingId, { title: 'Status på plejecentret' });
  await anAgendaItem(db, meetingId, { title: 'Skolens frivillige' });
  const budget = await anAgendaItem(db, meetingId, { title: 'Budget 2027', kind: 'beslutning', background: 'Forslag til fordeling af midlerne.' });
  await postpone(db, budget);
  await anAction(db, meetingId, { text: 'Send budgetudkast til FOA', status: 'aaben' });
  await markHeld(db, meetingId, SYSTEM_ACTOR, new Date('2027-01-14T15:00:00Z'));
  return { meetingId, budget, people };
}

describe('standard items on a new meeting', () => {
  it('the new-meeting form offers "Brug standardpunkterne", ticked', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.agent.get('/meetings/new');
    expect(res.text).toMatch(/<input type="checkbox" id="f-use_standard_items" name="use_standard_items" value="on" checked>\s*<label for="f-use_standard_items">Brug standardpunkterne<\/label>/);
  });

  it('a meeting made with them starts with the standard items, the follow-up item carrying the open actions', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const earlier = await aMeeting(db, { day: '2026-11-03' });
    await anAction(db, earlier, { text: 'Aftal næste workshop', status: 'aaben' });
    const form = { partnership_id: String(await partnershipId(db)), title: 'Nyt møde', kind: 'partnerskabsmoede', day: '2026-12-15', start_time: '14:00', end_time: '16:00' };
    const res = await k.post('/meetings', { ...form, use_standard_items: 'on' });
    expect(res.status).toBe(303);
    const id = Number(/\/meetings\/(\d+)/.exec(res.headers.location)![1]);
    expect(await agendaTitles(db, id)).toEqual(STANDARD);
    const followUp = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', id).where('title', '=', 'Opfølgning fra sidste møde').executeTakeFirstOrThrow();
    expect(await db.selectFrom('carried_over_actions').select('action_id').where('agenda_item_id', '=', followUp.id).execute()).toHaveLength(1);
    const page = unescapeHtml((await k.agent.get(`/meetings/${id}`)).text);
    expect(page).toContain('Aftal næste workshop');
    expect([...page.matchAll(/<span class="agenda-number">\d+\.<\/span> ([^<]*) <span class="badge">/g)].map((m) => m[1])).toEqual(STANDARD);
    expect((await auditOf(db, 'agenda_item')).filter((a) => JSON.parse(a.after!).meeting_id === id)).toHaveLength(5);

    // Unticked: today's agenda, the follow-up item only.
    const plain = await k.post('/meetings', { ...form, title: 'Møde uden standardpunkter' });
    const plainId = Number(/\/meetings\/(\d+)/.exec(plain.headers.location)![1]);
    expect(await agendaTitles(db, plainId)).toEqual(['Opfølgning fra sidste møde']);
  });

  it('follows the template as the konsulent edited it', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const pid = await partnershipId(db);
    await k.post(`/partnerships/${pid}/standard-items`, { title: 'Runde: nyt fra parterne', kind: 'orientering' });
    const eventuelt = await db.selectFrom('standard_items').select('id').where('title', '=', 'Eventuelt').executeTakeFirstOrThrow();
    await k.post(`/partnerships/${pid}/standard-items/${eventuelt.id}/delete`);
    const res = await k.post('/meetings', { partnership_id: String(pid), title: 'Workshop', kind: 'workshop', day: '2026-12-15', start_time: '09:00', end_time: '12:00', use_standard_items: 'on' });
    const id = Number(/\/meetings\/(\d+)/.exec(res.headers.location)![1]);
    expect(await agendaTitles(db, id)).toEqual(['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Næste møde', 'Runde: nyt fra parterne']);
  });

  it('bad input: 422, the choice kept, nothing stored', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const before = await countRows(db, 'meetings');
    const form = { partnership_id: String(await partnershipId(db)), title: '', kind: 'partnerskabsmoede', day: '2026-12-15', start_time: '14:00', end_time: '16:00' };
    const unticked = await k.post('/meetings', form);
    expect(unticked.status).toBe(422);
    expect(unticked.text).toMatch(/id="f-use_standard_items" name="use_standard_items" value="on">/);
    const ticked = await k.post('/meetings', { ...form, use_standard_items: 'on' });
    expect(ticked.text).toMatch(/id="f-use_standard_items" name="use_standard_items" value="on" checked>/);
    const odd = await k.post('/meetings', { ...form, title: 'Møde', use_standard_items: 'måske' });
    expect(odd.status).toBe(422);
    expect(fieldError(odd.text, 'use_standard_items')).toBe('Sæt eller fjern fluebenet');
    expect(await countRows(db, 'meetings')).toBe(before);
  });
});

describe('Planlæg næste møde', () => {
  it('proposes the same weekday and time four weeks later, lists what comes along', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await heldMeetingWithPostponedItem(db);
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.agent.get(`/meetings/${meetingId}`)).text).toContain(`href="/meetings/${meetingId}/plan-next">Planlæg næste møde</a>`);
    const res = await k.agent.get(`/meetings/${meetingId}/plan-next`);
    expect(res.status).toBe(200);
    expect(fieldValue(res.text, 'day')).toBe('2027-02-11');
    expect(fieldValue(res.text, 'start_time')).toBe('14:00');
    expect(fieldValue(res.text, 'end_time')).toBe('16:00');
    expect(fieldValue(res.text, 'place')).toBe('Uldum Kulturhus');
    expect(fieldValue(res.text, 'title')).toBe('Partnerskabsmøde januar');
    const text = unescapeHtml(res.text);
    expect(text).toContain('samme deltagere (2)');
    expect(text).toMatch(/Udsatte punkter, der flyttes med<\/h2>\s*<ul><li>Budget 2027<\/li><\/ul>/);
  });

  it('takes the weeks from the partnership’s cadence, and never proposes a day in the past', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await heldMeetingWithPostponedItem(db);
    await withoutAuditRule(db, () => db.updateTable('partnerships').set({ meeting_cadence: 'hver 6. uge' }).execute());
    const k = await signedIn(app, db, 'konsulent');
    expect(fieldValue((await k.agent.get(`/meetings/${meetingId}/plan-next`)).text, 'day')).toBe('2027-02-25');
    const old = await aMeeting(db, { day: '2026-10-01', kind: 'workshop' }); // a Thursday, 6 weeks later is still before today (24 November)
    expect(fieldValue((await k.agent.get(`/meetings/${old}/plan-next`)).text, 'day')).toBe('2026-12-24');
  });

  it('creates the next meeting: same people and roles, standard items, open actions, the postponed item with a link back', async () => {
    const { app, db } = await testApp();
    const { meetingId, budget, people } = await heldMeetingWithPostponedItem(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meetingId}/plan-next`, { title: 'Partnerskabsmøde februar', day: '2027-02-11', start_time: '14:00', end_time: '16:00', place: 'Uldum Kulturhus' });
    expect(res.status).toBe(303);
    const nextId = Number(/^\/meetings\/(\d+)$/.exec(res.headers.location)![1]);
    const next = await db.selectFrom('meetings').selectAll().where('id', '=', nextId).executeTakeFirstOrThrow();
    expect(next).toMatchObject({ title: 'Partnerskabsmøde februar', status: 'planlagt', starts_at: '2027-02-11T13:00:00.000Z', convener_id: people[0], chair_id: people[1], series_id: null });
    expect(await participantIds(db, nextId)).toEqual([...people].sort((a, b) => a - b));
    expect(await agendaTitles(db, nextId)).toEqual(['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Budget 2027', 'Eventuelt', 'Næste møde']);

    const copy = await db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', nextId).where('title', '=', 'Budget 2027').executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ postponed_from_item_id: budget, kind: 'beslutning', background: 'Forslag til fordeling af midlerne.', decision: '', postponed: 0 });
    const original = await db.selectFrom('agenda_items').selectAll().where('id', '=', budget).executeTakeFirstOrThrow();
    expect(original).toMatchObject({ meeting_id: meetingId, decision: 'Udsat', postponed: 1 });

    const page = await k.agent.get(`/meetings/${nextId}`);
    expect(flashes(page.text)).toContain('Næste møde er planlagt: 11. februar 2027.');
    expect(page.text).toContain(`<a href="/meetings/${meetingId}#punkt-${budget}">Udsat fra mødet 14. januar 2027, punkt 4</a>`);
    expect(unescapeHtml(page.text)).toContain('Send budgetudkast til FOA');
    const back = await k.agent.get(`/meetings/${meetingId}`);
    expect(back.text).toContain(`<a href="/meetings/${nextId}#punkt-${copy.id}">Udsat til mødet 11. februar 2027, punkt 4</a>`);
    // Everyone who may see the meetings sees the links (the read-only agenda).
    const reader = await signedIn(app, db, 'laeser');
    expect((await reader.agent.get(`/meetings/${nextId}`)).text).toContain('Udsat fra mødet 14. januar 2027, punkt 4');

    const audited = await auditOf(db, 'meeting', nextId);
    expect(audited).toHaveLength(1);
    expect(audited[0].user_id).toBe(k.userId);
    expect(JSON.parse((await auditOf(db, 'agenda_item', copy.id))[0].after!)).toMatchObject({ postponed_from_item_id: budget });

    // Planned once: the plan page now shows the next meeting, and a second POST is refused.
    const again = await k.post(`/meetings/${meetingId}/plan-next`, { title: 'Igen', day: '2027-02-18', start_time: '14:00', end_time: '16:00' });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`/meetings/${meetingId}/plan-next`);
    const shown = await k.agent.get(again.headers.location);
    expect(flashes(shown.text)).toContain('Næste møde er allerede planlagt (torsdag 11. februar 2027).');
    expect(shown.text).toContain(`<a href="/meetings/${nextId}">Partnerskabsmøde februar</a>`);
    expect(await countRows(db, 'meetings')).toBe(2);
  });

  it('bad input: 422 with the input kept and nothing stored', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await heldMeetingWithPostponedItem(db);
    const k = await signedIn(app, db, 'konsulent');
    const before = { meetings: await countRows(db, 'meetings'), items: await countRows(db, 'agenda_items'), audit: await countRows(db, 'audit_log') };
    const res = await k.post(`/meetings/${meetingId}/plan-next`, { title: 'Februarmødet', day: '2027-02-30', start_time: '16:00', end_time: '14:00', place: 'Skolen' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'day')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldError(res.text, 'end_time')).toBe('Sluttidspunktet skal ligge efter starttidspunktet');
    expect(fieldValue(res.text, 'title')).toBe('Februarmødet');
    expect(fieldValue(res.text, 'place')).toBe('Skolen');
    expect(fieldValue(res.text, 'day')).toBe('2027-02-30');
    expect({ meetings: await countRows(db, 'meetings'), items: await countRows(db, 'agenda_items'), audit: await countRows(db, 'audit_log') }).toEqual(before);
  });

  it.each(['repraesentant', 'laeser'] as const)('a %s may not plan (403) and sees no button', async (role) => {
    const { app, db } = await testApp();
    const { meetingId } = await heldMeetingWithPostponedItem(db);
    const u = await signedIn(app, db, role);
    expect((await u.agent.get(`/meetings/${meetingId}`)).text).not.toContain('Planlæg næste møde');
    expect((await u.agent.get(`/meetings/${meetingId}/plan-next`)).status).toBe(403);
    expect((await u.post(`/meetings/${meetingId}/plan-next`, { title: 'X', day: '2027-02-11', start_time: '14:00', end_time: '16:00' })).status).toBe(403);
    expect((await u.post(`/meetings/${meetingId}/move-postponed`)).status).toBe(403);
    expect(await countRows(db, 'meetings')).toBe(1);
  });

  it('unknown meetings are 404', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.agent.get('/meetings/999/plan-next')).status).toBe(404);
    expect((await k.post('/meetings/999/plan-next', { title: 'X', day: '2027-02-11', start_time: '14:00', end_time: '16:00' })).status).toBe(404);
    expect((await k.post('/meetings/999/move-postponed')).status).toBe(404);
    expect((await k.agent.get('/meetings/abc/plan-next')).status).toBe(404);
  });
});

describe('moving postponed items to a next meeting that exists', () => {
  it('puts them before the closing standard items, linked back, once', async () => {
    const { app, db } = await testApp();
    const { meetingId, budget } = await heldMeetingWithPostponedItem(db);
    const k = await signedIn(app, db, 'konsulent');
    const planned = await k.post(`/meetings/${meetingId}/plan-next`, { title: 'Februarmødet', day: '2027-02-11', start_time: '14:00', end_time: '16:00' });
    const nextId = Number(/(\d+)$/.exec(planned.headers.location)![1]);
    // Written into the minutes afterwards: "Skolens frivillige" was postponed too.
    const skolen = await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).where('title', '=', 'Skolens frivillige').executeTakeFirstOrThrow();
    await postpone(db, skolen.id);

    const page = await k.agent.get(`/meetings/${meetingId}/plan-next`);
    expect(unescapeHtml(page.text)).toContain('Et punkt fra dette møde er udsat og ikke flyttet endnu:');
    expect(page.text).toContain('<li>Skolens frivillige</li>');
    expect(page.text).not.toContain('<li>Budget 2027</li>');
    const res = await k.post(`/meetings/${meetingId}/move-postponed`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${nextId}#dagsorden`);
    expect(flashes((await k.agent.get(`/meetings/${nextId}`)).text)).toContain('Det udsatte punkt er flyttet til næste møde.');
    expect(await agendaTitles(db, nextId)).toEqual(['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Budget 2027', 'Skolens frivillige', 'Eventuelt', 'Næste møde']);
    const positions = (await db.selectFrom('agenda_items').select('position').where('meeting_id', '=', nextId).orderBy('position').execute()).map((r) => r.position);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await db.selectFrom('agenda_items').select('postponed_from_item_id').where('meeting_id', '=', nextId).where('title', '=', 'Skolens frivillige').executeTakeFirst()).toEqual({ postponed_from_item_id: skolen.id });
    expect(budget).toBeGreaterThan(0);

    // Nothing left to move: refused with a message, nothing changes.
    const items = await countRows(db, 'agenda_items');
    const again = await k.post(`/meetings/${meetingId}/move-postponed`);
    expect(again.headers.location).toBe(`/meetings/${meetingId}/plan-next`);
    expect(flashes((await k.agent.get(again.headers.location)).text)).toContain('Der er ingen udsatte punkter, som ikke allerede er flyttet.');
    expect(await countRows(db, 'agenda_items')).toBe(items);
  });

  it('without a next meeting there is nowhere to move them', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await heldMeetingWithPostponedItem(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${meetingId}/move-postponed`);
    expect(res.headers.location).toBe(`/meetings/${meetingId}/plan-next`);
    expect(flashes((await k.agent.get(res.headers.location)).text)).toContain('Der er intet planlagt næste møde at flytte punkterne til. Planlæg det først.');
  });
});

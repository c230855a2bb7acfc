// Meeting series: set up on the partnership (its cadence then describes it), planning its next
// meeting when one is held — at 14.00 Copenhagen time across both summer-time changes — the nth
// weekday at month ends, the end date and count, "Aflys denne", postponed items moved along, and
// the routes' 422, 403 and 404.
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { withoutAuditRule } from '../helpers/audit-rule';
import { auditOf, countRows } from '../helpers/db';
import { anAgendaItem, partnershipId, personId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, unescapeHtml } from '../helpers/html';

type Db = TestApp['db'];

const STANDARD = ['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Eventuelt', 'Næste møde'];

const seriesForm = (over: Record<string, string> = {}) => ({
  title: 'Partnerskabsmøde',
  kind: 'partnerskabsmoede',
  rule: 'weeks',
  interval_weeks: '6',
  nth: '',
  weekday: '2',
  start_time: '14:00',
  end_time: '16:00',
  place: 'Uldum Kulturhus',
  first_day: '2027-02-16',
  end_day: '',
  max_count: '',
  ...over,
});

async function seriesMeetings(db: Db) {
  return db.selectFrom('meetings').select(['id', 'starts_at', 'ends_at', 'status', 'series_id', 'title', 'place']).where('series_id', 'is not', null).orderBy('starts_at').execute();
}

async function setUp(k: SignedIn, db: Db, over: Record<string, string> = {}) {
  const pid = await partnershipId(db);
  const res = await k.post(`/meetings/series/${pid}`, seriesForm(over));
  expect(res.status).toBe(303);
  return pid;
}

async function hold(k: SignedIn, meetingId: number) {
  const res = await k.post(`/meetings/${meetingId}/held`, { confirm: '1' });
  expect(res.status).toBe(303);
}

async function cancel(k: SignedIn, meetingId: number) {
  const res = await k.post(`/meetings/${meetingId}/cancel`, { cancel_reason: 'For få kunne deltage' });
  expect(res.status).toBe(303);
}

describe('setting up a series', () => {
  it('describes the cadence in Danish and plans the first meeting with the standard items', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const pid = await partnershipId(db);
    const page = await k.agent.get(`/partnerships/${pid}`);
    expect(page.text).toContain(`<a href="/meetings/series/${pid}">Mødeserie</a>`);
    const form = await k.agent.get(`/meetings/series/${pid}`);
    expect(form.status).toBe(200);
    expect(fieldValue(form.text, 'start_time')).toBe('14:00');

    const res = await k.post(`/meetings/series/${pid}`, seriesForm());
    expect(res.headers.location).toBe(`/partnerships/${pid}`);
    const shown = unescapeHtml((await k.agent.get(`/partnerships/${pid}`)).text);
    expect(flashes(shown)).toContain('Mødeserien er gemt. Seriens næste møde er planlagt: 16. februar 2027.');
    expect(shown).toContain('<dt>Mødekadence</dt><dd>Hver 6. uge, tirsdag kl. 14.00–16.00');

    const [first] = await seriesMeetings(db);
    expect(first).toMatchObject({ starts_at: '2027-02-16T13:00:00.000Z', ends_at: '2027-02-16T15:00:00.000Z', status: 'planlagt', title: 'Partnerskabsmøde', place: 'Uldum Kulturhus' });
    const titles = (await db.selectFrom('agenda_items').select('title').where('meeting_id', '=', first.id).orderBy('position').execute()).map((r) => r.title);
    expect(titles).toEqual(STANDARD);
    // The partnership's representatives and conveners are invited, the consultant convenes.
    expect(await countRows(db, 'meeting_participants')).toBeGreaterThanOrEqual(8);
    const meeting = await db.selectFrom('meetings').select('convener_id').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(meeting.convener_id).toBe(await personId(db, 'Konsulent på Uldumprojektet'));

    const series = await db.selectFrom('meeting_series').selectAll().executeTakeFirstOrThrow();
    expect(await auditOf(db, 'meeting_series', series.id)).toHaveLength(1);
    expect((await auditOf(db, 'partnership', pid)).at(-1)!.user_id).toBe(k.userId);
    expect(await auditOf(db, 'meeting', first.id)).toHaveLength(1);
    expect(unescapeHtml((await k.agent.get(`/meetings/${first.id}`)).text)).toContain('Aflys denne');
  });

  it('takes in a planned meeting that falls on the series’ day instead of planning another', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const pid = await partnershipId(db);
    const made = await k.post('/meetings', { partnership_id: String(pid), title: 'Allerede planlagt', kind: 'partnerskabsmoede', day: '2027-02-16', start_time: '13:00', end_time: '15:00' });
    const id = Number(/(\d+)$/.exec(made.headers.location)![1]);
    await setUp(k, db);
    expect((await seriesMeetings(db)).map((m) => [m.id, m.title])).toEqual([[id, 'Allerede planlagt']]);
    expect(await countRows(db, 'meetings')).toBe(1);
    expect(flashes((await k.agent.get(`/partnerships/${pid}`)).text)).toContain('Mødeserien er gemt, og mødekadencen beskriver den nu.');
  });

  it('bad input: 422 with the input kept, nothing stored', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const pid = await partnershipId(db);
    const before = { series: await countRows(db, 'meeting_series'), meetings: await countRows(db, 'meetings'), audit: await countRows(db, 'audit_log') };
    const res = await k.post(`/meetings/series/${pid}`, seriesForm({ interval_weeks: '', end_day: '2027-06-01', max_count: '5', place: 'Skolen' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'interval_weeks')).toBe('Skriv, hvor mange uger der går mellem møderne');
    expect(fieldError(res.text, 'max_count')).toBe('Vælg enten en slutdato eller et antal møder, ikke begge');
    expect(fieldValue(res.text, 'place')).toBe('Skolen');
    const monthly = await k.post(`/meetings/series/${pid}`, seriesForm({ rule: 'monthly', nth: '5', weekday: '8', end_time: '13:00' }));
    expect(monthly.status).toBe(422);
    expect(fieldError(monthly.text, 'nth')).toBe('Vælg hvilken ugedag i måneden');
    expect(fieldError(monthly.text, 'weekday')).toBe('Vælg en ugedag');
    const early = await k.post(`/meetings/series/${pid}`, seriesForm({ end_day: '2027-01-01' }));
    expect(fieldError(early.text, 'end_day')).toBe('Slutdatoen skal ligge efter startdatoen');
    expect({ series: await countRows(db, 'meeting_series'), meetings: await countRows(db, 'meetings'), audit: await countRows(db, 'audit_log') }).toEqual(before);
    const p = await db.selectFrom('partnerships').select('meeting_cadence').where('id', '=', pid).executeTakeFirstOrThrow();
    expect(p.meeting_cadence).toBe('aftales nærmere');
  });

  it.each(['repraesentant', 'laeser'] as const)('a %s may not set up or remove a series (403)', async (role) => {
    const { app, db } = await testApp();
    const pid = await partnershipId(db);
    const u = await signedIn(app, db, role);
    expect((await u.agent.get(`/partnerships/${pid}`)).text).not.toContain(`/meetings/series/${pid}`);
    expect((await u.agent.get(`/meetings/series/${pid}`)).status).toBe(403);
    expect((await u.post(`/meetings/series/${pid}`, seriesForm())).status).toBe(403);
    expect((await u.post(`/meetings/series/${pid}/delete`)).status).toBe(403);
    expect(await countRows(db, 'meeting_series')).toBe(0);
  });

  it('unknown partnerships are 404, and removing a series there is none of', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const pid = await partnershipId(db);
    expect((await k.agent.get('/meetings/series/999')).status).toBe(404);
    expect((await k.post('/meetings/series/999', seriesForm())).status).toBe(404);
    expect((await k.agent.get(`/meetings/series/${pid}/delete`)).status).toBe(404);
    expect((await k.post(`/meetings/series/${pid}/delete`)).status).toBe(404);
  });

  it('changing the series rewrites the cadence; removing it keeps the meetings', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const pid = await setUp(k, db);
    await k.post(`/meetings/series/${pid}`, seriesForm({ rule: 'monthly', interval_weeks: '', nth: '2', weekday: '2' }));
    expect(await countRows(db, 'meeting_series')).toBe(1);
    expect((await seriesMeetings(db)).length).toBe(1); // the one planned stays; no second one
    const p = () => db.selectFrom('partnerships').select('meeting_cadence').where('id', '=', pid).executeTakeFirstOrThrow();
    expect((await p()).meeting_cadence).toBe('2. tirsdag i måneden kl. 14.00–16.00');

    expect(unescapeHtml((await k.agent.get(`/meetings/series/${pid}/delete`)).text)).toContain('Vil du fjerne mødeserien "2. tirsdag i måneden kl. 14.00–16.00"?');
    expect((await k.post(`/meetings/series/${pid}/delete`)).status).toBe(303);
    expect(await countRows(db, 'meeting_series')).toBe(0);
    expect(await countRows(db, 'meetings')).toBe(1);
    expect(await seriesMeetings(db)).toEqual([]);
    expect((await p()).meeting_cadence).toBe('aftales nærmere');
    expect((await auditOf(db, 'meeting_series')).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});

describe('a series plans its next meeting', () => {
  it('when one is held, at 14.00 local time across the start of summer time, with its participants', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await setUp(k, db);
    const [first] = await seriesMeetings(db);
    // Someone invited to this meeting only comes along to the next.
    const guest = await personId(db, 'Tom Bjerregaard');
    await withoutAuditRule(db, () => db.deleteFrom('meeting_participants').where('meeting_id', '=', first.id).where('person_id', '!=', guest).execute());
    await hold(k, first.id);
    const [, second] = await seriesMeetings(db);
    // 30 March 2027 is after the last Sunday of March: 14.00 is 12.00 UTC, not 13.00.
    expect(second).toMatchObject({ starts_at: '2027-03-30T12:00:00.000Z', ends_at: '2027-03-30T14:00:00.000Z', status: 'planlagt' });
    expect(await db.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', second.id).execute()).toEqual([{ person_id: guest }]);
    expect(unescapeHtml((await k.agent.get(`/meetings/${second.id}`)).text)).toContain('tirsdag 30. marts 2027 kl. 14.00–16.00');
  });

  it('across the end of summer time', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await setUp(k, db, { interval_weeks: '1', first_day: '2027-10-26' });
    const [first] = await seriesMeetings(db);
    expect(first.starts_at).toBe('2027-10-26T12:00:00.000Z');
    await hold(k, first.id);
    const [, second] = await seriesMeetings(db);
    // 2 November 2027 is after the last Sunday of October: 14.00 is 13.00 UTC again.
    expect(second.starts_at).toBe('2027-11-02T13:00:00.000Z');
  });

  it('the nth weekday of the month, at month ends', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await setUp(k, db, { rule: 'monthly', interval_weeks: '', nth: '-1', weekday: '5', first_day: '2027-01-01' });
    for (let i = 0; i < 3; i++) await hold(k, (await seriesMeetings(db)).at(-1)!.id);
    expect((await seriesMeetings(db)).map((m) => m.starts_at.slice(0, 10))).toEqual(['2027-01-29', '2027-02-26', '2027-03-26', '2027-04-30']);
    const pid = await partnershipId(db);
    expect((await db.selectFrom('partnerships').select('meeting_cadence').where('id', '=', pid).executeTakeFirstOrThrow()).meeting_cadence).toBe('Sidste fredag i måneden kl. 14.00–16.00');
  });

  it('not when a later meeting of the series is already planned', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await setUp(k, db);
    const [first] = await seriesMeetings(db);
    // Planned by hand from the first: the series' next day is proposed, and the meeting joins it.
    const form = await k.agent.get(`/meetings/${first.id}/plan-next`);
    expect(fieldValue(form.text, 'day')).toBe('2027-03-30');
    await k.post(`/meetings/${first.id}/plan-next`, { title: 'Partnerskabsmøde', day: '2027-03-30', start_time: '14:00', end_time: '16:00' });
    expect((await seriesMeetings(db)).length).toBe(2);
    await hold(k, first.id);
    expect((await seriesMeetings(db)).length).toBe(2);
  });

  it('stops at the end date', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await setUp(k, db, { end_day: '2027-03-30' });
    await hold(k, (await seriesMeetings(db))[0].id);
    await hold(k, (await seriesMeetings(db))[1].id); // 30 March, the last day
    expect((await seriesMeetings(db)).map((m) => m.status)).toEqual(['afholdt', 'afholdt']);
  });

  it('stops after the count; a cancelled meeting counts', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await setUp(k, db, { max_count: '3' });
    await hold(k, (await seriesMeetings(db))[0].id);
    await cancel(k, (await seriesMeetings(db))[1].id);
    await hold(k, (await seriesMeetings(db))[2].id);
    expect((await seriesMeetings(db)).map((m) => [m.starts_at.slice(0, 10), m.status])).toEqual([
      ['2027-02-16', 'afholdt'],
      ['2027-03-30', 'aflyst'],
      ['2027-05-11', 'afholdt'],
    ]);
  });

  it('"Aflys denne" cancels one meeting; the series plans the following one when it was the last planned', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await setUp(k, db);
    const [first] = await seriesMeetings(db);
    await cancel(k, first.id);
    let meetings = await seriesMeetings(db);
    expect(meetings.map((m) => [m.starts_at.slice(0, 10), m.status])).toEqual([
      ['2027-02-16', 'aflyst'],
      ['2027-03-30', 'planlagt'],
    ]);
    // Cancelling one that is not the last planned plans nothing more.
    await k.post(`/meetings/${meetings[1].id}/plan-next`, { title: 'Partnerskabsmøde', day: '2027-05-11', start_time: '14:00', end_time: '16:00' });
    await cancel(k, meetings[1].id);
    meetings = await seriesMeetings(db);
    expect(meetings.map((m) => m.status)).toEqual(['aflyst', 'aflyst', 'planlagt']);
  });

  it('moves the held meeting’s postponed items along, with the link back', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    await setUp(k, db);
    const [first] = await seriesMeetings(db);
    const item = await anAgendaItem(db, first.id, { title: 'Budget 2027', kind: 'beslutning' });
    await withoutAuditRule(db, () => db.updateTable('agenda_items').set({ postponed: 1, decision: 'Udsat' }).where('id', '=', item).execute());
    await hold(k, first.id);
    const [, second] = await seriesMeetings(db);
    const titles = (await db.selectFrom('agenda_items').select('title').where('meeting_id', '=', second.id).orderBy('position').execute()).map((r) => r.title);
    expect(titles).toEqual(['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Budget 2027', 'Eventuelt', 'Næste møde']);
    expect((await k.agent.get(`/meetings/${second.id}`)).text).toContain(`<a href="/meetings/${first.id}#punkt-${item}">Udsat fra mødet 16. februar 2027, punkt 6</a>`);

    // When that meeting is cancelled, the postponed item goes on to the next, still linked to where it was postponed.
    await cancel(k, second.id);
    const third = (await seriesMeetings(db))[2];
    const moved = await db.selectFrom('agenda_items').select(['title', 'postponed_from_item_id']).where('meeting_id', '=', third.id).where('title', '=', 'Budget 2027').execute();
    expect(moved).toEqual([{ title: 'Budget 2027', postponed_from_item_id: item }]);
  });
});

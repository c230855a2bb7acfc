// /meetings through HTTP: list with filters and paging, create, view, edit, cancel, hold,
// invitations and attendance, evaluation and comments.
import { signedIn } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { auditOf, countRows } from '../helpers/db';
import { aHeldMeeting, aMeeting, partnershipId, personId } from '../helpers/factories';
import { fieldError, fieldValue, flashes, pagerText, relHref, selectedValue, unescapeHtml } from '../helpers/html';
import { CONSULTANT_NAME } from '../../seeds/partnership';
import { withoutAuditRule } from '../helpers/audit-rule';

type Db = TestApp['db'];

async function meetingRow(db: Db, id: number) {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function participantIds(db: Db, meetingId: number): Promise<number[]> {
  const rows = await db.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', meetingId).orderBy('person_id').execute();
  return rows.map((r) => r.person_id);
}

/** A second partnership (no parties), for the partnership filter. */
async function anotherPartnership(db: Db): Promise<number> {
  const now = '2026-01-01T00:00:00.000Z';
  const row = { name: 'Vejle Kommune og 3F', purpose: '', project_area: 'Give', start_date: null, meeting_cadence: 'aftales nærmere', created_at: now, updated_at: now };
  return (await withoutAuditRule(db, () => db.insertInto('partnerships').values(row).returning('id').executeTakeFirstOrThrow())).id;
}

/** The titles in the order the list shows them. */
function listedTitles(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/meetings\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
}

describe('/meetings: the list', () => {
  it('shows upcoming meetings first (soonest first), then past meetings newest first', async () => {
    const { app, db } = await testApp(); // now: tuesday 24 November 2026, 11.00 in Copenhagen
    await aMeeting(db, { title: 'Afholdt i oktober', day: '2026-10-01' });
    await aMeeting(db, { title: 'Om tre uger', day: '2026-12-15' });
    await aMeeting(db, { title: 'I morges', day: '2026-11-24', start_time: '08:00', end_time: '09:00' });
    await aMeeting(db, { title: 'Senere i dag', day: '2026-11-24', start_time: '14:00' });
    await aMeeting(db, { title: 'Sidste uge', day: '2026-11-17' });
    await aMeeting(db, { title: 'Næste uge', day: '2026-11-30' });
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get('/meetings');
    expect(res.status).toBe(200);
    expect(listedTitles(res.text)).toEqual(['Senere i dag', 'Næste uge', 'Om tre uger', 'I morges', 'Sidste uge', 'Afholdt i oktober']);
    expect(res.text).toContain('tirsdag 24. november 2026 kl. 14.00–16.00');
    expect(res.text).not.toContain('href="/meetings/new"');
  });

  it('filters by partnership, kind, status and year, and keeps the filter in the form', async () => {
    const { app, db } = await testApp();
    const other = await anotherPartnership(db);
    await aMeeting(db, { title: 'Partnerskabsmøde december', day: '2026-12-01' });
    await aMeeting(db, { title: 'Workshop i Give', kind: 'workshop', partnership_id: other, day: '2026-12-02' });
    await aHeldMeeting(db, { title: 'Afholdt arbejdsgruppe', kind: 'arbejdsgruppe', day: '2026-11-02' });
    await aMeeting(db, { title: 'Nytårsmøde', kind: 'workshop', day: '2027-01-01', start_time: '00:30', end_time: '01:30' });
    await aMeeting(db, { title: 'Nytårsaften', kind: 'workshop', day: '2026-12-31', start_time: '23:00', end_time: '23:45' });
    const l = await signedIn(app, db, 'laeser');

    const byPartnership = await l.agent.get(`/meetings?partnership_id=${other}`);
    expect(listedTitles(byPartnership.text)).toEqual(['Workshop i Give']);
    expect(byPartnership.text).toContain(`<option value="${other}" selected>`);

    expect(listedTitles((await l.agent.get('/meetings?kind=arbejdsgruppe')).text)).toEqual(['Afholdt arbejdsgruppe']);
    expect(listedTitles((await l.agent.get('/meetings?status=afholdt')).text)).toEqual(['Afholdt arbejdsgruppe']);
    // The year is the Copenhagen year: 00.30 on 1 January 2027 is still 2026 in UTC.
    expect(listedTitles((await l.agent.get('/meetings?year=2027')).text)).toEqual(['Nytårsmøde']);
    expect(listedTitles((await l.agent.get('/meetings?year=2026&kind=workshop')).text)).toEqual(['Workshop i Give', 'Nytårsaften']);
    const none = await l.agent.get('/meetings?status=aflyst');
    expect(none.text).toContain('Ingen møder matcher filteret.');
    // A nonsense filter is ignored rather than failing.
    const nonsense = await l.agent.get('/meetings?kind=fest&year=abc&partnership_id=x');
    expect(nonsense.status).toBe(200);
    expect(listedTitles(nonsense.text)).toHaveLength(5);
  });

  it('shows 25 meetings a page, with links that keep the filter', async () => {
    const { app, db } = await testApp();
    for (let i = 1; i <= 30; i++) await aMeeting(db, { title: `Arbejdsgruppe ${String(i).padStart(2, '0')}`, kind: 'arbejdsgruppe', day: `2027-02-${String(i % 28 + 1).padStart(2, '0')}` });
    await aMeeting(db, { title: 'Et partnerskabsmøde' });
    const l = await signedIn(app, db, 'laeser');
    const first = await l.agent.get('/meetings?kind=arbejdsgruppe');
    expect(listedTitles(first.text)).toHaveLength(25);
    expect(pagerText(first.text)).toBe('Viser 1–25 af 30 · side 1 af 2');
    expect(relHref(first.text, 'next')).toBe('/meetings?kind=arbejdsgruppe&page=2');
    const second = await l.agent.get(relHref(first.text, 'next')!);
    expect(listedTitles(second.text)).toHaveLength(5);
    expect(pagerText(second.text)).toBe('Viser 26–30 af 30 · side 2 af 2');
    expect(second.text).not.toContain('Et partnerskabsmøde');
    const all = [...listedTitles(first.text), ...listedTitles(second.text)];
    expect(new Set(all).size).toBe(30);
  });
});

describe('/meetings/new and POST /meetings', () => {
  const validForm = async (db: Db, over: Record<string, string | string[]> = {}) => ({
    partnership_id: String(await partnershipId(db)),
    title: 'Partnerskabsmøde om frivillige',
    kind: 'partnerskabsmoede',
    day: '2026-12-08',
    start_time: '14:00',
    end_time: '16:00',
    place: 'Plejecentret i Uldum',
    convener_id: String(await personId(db, CONSULTANT_NAME)),
    chair_id: String(await personId(db, 'René G. Nielsen')),
    minute_taker_id: '',
    participant_ids: [String(await personId(db, 'Hanne M. Petersen')), String(await personId(db, 'René G. Nielsen'))],
    ...over,
  });

  it('proposes the representatives and the consultant as convener', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.agent.get('/meetings/new');
    expect(res.status).toBe(200);
    expect(selectedValue(res.text, 'convener_id')).toBe(String(await personId(db, CONSULTANT_NAME)));
    expect(fieldValue(res.text, 'start_time')).toBe('14:00');
    const hanne = await personId(db, 'Hanne M. Petersen');
    expect(res.text).toContain(`id="participant-${hanne}" name="participant_ids" value="${hanne}" checked`);
    const dennis = await personId(db, 'Dennis Kristensen'); // signatory, not a representative
    expect(res.text).not.toContain(`id="participant-${dennis}"`);
  });

  it('creates the meeting with its invitations, stores UTC and shows Copenhagen time', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const form = await validForm(db);
    const res = await k.post('/meetings', form);
    expect(res.status).toBe(303);
    const row = await db.selectFrom('meetings').selectAll().where('title', '=', 'Partnerskabsmøde om frivillige').executeTakeFirstOrThrow();
    expect(res.headers.location).toBe(`/meetings/${row.id}`);
    expect(row).toMatchObject({
      status: 'planlagt',
      kind: 'partnerskabsmoede',
      starts_at: '2026-12-08T13:00:00.000Z',
      ends_at: '2026-12-08T15:00:00.000Z',
      place: 'Plejecentret i Uldum',
      chair_id: Number(form.chair_id),
      minute_taker_id: null,
    });
    expect(await participantIds(db, row.id)).toEqual((form.participant_ids as string[]).map(Number).sort((a, b) => a - b));
    const page = await k.agent.get(res.headers.location);
    expect(flashes(page.text)).toContain('Mødet er oprettet.');
    expect(page.text).toContain('tirsdag 8. december 2026 kl. 14.00–16.00');
    const [entry] = await auditOf(db, 'meeting', row.id);
    expect(entry).toMatchObject({ action: 'create', user_id: k.userId });
  });

  it('lets an administrator create a meeting', async () => {
    const { app, db } = await testApp();
    const admin = await signedIn(app, db, 'admin');
    expect((await admin.post('/meetings', await validForm(db, { title: 'Adminmøde' }))).status).toBe(303);
    expect(await db.selectFrom('meetings').select('id').where('title', '=', 'Adminmøde').executeTakeFirst()).toBeDefined();
  });

  it('re-renders with 422, Danish messages beside the fields and the input kept; saves nothing', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const before = await Promise.all([countRows(db, 'meetings'), countRows(db, 'agenda_items'), countRows(db, 'meeting_participants'), countRows(db, 'audit_log')]);
    const form = await validForm(db, { title: '  ', day: '24-12-2026', start_time: '25:00', kind: 'fest', place: 'Uldum Kro' });
    const res = await k.post('/meetings', form);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Formularen indeholder fejl');
    expect(fieldError(res.text, 'title')).toBe('Skriv en titel på mødet');
    expect(fieldError(res.text, 'day')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldError(res.text, 'start_time')).toBe('Skriv tidspunktet som TT:MM, fx 14:00');
    expect(fieldError(res.text, 'kind')).toBe('Vælg en mødetype');
    expect(fieldError(res.text, 'place')).toBeUndefined();
    expect(fieldValue(res.text, 'place')).toBe('Uldum Kro');
    expect(fieldValue(res.text, 'day')).toBe('24-12-2026');
    expect(selectedValue(res.text, 'chair_id')).toBe(form.chair_id);
    for (const id of form.participant_ids as string[]) expect(res.text).toContain(`value="${id}" checked`);
    const after = await Promise.all([countRows(db, 'meetings'), countRows(db, 'agenda_items'), countRows(db, 'meeting_participants'), countRows(db, 'audit_log')]);
    expect(after).toEqual(before);
  });

  it('refuses an end before the start, and people or a partnership that do not exist, with 422', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const before = await countRows(db, 'meetings');
    const early = await k.post('/meetings', await validForm(db, { start_time: '16:00', end_time: '15:00' }));
    expect(early.status).toBe(422);
    expect(fieldError(early.text, 'end_time')).toBe('Sluttidspunktet skal ligge efter starttidspunktet');
    const chair = await k.post('/meetings', await validForm(db, { chair_id: '999999' }));
    expect(chair.status).toBe(422);
    expect(fieldError(chair.text, 'chair_id')).toBe('Vælg en person fra listen');
    const invited = await k.post('/meetings', await validForm(db, { participant_ids: ['999999'] }));
    expect(invited.status).toBe(422);
    expect(fieldError(invited.text, 'participant_ids')).toBe('Vælg deltagere fra listen');
    const partnership = await k.post('/meetings', await validForm(db, { partnership_id: '999999', title: 'Uden partnerskab' }));
    expect(partnership.status).toBe(422);
    expect(fieldError(partnership.text, 'partnership_id')).toBe('Vælg et partnerskab fra listen');
    expect(fieldValue(partnership.text, 'title')).toBe('Uden partnerskab');
    expect(await countRows(db, 'meetings')).toBe(before);
  });
});

describe('/meetings/:id and its edit form', () => {
  it('shows the meeting to a reader, with its facts and agenda', async () => {
    const { app, db } = await testApp();
    const rene = await personId(db, 'René G. Nielsen');
    const id = await aMeeting(db, { title: 'Status på samskabelse', place: 'Uldum Skole, lærerværelset', chair_id: rene });
    const l = await signedIn(app, db, 'laeser');
    const res = await l.agent.get(`/meetings/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Status på samskabelse</h1>');
    expect(res.text).toContain('Uldum Skole, lærerværelset');
    expect(res.text).toContain('<dt>Mødeleder</dt><dd>René G. Nielsen</dd>');
    expect(res.text).not.toContain(`/meetings/${id}/edit`);
  });

  it('escapes what users typed, on the meeting page and in the minutes', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db, { title: '<script>alert("x")</script> & Co', place: '<b>Kroen</b>' });
    const l = await signedIn(app, db, 'laeser');
    for (const path of [`/meetings/${id}`, `/meetings/${id}/minutes`, '/meetings']) {
      const res = await l.agent.get(path);
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co');
    }
    expect((await l.agent.get(`/meetings/${id}`)).text).toContain('&lt;b&gt;Kroen&lt;/b&gt;');
  });

  it('fills the edit form with the Copenhagen date and times and the invited people', async () => {
    const { app, db } = await testApp();
    const hanne = await personId(db, 'Hanne M. Petersen');
    const id = await aMeeting(db, { day: '2026-06-10', start_time: '09:30', end_time: '11:00', participant_ids: [hanne] });
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.agent.get(`/meetings/${id}/edit`);
    expect(res.status).toBe(200);
    expect(fieldValue(res.text, 'day')).toBe('2026-06-10');
    expect(fieldValue(res.text, 'start_time')).toBe('09:30');
    expect(fieldValue(res.text, 'end_time')).toBe('11:00');
    expect(res.text).toContain(`id="participant-${hanne}" name="participant_ids" value="${hanne}" checked`);
  });

  it('saves the edit: new time, and the invitations become exactly the people ticked', async () => {
    const { app, db } = await testApp();
    const hanne = await personId(db, 'Hanne M. Petersen');
    const rene = await personId(db, 'René G. Nielsen');
    const per = await personId(db, 'Per Lange');
    const id = await aMeeting(db, { title: 'Før', participant_ids: [hanne, rene] });
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${id}`, {
      partnership_id: String(await partnershipId(db)),
      title: 'Efter',
      kind: 'partnerskabsmoede',
      day: '2026-12-09',
      start_time: '09:00',
      end_time: '11:30',
      place: 'Rådhuset',
      participant_ids: [String(rene), String(per)],
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${id}`);
    expect(await meetingRow(db, id)).toMatchObject({ title: 'Efter', starts_at: '2026-12-09T08:00:00.000Z', ends_at: '2026-12-09T10:30:00.000Z', place: 'Rådhuset', sequence: 1 });
    expect(await participantIds(db, id)).toEqual([rene, per].sort((a, b) => a - b));
    expect(flashes((await k.agent.get(`/meetings/${id}`)).text)).toContain('Mødet er gemt.');
  });

  it('re-renders the edit with 422 and the input kept; changes nothing', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db, { title: 'Uændret' });
    const before = await meetingRow(db, id);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${id}`, {
      partnership_id: String(await partnershipId(db)),
      title: 'Ny titel',
      kind: 'partnerskabsmoede',
      day: '2026-02-30',
      start_time: '14:00',
      end_time: '16:00',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<h1>Redigér møde</h1>');
    expect(fieldError(res.text, 'day')).toBe('Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24');
    expect(fieldValue(res.text, 'title')).toBe('Ny titel');
    expect(await meetingRow(db, id)).toEqual(before);
  });
});

describe('cancel and hold', () => {
  it('cancels a planned meeting with a reason, shown on the page', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${id}/cancel`, { cancel_reason: 'For få kunne deltage' });
    expect(res.status).toBe(303);
    expect(await meetingRow(db, id)).toMatchObject({ status: 'aflyst', cancel_reason: 'For få kunne deltage', sequence: 1 });
    const page = await k.agent.get(`/meetings/${id}`);
    expect(flashes(page.text)).toContain('Mødet er aflyst.');
    expect(page.text).toContain('Aflyst</span> – For få kunne deltage');
  });

  it('asks for a reason with 422 and does not cancel', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${id}/cancel`, { cancel_reason: '   ' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Skriv en begrundelse for aflysningen.');
    expect(fieldError(res.text, 'cancel_reason')).toBe('Skriv, hvorfor mødet aflyses');
    expect((await meetingRow(db, id)).status).toBe('planlagt');
  });

  it('marks a meeting as held once; a held meeting cannot be cancelled or held again', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.post(`/meetings/${id}/held`, { confirm: '1' })).status).toBe(303);
    expect((await meetingRow(db, id)).status).toBe('afholdt');
    expect(flashes((await k.agent.get(`/meetings/${id}`)).text)).toContain('Mødet er markeret som afholdt.');

    const again = await k.post(`/meetings/${id}/held`);
    expect(again.headers.location).toBe(`/meetings/${id}`);
    expect(flashes((await k.agent.get(`/meetings/${id}`)).text)).toContain('Kun et planlagt møde kan markeres som afholdt.');
    await k.post(`/meetings/${id}/cancel`, { cancel_reason: 'For sent' });
    expect(flashes((await k.agent.get(`/meetings/${id}`)).text)).toContain('Kun et planlagt møde kan aflyses.');
    expect(await meetingRow(db, id)).toMatchObject({ status: 'afholdt', cancel_reason: null });
  });

  it('asks for confirmation before marking a meeting more than a day ahead as held', async () => {
    const { app, db } = await testApp(); // today is 24.11.2026
    const id = await aMeeting(db, { day: '2026-12-08' });
    const k = await signedIn(app, db, 'konsulent');
    const ask = await k.post(`/meetings/${id}/held`);
    expect(ask.status).toBe(200);
    expect(unescapeHtml(ask.text)).toContain('Mødet ligger tirsdag 8. december 2026 – er det rigtigt, at det er afholdt?');
    expect(ask.text).toMatch(new RegExp(`<form method="post" action="/meetings/${id}/held"[^>]*>[\\s\\S]*?<input type="hidden" name="confirm" value="1">[\\s\\S]*?<button type="submit">Ja, markér som afholdt</button>`));
    expect(ask.text).toContain(`<a href="/meetings/${id}">Nej, tilbage til mødet</a>`);
    expect((await meetingRow(db, id)).status).toBe('planlagt');

    expect((await k.post(`/meetings/${id}/held`, { confirm: '1' })).status).toBe(303);
    expect((await meetingRow(db, id)).status).toBe('afholdt');
  });

  it('marks a meeting of today or tomorrow as held without asking', async () => {
    const { app, db } = await testApp();
    const today = await aMeeting(db, { day: '2026-11-24' });
    const tomorrow = await aMeeting(db, { day: '2026-11-25', start_time: '09:00', end_time: '10:00' });
    const k = await signedIn(app, db, 'konsulent');
    for (const id of [today, tomorrow]) {
      expect((await k.post(`/meetings/${id}/held`)).status).toBe(303);
      expect((await meetingRow(db, id)).status).toBe('afholdt');
    }
  });
});

describe('invitations and attendance', () => {
  it('records attendance per participant (a value not offered: form-errors.test.ts)', async () => {
    const { app, db } = await testApp();
    const hanne = await personId(db, 'Hanne M. Petersen');
    const rene = await personId(db, 'René G. Nielsen');
    const per = await personId(db, 'Per Lange');
    const id = await aMeeting(db, { participant_ids: [hanne, rene, per] });
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${id}/attendance`, { [`attendance_${hanne}`]: 'deltog', [`attendance_${rene}`]: 'afbud', [`attendance_${per}`]: 'udeblev' });
    expect(res.status).toBe(303);
    const rows = await db.selectFrom('meeting_participants').select(['person_id', 'attendance']).where('meeting_id', '=', id).execute();
    expect(Object.fromEntries(rows.map((r) => [r.person_id, r.attendance]))).toEqual({ [hanne]: 'deltog', [rene]: 'afbud', [per]: 'udeblev' });
    expect(flashes((await k.agent.get(`/meetings/${id}`)).text)).toContain('Fremmødet er gemt.');
  });

  it('finds people to invite by name, invites one, and removes a participant', async () => {
    const { app, db } = await testApp();
    const hanne = await personId(db, 'Hanne M. Petersen');
    const tom = await personId(db, 'Tom Bjerregaard');
    const id = await aMeeting(db, { participant_ids: [hanne] });
    const k = await signedIn(app, db, 'konsulent');
    const search = await k.agent.get(`/meetings/${id}?invite_q=bjerre`);
    expect(search.text).toContain(`<input type="hidden" name="person_id" value="${tom}">`);
    expect(search.text).not.toContain(`<input type="hidden" name="person_id" value="${hanne}">`); // already invited

    expect((await k.post(`/meetings/${id}/participants`, { person_id: String(tom) })).status).toBe(303);
    expect(await participantIds(db, id)).toEqual([hanne, tom].sort((a, b) => a - b));
    expect((await meetingRow(db, id)).sequence).toBe(1);
    // Inviting twice changes nothing.
    await k.post(`/meetings/${id}/participants`, { person_id: String(tom) });
    expect(await countRows(db, 'meeting_participants')).toBe(2);

    expect((await k.post(`/meetings/${id}/participants/${hanne}/delete`)).status).toBe(303);
    expect(await participantIds(db, id)).toEqual([tom]);
    expect(flashes((await k.agent.get(`/meetings/${id}`)).text)).toContain('Deltageren er fjernet.');
    // Someone who is not invited cannot be removed.
    expect((await k.post(`/meetings/${id}/participants/${hanne}/delete`)).status).toBe(404);
  });
});

describe('evaluation', () => {
  it('saves the evaluation of a held meeting', async () => {
    const { app, db } = await testApp();
    const id = await aHeldMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${id}/evaluation`, { evaluation_value: '4', evaluation_led_to_action: 'on', evaluation_note: 'Godt møde' });
    expect(res.status).toBe(303);
    expect(await meetingRow(db, id)).toMatchObject({ evaluation_value: 4, evaluation_led_to_action: 1, evaluation_note: 'Godt møde' });
    const page = await k.agent.get(`/meetings/${id}`);
    expect(page.text).toContain('Værdi: <strong>4 af 5</strong> · Førte til handling: <strong>Ja</strong>');
  });

  it('refuses a value outside 1–5 with 422 and keeps the note', async () => {
    const { app, db } = await testApp();
    const id = await aHeldMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post(`/meetings/${id}/evaluation`, { evaluation_value: '7', evaluation_note: 'Hmm' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'evaluation_value')).toBe('Vælg en værdi fra 1 til 5');
    expect(fieldValue(res.text, 'evaluation_note')).toBe('Hmm');
    expect(await meetingRow(db, id)).toMatchObject({ evaluation_value: null, evaluation_note: '' });
  });

  it('does not evaluate a meeting that has not been held', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db);
    const k = await signedIn(app, db, 'konsulent');
    await k.post(`/meetings/${id}/evaluation`, { evaluation_value: '3' });
    expect(flashes((await k.agent.get(`/meetings/${id}`)).text)).toContain('Mødet kan evalueres, når det er markeret som afholdt.');
    expect((await meetingRow(db, id)).evaluation_value).toBeNull();
  });
});

describe('comments on a meeting', () => {
  it('lets a representative and the consultant comment; the comment shows with its author', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db);
    const hanne = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const k = await signedIn(app, db, 'konsulent');
    expect((await hanne.post(`/meetings/${id}/comments`, { body: 'Kan vi tage frivilligpolitikken med?' })).status).toBe(303);
    expect((await k.post(`/meetings/${id}/comments`, { body: 'Ja, som punkt 2.' })).status).toBe(303);
    const rows = await db.selectFrom('comments').selectAll().where('target_type', '=', 'meeting').where('target_id', '=', id).orderBy('id').execute();
    expect(rows.map((r) => [r.person_id, r.body])).toEqual([
      [hanne.personId, 'Kan vi tage frivilligpolitikken med?'],
      [k.personId, 'Ja, som punkt 2.'],
    ]);
    const page = await k.agent.get(`/meetings/${id}`);
    expect(page.text).toContain('<strong>Hanne M. Petersen</strong>, FOA');
    expect(page.text).toContain('Kan vi tage frivilligpolitikken med?');
  });

  it('refuses an empty comment with 422 beside the field; saves nothing', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db);
    const r = await signedIn(app, db, 'repraesentant');
    const res = await r.post(`/meetings/${id}/comments`, { body: '  ' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'body')).toBe('Skriv en kommentar');
    expect(await countRows(db, 'comments')).toBe(0);
  });

  it('does not offer the comment form to a reader', async () => {
    const { app, db } = await testApp();
    const id = await aMeeting(db);
    const l = await signedIn(app, db, 'laeser');
    const page = await l.agent.get(`/meetings/${id}`);
    expect(page.text).toContain('Kommentarer til mødet');
    expect(page.text).not.toContain(`action="/meetings/${id}/comments"`);
  });
});

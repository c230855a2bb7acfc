// Calendar invitations (/meetings/:id/invite.ics), parsed with ical.js as a calendar program would,
// plus the raw RFC 5545 rules a parser forgives: CRLF, folding at 75 octets, whole UTF-8 characters.
import ICAL from 'ical.js';
import { signedIn, type SignedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, anAgendaItem, aPerson, organisationId, partnershipId, personId } from '../helpers/factories';
import type { Db } from '../../server/db/database';
import type { MeetingForm } from '../../server/meetings/schemas';
import { escapeText, fold, meetingInvite, type CalendarMeeting } from '../../server/exports/ics';
import { ESCAPE, download, parseCalendar, unfold } from './fixture';

const prop = (c: ICAL.Component, name: string) => c.getFirstPropertyValue(name);
const sequence = (c: ICAL.Component) => Number(c.getFirstPropertyValue('sequence'));
const instant = (c: ICAL.Component, name: string) => {
  const t = c.getFirstPropertyValue(name) as ICAL.Time;
  expect(t.zone?.tzid).toBe('UTC');
  return t.toJSDate().toISOString();
};

/** A meeting with an organiser and attendees with e-mail, one without, and a short agenda. */
async function invitationMeeting(db: Db, over: Partial<MeetingForm> = {}) {
  const foa = await organisationId(db, 'FOA');
  const kommune = await organisationId(db, 'Hedensted Kommune');
  const aase = await aPerson(db, { name: 'Åse Ærbødig', email: 'aase@uldum.dk', organisation_id: kommune, position: 'konsulent' });
  const bent = await aPerson(db, { name: 'Bent Ølgaard', email: 'bent.oelgaard@foa.dk', organisation_id: foa });
  const hanne = await personId(db, 'Hanne M. Petersen'); // no e-mail on record
  const meetingId = await aMeeting(db, {
    title: 'Partnerskabsmøde om ældreplejen',
    day: '2026-06-10',
    start_time: '14:00',
    end_time: '16:00',
    place: 'Plejecentret i Uldum',
    convener_id: aase,
    participant_ids: [aase, bent, hanne],
    ...over,
  });
  await anAgendaItem(db, meetingId, { title: 'Frivillige på plejecentret', kind: 'beslutning' });
  await anAgendaItem(db, meetingId, { title: ESCAPE, kind: 'droeftelse' });
  return { meetingId, aase, bent, hanne };
}

async function invite(user: SignedIn, meetingId: number) {
  const res = await download(user.agent, `/meetings/${meetingId}/invite.ics`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
  return { raw: res.body, text: res.body.toString('utf8'), ...parseCalendar(res.body.toString('utf8')) };
}

/** The physical lines of a calendar file, as bytes, split on CRLF only. */
function physicalLines(raw: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = raw.indexOf('\r\n'); i >= 0; i = raw.indexOf('\r\n', start)) {
    lines.push(raw.subarray(start, i));
    start = i + 2;
  }
  expect(start).toBe(raw.length); // the file ends with CRLF
  return lines;
}

function expectRfc5545Lines(raw: Buffer) {
  const lines = physicalLines(raw);
  for (const line of lines) {
    expect(line.length).toBeLessThanOrEqual(75);
    expect(line.includes(0x0a) || line.includes(0x0d)).toBe(false); // no bare LF or CR
    expect(Buffer.from(line.toString('utf8'), 'utf8').equals(line)).toBe(true); // no UTF-8 character split across lines
  }
  return lines;
}

describe('/meetings/:id/invite.ics', () => {
  it('is published information (METHOD:PUBLISH) with a stable UID unique to the installation, in UTC', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const { meetingId } = await invitationMeeting(db);
    const first = await invite(user, meetingId);
    const second = await invite(user, meetingId);
    expect(prop(first.calendar, 'version')).toBe('2.0');
    expect(prop(first.calendar, 'method')).toBe('PUBLISH');
    expect(first.events).toHaveLength(1);
    const installation = (await db.selectFrom('app_settings').select('value').where('key', '=', 'installation_id').executeTakeFirstOrThrow()).value;
    expect(installation).toMatch(/^[0-9a-f-]{36}$/);
    expect(prop(first.event, 'uid')).toBe(`${installation}-moede-${meetingId}@uldum-samskabelse`);
    expect(prop(second.event, 'uid')).toBe(prop(first.event, 'uid'));
    expect(instant(first.event, 'dtstart')).toBe('2026-06-10T12:00:00.000Z'); // 14.00 summer time = UTC+2
    expect(instant(first.event, 'dtend')).toBe('2026-06-10T14:00:00.000Z');
    expect(unfold(first.text)).toContain('\r\nDTSTART:20260610T120000Z\r\n');
    expect(prop(first.event, 'status')).toBe('CONFIRMED');
    expect(prop(first.event, 'sequence')).toBe(0);
    expectRfc5545Lines(first.raw);
  });

  it('gives a winter meeting its UTC+1 instants', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const { meetingId } = await invitationMeeting(db, { day: '2026-12-08', start_time: '09:30', end_time: '11:45' });
    const { event } = await invite(user, meetingId);
    expect(instant(event, 'dtstart')).toBe('2026-12-08T08:30:00.000Z');
    expect(instant(event, 'dtend')).toBe('2026-12-08T10:45:00.000Z');
  });

  it('round-trips SUMMARY and LOCATION with æøå, markup, ";", "," and "\\", and lists the agenda in DESCRIPTION', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const title = `Møde på Ærø; budget, plan \\ ${ESCAPE}`;
    const place = 'Uldum Skole; lærerværelset, 1. sal\\bagved';
    const { meetingId } = await invitationMeeting(db, { title, place });
    const { event, text } = await invite(user, meetingId);
    expect(prop(event, 'summary')).toBe(title);
    expect(prop(event, 'location')).toBe(place);
    expect(unfold(text)).toContain('\r\nLOCATION:Uldum Skole\\; lærerværelset\\, 1. sal\\\\bagved\r\n');
    const description = prop(event, 'description') as string;
    expect(description.split('\n').slice(0, 4)).toEqual([
      'Dagsorden:',
      '1. Opfølgning fra sidste møde (Orientering)',
      '2. Frivillige på plejecentret (Beslutning)',
      `3. ${ESCAPE} (Drøftelse)`,
    ]);
    expect(description).toMatch(new RegExp(`/meetings/${meetingId}$`));
    expect(prop(event, 'url')).toMatch(new RegExp(`^https?://[^/]+/meetings/${meetingId}$`));
  });

  it('names the organiser with an address, and the invitees in the description, asking nobody to reply', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'repraesentant', { personName: 'René G. Nielsen' });
    const { meetingId } = await invitationMeeting(db);
    const { event } = await invite(user, meetingId);
    const organizer = event.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:aase@uldum.dk');
    expect(organizer.getParameter('cn')).toBe('Åse Ærbødig');
    expect(event.getAllProperties('attendee')).toHaveLength(0); // PUBLISH has no attendees (RFC 5546 §3.2.1)
    expect(prop(event, 'description')).toContain('Inviterede: Bent Ølgaard, Hanne M. Petersen, Åse Ærbødig');
  });

  it('leaves out the organiser without an address and an empty place, rather than writing them empty', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const { meetingId } = await invitationMeeting(db, { place: '', convener_id: await personId(db, 'Hanne M. Petersen') });
    const { event, text } = await invite(user, meetingId);
    expect(event.getFirstProperty('organizer')).toBeNull();
    expect(event.getFirstProperty('location')).toBeNull();
    expect(unfold(text)).not.toMatch(/\r\n[A-Z-]+:\r\n/); // no property without a value
  });

  it('gives a læser no contact data: no organiser or attendee addresses', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const { meetingId } = await invitationMeeting(db);
    const { event, text } = await invite(reader, meetingId);
    expect(event.getAllProperties('attendee')).toHaveLength(0);
    expect(event.getFirstProperty('organizer')).toBeNull();
    expect(unfold(text)).not.toMatch(/mailto:|aase@uldum\.dk|bent\.oelgaard@foa\.dk/);
    expect(prop(event, 'summary')).toBe('Partnerskabsmøde om ældreplejen');
  });

  it('raises SEQUENCE when the meeting is changed, keeping the UID', async () => {
    const { app, db } = await testApp();
    const consultant = await signedIn(app, db, 'konsulent');
    const { meetingId, aase, bent } = await invitationMeeting(db);
    const before = await invite(consultant, meetingId);
    const res = await consultant.post(`/meetings/${meetingId}`, {
      partnership_id: String(await partnershipId(db)),
      title: 'Partnerskabsmøde om ældreplejen (flyttet)',
      kind: 'partnerskabsmoede',
      day: '2026-06-11',
      start_time: '15:00',
      end_time: '16:30',
      place: 'Plejecentret i Uldum',
      convener_id: String(aase),
      chair_id: '',
      minute_taker_id: '',
      participant_ids: [String(aase), String(bent)],
    });
    expect(res.status).toBe(303);
    const after = await invite(consultant, meetingId);
    expect(prop(after.event, 'uid')).toBe(prop(before.event, 'uid'));
    expect(sequence(after.event)).toBeGreaterThan(sequence(before.event));
    expect(prop(after.event, 'summary')).toBe('Partnerskabsmøde om ældreplejen (flyttet)');
    expect(instant(after.event, 'dtstart')).toBe('2026-06-11T13:00:00.000Z');
    expect(prop(after.calendar, 'method')).toBe('PUBLISH');
  });

  it('publishes a cancelled meeting with STATUS:CANCELLED and a higher SEQUENCE under the same UID', async () => {
    const { app, db } = await testApp();
    const consultant = await signedIn(app, db, 'konsulent');
    const { meetingId } = await invitationMeeting(db);
    const before = await invite(consultant, meetingId);
    expect((await consultant.post(`/meetings/${meetingId}/cancel`, { cancel_reason: 'For få kunne deltage' })).status).toBe(303);
    const after = await invite(consultant, meetingId);
    expect(prop(after.calendar, 'method')).toBe('PUBLISH');
    expect(prop(after.event, 'status')).toBe('CANCELLED');
    expect(prop(after.event, 'uid')).toBe(prop(before.event, 'uid'));
    expect(sequence(after.event)).toBeGreaterThan(sequence(before.event));
  });

  it('folds long lines at 75 octets with CRLF, never inside an æ, ø or å, and unfolds to the same text', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    const title = ('Ærø-møde om ældrepleje på Åbjerg: æøå ÆØÅ – ' + ESCAPE + ' ').repeat(2).slice(0, 200).trim();
    const place = 'Lærerværelset på skolen i Uldum, bag gymnastiksalen; ved siden af børnehaven, Ågade 1'.repeat(2).slice(0, 200);
    const { meetingId } = await invitationMeeting(db, { title, place });
    for (let i = 0; i < 30; i++) await anAgendaItem(db, meetingId, { title: `Punkt om æøå-følsomme overskrifter nummer ${i} på Ærø og Fanø`, kind: 'orientering' });
    const { raw, event } = await invite(user, meetingId);
    const lines = expectRfc5545Lines(raw);
    expect(lines.some((l) => l[0] === 0x20)).toBe(true); // something was folded
    expect(prop(event, 'summary')).toBe(title);
    expect(prop(event, 'location')).toBe(place);
    expect((prop(event, 'description') as string).split('\n')).toContain('33. Punkt om æøå-følsomme overskrifter nummer 29 på Ærø og Fanø (Orientering)');
  });

  it('answers 404 for an unknown meeting', async () => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, 'konsulent');
    expect((await user.agent.get('/meetings/999999/invite.ics')).status).toBe(404);
    expect((await user.agent.get('/meetings/abc/invite.ics')).status).toBe(404);
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('Æblegrød: "fed" *x* <b>')).toBe('Æblegrød: "fed" *x* <b>');
  });

  it('leaves no control character that would break or smuggle a content line', () => {
    const out = escapeText('før\rSTATUS:CANCELLED\u0000\u0007\u001b efter\ttab');
    expect(out).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    expect(out).toContain('før');
    expect(out).toContain('efter\ttab'); // HTAB is allowed in TEXT
  });
});

describe('meetingInvite', () => {
  it('quotes names as parameter values with no double quote or control character left in them', () => {
    const meeting: CalendarMeeting = {
      id: 7,
      uid: 'test-moede-7@uldum-samskabelse',
      title: 'Møde',
      starts_at: '2026-06-10T12:00:00.000Z',
      ends_at: '2026-06-10T14:00:00.000Z',
      place: '',
      status: 'planlagt',
      sequence: 0,
      updated_at: '2026-06-01T08:00:00.000Z',
      url: 'https://uldum.example/meetings/7',
      agenda: [],
      organizer: { name: 'Åse "Chefen"\rÆrbødig', email: 'aase@uldum.dk' },
      attendees: [{ name: 'Bent\u000bØlgaard;ROLE=CHAIR', email: 'bent@foa.dk', attendance: 'deltog' }],
    };
    const text = meetingInvite(meeting, '2026-06-01T08:00:00.000Z', true);
    const { event } = parseCalendar(text);
    expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe('Åse  Chefen  Ærbødig');
    expect(event.getFirstPropertyValue('description')).toContain('Inviterede: BentØlgaard;ROLE=CHAIR');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
  });
});

describe('fold', () => {
  it('keeps a line of 75 octets whole and folds the 76th onto a continuation line', () => {
    expect(fold('x'.repeat(75))).toBe('x'.repeat(75));
    expect(fold('x'.repeat(76))).toBe('x'.repeat(75) + '\r\n x');
    const long = 'SUMMARY:' + 'a'.repeat(300);
    const parts = fold(long).split('\r\n');
    expect(parts[0]).toHaveLength(75);
    for (const p of parts.slice(1)) {
      expect(p.startsWith(' ')).toBe(true);
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    }
    expect(unfold(fold(long))).toBe(long);
  });

  it.each([
    ['æøå', 'SUMMARY:' + 'æøå'.repeat(60)],
    ['an odd offset', 'SUMMARY:x' + 'ÆØÅ'.repeat(60)],
    ['4-byte characters', 'SUMMARY:' + '🙂æ'.repeat(40)],
  ])('never splits a multi-byte character (%s)', (_name, line) => {
    const folded = fold(line);
    for (const part of folded.split('\r\n')) {
      const bytes = Buffer.from(part, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(line);
  });
});

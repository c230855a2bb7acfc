// Invitations by e-mail, read back from a real SMTP server: planned, moved, a person invited or
// taken off, cancelled. The .ics read with ical.js: METHOD, ORGANIZER, one ATTENDEE with RSVP,
// and the calendar feed's UID with a SEQUENCE that rises on every change of time or place.
import { signedIn, type SignedIn } from '../helpers/agent';
import { flashes } from '../helpers/html';
import { aPerson, organisationId, partnershipId, personId } from '../helpers/factories';
import type { Db } from '../../server/db/database';
import { APP_URL, calendarOf, mailApp, mailTo, pathOf, type MailApp } from './helpers';

async function people(db: Db) {
  const foa = await organisationId(db, 'FOA');
  const kommune = await organisationId(db, 'Hedensted Kommune');
  return {
    aase: await aPerson(db, { name: 'Åse Ærbødig', email: 'aase@uldum.dk', organisation_id: kommune, position: 'konsulent' }),
    bent: await aPerson(db, { name: 'Bent Ølgaard', email: 'bent.oelgaard@foa.dk', organisation_id: foa }),
    carl: await aPerson(db, { name: 'Carl Castor', email: 'carl@foa.dk', organisation_id: foa }),
    hanne: await personId(db, 'Hanne M. Petersen'), // no e-mail on record
  };
}

type People = Awaited<ReturnType<typeof people>>;

async function form(db: Db, p: People, over: Record<string, string | string[]> = {}) {
  return {
    partnership_id: String(await partnershipId(db)),
    title: 'Partnerskabsmøde om ældreplejen',
    kind: 'partnerskabsmoede',
    day: '2026-12-08',
    start_time: '14:00',
    end_time: '16:00',
    place: 'Plejecentret i Uldum',
    convener_id: String(p.aase),
    chair_id: '',
    minute_taker_id: '',
    participant_ids: [String(p.aase), String(p.bent), String(p.hanne)],
    ...over,
  };
}

async function planned(t: MailApp): Promise<{ k: SignedIn; p: People; meetingId: number; page: string }> {
  const k = await signedIn(t.app, t.db, 'konsulent');
  const p = await people(t.db);
  const res = await k.post('/meetings', await form(t.db, p));
  expect(res.status).toBe(303);
  const meetingId = Number(/\/meetings\/(\d+)/.exec(res.headers.location)![1]);
  const page = (await k.agent.get(res.headers.location)).text;
  return { k, p, meetingId, page };
}

describe('invitations by e-mail', () => {
  it('planning a meeting mails each participant with an address the invitation with its own .ics and reply links; the page names who has no e-mail', async () => {
    const t = await mailApp();
    const { k, meetingId, page } = await planned(t);
    expect(flashes(page)).toContain('1 af 3 modtagere har ingen e-mailadresse og får ikke besked: Hanne M. Petersen.');

    const mails = await t.deliver();
    expect(mails.map((m) => m.to).sort()).toEqual(['aase@uldum.dk', 'bent.oelgaard@foa.dk']);
    const bent = mailTo(mails, 'bent.oelgaard@foa.dk');
    expect(bent.subject).toBe('Invitation: Partnerskabsmøde om ældreplejen, 8. december 2026');
    expect(bent.text).toContain('Hej Bent Ølgaard,');
    expect(bent.text).toContain('Du er inviteret til mødet "Partnerskabsmøde om ældreplejen".');
    expect(bent.text).toContain('Tid: tirsdag 8. december 2026 kl. 14.00–16.00\nSted: Plejecentret i Uldum\nIndkaldt af: Åse Ærbødig');
    expect(bent.text).toContain(`Se mødet og dagsordenen:\n${APP_URL}/meetings/${meetingId}`);
    expect(bent.text).toContain(`Dine oplysninger og indstillinger: ${APP_URL}/profile`);
    expect(bent.text).toContain('Uldum Samskabelse');
    expect(bent.html).toContain('<html lang="da">');
    expect(bent.html).toContain(`<a href="${APP_URL}/meetings/${meetingId}">Se mødet og dagsordenen</a>`);

    // Personal links: each recipient's own, to the confirmation page.
    const replies = (text: string) => [...text.matchAll(/- (Jeg deltager|Jeg melder afbud): (\S+)/g)].map((m) => [m[1], m[2]]);
    const bentLinks = replies(bent.text);
    const aaseLinks = replies(mailTo(mails, 'aase@uldum.dk').text);
    expect(bentLinks.map((l) => l[0])).toEqual(['Jeg deltager', 'Jeg melder afbud']);
    expect(bentLinks[0][1]).toMatch(new RegExp(`^${APP_URL}/svar/${meetingId}\\.\\d+\\.[A-Za-z0-9_-]{43}/deltager$`));
    expect(bentLinks[1][1]).toMatch(/\/afbud$/);
    expect(aaseLinks[0][1]).not.toBe(bentLinks[0][1]);
    expect(bent.html).toContain(`<a href="${bentLinks[0][1]}">Jeg deltager</a>`);

    const ics = calendarOf(bent);
    expect(ics.method).toBe('REQUEST');
    expect(ics.organizer).toEqual({ value: 'mailto:aase@uldum.dk', cn: 'Åse Ærbødig' });
    expect(ics.attendees).toEqual([{ value: 'mailto:bent.oelgaard@foa.dk', cn: 'Bent Ølgaard', rsvp: 'TRUE' }]);
    expect(ics.sequence).toBe(0);
    expect(ics.start).toBe('2026-12-08T13:00:00.000Z');
    expect(ics.status).toBe('CONFIRMED');
    // The same UID as the downloaded file and the feed: the calendar has one event.
    const download = await k.agent.get(`/meetings/${meetingId}/invite.ics`);
    expect(ics.uid).toBe(/UID:(\S+)/.exec(download.text)![1]);
    expect(ics.uid).toMatch(new RegExp(`-moede-${meetingId}@uldum-samskabelse$`));
  });

  it('without a convener address the organiser is MAIL_FROM', async () => {
    const t = await mailApp();
    const k = await signedIn(t.app, t.db, 'konsulent');
    const p = await people(t.db);
    await k.post('/meetings', await form(t.db, p, { convener_id: String(p.hanne), participant_ids: [String(p.bent)] }));
    const [mail] = await t.deliver();
    expect(calendarOf(mail).organizer).toEqual({ value: 'mailto:noreply@uldum.example.dk', cn: 'Uldum Samskabelse' });
  });

  it('a new time or place goes to those invited with a higher SEQUENCE and the same UID; a person added gets an invitation, one taken off a CANCEL', async () => {
    const t = await mailApp();
    const { k, p, meetingId } = await planned(t);
    const first = calendarOf(mailTo(await t.deliver(), 'bent.oelgaard@foa.dk'));

    // Saved without a change of time or place, no one is mailed (the SEQUENCE still rises).
    expect((await k.post(`/meetings/${meetingId}`, await form(t.db, p))).status).toBe(303);
    expect(await t.deliver()).toEqual([]);

    const moved = await form(t.db, p, { start_time: '15:00', end_time: '17:00', place: 'Uldum Skole', participant_ids: [String(p.aase), String(p.bent), String(p.carl)] });
    expect((await k.post(`/meetings/${meetingId}`, moved)).status).toBe(303);
    const mails = await t.deliver();
    expect(mails.map((m) => `${m.to}: ${m.subject}`).sort()).toEqual([
      'aase@uldum.dk: Ændret mødetid eller sted: Partnerskabsmøde om ældreplejen, 8. december 2026',
      'bent.oelgaard@foa.dk: Ændret mødetid eller sted: Partnerskabsmøde om ældreplejen, 8. december 2026',
      'carl@foa.dk: Invitation: Partnerskabsmøde om ældreplejen, 8. december 2026',
    ]);
    const update = calendarOf(mailTo(mails, 'bent.oelgaard@foa.dk'));
    expect(update).toMatchObject({ method: 'REQUEST', uid: first.uid, start: '2026-12-08T14:00:00.000Z', location: 'Uldum Skole' });
    expect(update.sequence).toBeGreaterThan(first.sequence);
    expect(mailTo(mails, 'bent.oelgaard@foa.dk').text).toContain('Tid: tirsdag 8. december 2026 kl. 15.00–17.00\nSted: Uldum Skole');
    const feedSequence = Number(/SEQUENCE:(\d+)/.exec((await k.agent.get(`/meetings/${meetingId}/invite.ics`)).text)![1]);
    expect(update.sequence).toBe(feedSequence);

    // Carl taken off the list: his calendar is told to remove the event.
    expect((await k.post(`/meetings/${meetingId}/participants/${p.carl}/delete`)).status).toBe(303);
    const [removed] = await t.deliver();
    expect(removed.to).toBe('carl@foa.dk');
    expect(removed.subject).toBe('Du er ikke længere inviteret: Partnerskabsmøde om ældreplejen, 8. december 2026');
    const cancel = calendarOf(removed);
    expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: first.uid });
    expect(cancel.attendees.map((a) => a.value)).toEqual(['mailto:carl@foa.dk']);
    expect(cancel.sequence).toBeGreaterThan(update.sequence);
  });

  it('inviting one person from the meeting page mails only that person', async () => {
    const t = await mailApp();
    const { k, p, meetingId } = await planned(t);
    await t.deliver();
    expect((await k.post(`/meetings/${meetingId}/participants`, { person_id: String(p.carl) })).status).toBe(303);
    const mails = await t.deliver();
    expect(mails.map((m) => m.to)).toEqual(['carl@foa.dk']);
    expect(mails[0].subject).toBe('Invitation: Partnerskabsmøde om ældreplejen, 8. december 2026');
    expect(calendarOf(mails[0]).attendees).toEqual([{ value: 'mailto:carl@foa.dk', cn: 'Carl Castor', rsvp: 'TRUE' }]);
  });

  it('cancelling mails METHOD:CANCEL with STATUS:CANCELLED, the same UID and a higher SEQUENCE, and the reason', async () => {
    const t = await mailApp();
    const { k, meetingId } = await planned(t);
    const first = calendarOf(mailTo(await t.deliver(), 'bent.oelgaard@foa.dk'));
    const res = await k.post(`/meetings/${meetingId}/cancel`, { cancel_reason: 'For få kan komme' });
    expect(res.status).toBe(303);
    expect(flashes((await k.agent.get(res.headers.location)).text)).toContain('1 af 3 modtagere har ingen e-mailadresse og får ikke besked: Hanne M. Petersen.');
    const mails = await t.deliver();
    expect(mails.map((m) => m.to).sort()).toEqual(['aase@uldum.dk', 'bent.oelgaard@foa.dk']);
    const bent = mailTo(mails, 'bent.oelgaard@foa.dk');
    expect(bent.subject).toBe('Aflyst: Partnerskabsmøde om ældreplejen, 8. december 2026');
    expect(bent.text).toContain('Begrundelse: For få kan komme');
    expect(bent.text).not.toContain('/svar/');
    const cancel = calendarOf(bent);
    expect(cancel).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: first.uid });
    expect(cancel.organizer.value).toBe('mailto:aase@uldum.dk');
    expect(cancel.sequence).toBeGreaterThan(first.sequence);
    expect(pathOf(bent.links.find((l) => l.includes('/meetings/'))!)).toBe(`/meetings/${meetingId}`);
  });

  it('a meeting that has already ended is recorded without invitations', async () => {
    const t = await mailApp();
    const k = await signedIn(t.app, t.db, 'konsulent');
    const p = await people(t.db);
    expect((await k.post('/meetings', await form(t.db, p, { day: '2026-11-02' }))).status).toBe(303);
    expect(await t.deliver()).toEqual([]);
  });
});

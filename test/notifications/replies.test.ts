// The personal links in an invitation: GET shows a confirmation page and changes nothing (a mail
// program's link scanner must not register an afbud), POST records the answer in the meeting's
// attendance (afbud / tilmeldt), audited with no user; an expired, tampered or foreign link gets a
// clear Danish page (410 / 404) and changes nothing.
import request from 'supertest';
import { csrfFrom, signedIn } from '../helpers/agent';
import { auditOf } from '../helpers/db';
import { aPerson, organisationId, partnershipId } from '../helpers/factories';
import { createApp } from '../../server/app';
import { testConfig } from '../helpers/app';
import { mailApp, mailTo, pathOf, type MailApp } from './helpers';

async function invited(t: MailApp) {
  const k = await signedIn(t.app, t.db, 'konsulent');
  const foa = await organisationId(t.db, 'FOA');
  const bent = await aPerson(t.db, { name: 'Bent Ølgaard', email: 'bent@foa.dk', organisation_id: foa });
  const carl = await aPerson(t.db, { name: 'Carl Castor', email: 'carl@foa.dk', organisation_id: foa });
  const res = await k.post('/meetings', {
    partnership_id: String(await partnershipId(t.db)),
    title: 'Partnerskabsmøde',
    kind: 'partnerskabsmoede',
    day: '2026-12-08',
    start_time: '14:00',
    end_time: '16:00',
    place: 'Uldum Skole',
    convener_id: '',
    chair_id: '',
    minute_taker_id: '',
    participant_ids: [String(bent), String(carl)],
  });
  const meetingId = Number(/\/meetings\/(\d+)/.exec(res.headers.location)![1]);
  const mails = await t.deliver();
  const linksOf = (address: string) => {
    const text = mailTo(mails, address).text;
    return { yes: pathOf(/- Jeg deltager: (\S+)/.exec(text)![1]), no: pathOf(/- Jeg melder afbud: (\S+)/.exec(text)![1]) };
  };
  return { k, bent, carl, meetingId, links: linksOf('bent@foa.dk'), carlLinks: linksOf('carl@foa.dk') };
}

async function participant(t: MailApp, meetingId: number, personId: number) {
  return t.db.selectFrom('meeting_participants').select(['attendance', 'reply', 'replied_at']).where('meeting_id', '=', meetingId).where('person_id', '=', personId).executeTakeFirstOrThrow();
}

/** Opens the link as a browser without a session would, and presses the button. */
async function confirm(t: MailApp, path: string) {
  const browser = request.agent(t.app);
  const page = await browser.get(path);
  const res = await browser.post(path).type('form').send({ _csrf: csrfFrom(page.text) });
  return { page, res };
}

describe('reply links in an invitation', () => {
  it('GET shows what the answer will be and changes nothing; POST records the afbud, audited with no user', async () => {
    const t = await mailApp();
    const { bent, meetingId, links } = await invited(t);

    const scanned = await request(t.app).get(links.no);
    expect(scanned.status).toBe(200);
    expect(scanned.text).toContain('<h1>Jeg melder afbud</h1>');
    expect(scanned.text).toContain('Partnerskabsmøde');
    expect(scanned.text).toContain('tirsdag 8. december 2026 kl. 14.00–16.00');
    expect(scanned.text).toContain('Bent Ølgaard');
    expect(scanned.text).toContain('<button type="submit">Bekræft afbud</button>');
    expect(await request(t.app).head(links.no).then((r) => r.status)).toBe(200);
    expect(await participant(t, meetingId, bent)).toEqual({ attendance: 'inviteret', reply: null, replied_at: null });
    expect(await t.db.selectFrom('sessions').select('sid').execute()).toHaveLength(1); // only the konsulent's

    const { res } = await confirm(t, links.no);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Tak. Dit afbud er registreret.');
    expect(await participant(t, meetingId, bent)).toEqual({ attendance: 'afbud', reply: 'afbud', replied_at: t.clock.now().toISOString() });
    const [entry] = await auditOf(t.db, 'meeting_participant', `${meetingId}:${bent}`);
    expect(entry.user_id).toBeNull();
    expect(JSON.parse(entry.after!)).toMatchObject({ attendance: 'afbud', reply: 'afbud', svaret_af: { person_id: bent, navn: 'Bent Ølgaard', via: 'link i invitationen' } });

    // Without the page's CSRF token nothing is recorded.
    expect((await request(t.app).post(links.yes).type('form').send({})).status).toBe(403);
    expect((await participant(t, meetingId, bent)).reply).toBe('afbud');
  });

  it('"Jeg deltager" shows as tilmeldt on the meeting page and takes back an afbud', async () => {
    const t = await mailApp();
    const { k, bent, carl, meetingId, links, carlLinks } = await invited(t);
    await confirm(t, links.no);
    const { res } = await confirm(t, links.yes);
    expect(res.text).toContain('Tak. Du er tilmeldt mødet.');
    expect(await participant(t, meetingId, bent)).toMatchObject({ attendance: 'inviteret', reply: 'tilmeldt' });
    await confirm(t, carlLinks.no);

    const page = (await k.agent.get(`/meetings/${meetingId}`)).text;
    expect(page).toMatch(/Bent Ølgaard<\/a><\/td>\s*<td>FOA<\/td>\s*<td>Tilmeldt<\/td>/);
    expect(page).toMatch(/Carl Castor<\/a><\/td>\s*<td>FOA<\/td>\s*<td>Afbud<\/td>/);
    // A læser sees the answers in the attendance column.
    const laeser = await signedIn(t.app, t.db, 'laeser');
    const seen = (await laeser.agent.get(`/meetings/${meetingId}`)).text;
    expect(seen).toMatch(/Bent Ølgaard<\/a><\/td><td>FOA<\/td><td>Tilmeldt<\/td>/);
    expect(seen).toMatch(/Carl Castor<\/a><\/td><td>FOA<\/td><td>Afbud<\/td>/);
    expect((await participant(t, meetingId, carl)).attendance).toBe('afbud');
  });

  it('a tampered link, another person’s id with the same signature, or a link signed with another secret is 404 and changes nothing', async () => {
    const t = await mailApp();
    const { bent, carl, meetingId, links } = await invited(t);
    const token = links.no.split('/')[2];
    const [m, p, sig] = token.split('.');
    const flipped = `${m}.${p}.${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    for (const bad of [`/svar/${flipped}/afbud`, `/svar/${m}.${carl}.${sig}/afbud`, `/svar/${m}.${p}/afbud`, `/svar/${token}/maaske`, `/svar/${Number(m) + 1}.${p}.${sig}/afbud`]) {
      const res = await request(t.app).get(bad);
      expect(res.status).toBe(404);
      expect(res.text).toContain('Linket er ugyldigt');
    }
    const other = createApp({ db: t.db, config: { ...testConfig, sessionSecret: 'another-secret-another-secret-another-secret' }, clock: t.clock, log: () => undefined });
    expect((await request(other).get(links.no)).status).toBe(404);
    const browser = request.agent(t.app);
    const page = await browser.get(links.no);
    expect((await browser.post(`/svar/${flipped}/afbud`).type('form').send({ _csrf: csrfFrom(page.text) })).status).toBe(404);
    expect(await participant(t, meetingId, bent)).toMatchObject({ attendance: 'inviteret', reply: null });
    expect(await participant(t, meetingId, carl)).toMatchObject({ attendance: 'inviteret', reply: null });
  });

  it('after the meeting has ended the link has expired (410); a cancelled meeting or a person taken off the list too', async () => {
    const t = await mailApp();
    const { k, bent, carl, meetingId, links, carlLinks } = await invited(t);
    const browser = request.agent(t.app);
    const page = await browser.get(links.no);

    t.clock.set('2026-12-08T14:59:59.000Z'); // 15.59: the meeting is still on
    expect((await request(t.app).get(links.no)).status).toBe(200);
    t.clock.set('2026-12-08T15:00:00.000Z'); // 16.00: it has ended
    const expired = await request(t.app).get(links.no);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Linket er udløbet');
    expect(expired.text).toContain('Mødet er slut, så du kan ikke længere svare på invitationen.');
    expect((await browser.post(links.no).type('form').send({ _csrf: csrfFrom(page.text) })).status).toBe(410);
    expect(await participant(t, meetingId, bent)).toMatchObject({ attendance: 'inviteret', reply: null });

    t.clock.set('2026-11-25T10:00:00.000Z');
    await k.post(`/meetings/${meetingId}/participants/${carl}/delete`);
    const gone = await request(t.app).get(carlLinks.yes);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Du er ikke inviteret længere');
    await k.post(`/meetings/${meetingId}/cancel`, { cancel_reason: 'Aflyst' });
    const cancelled = await request(t.app).get(links.yes);
    expect(cancelled.status).toBe(410);
    expect(cancelled.text).toContain('Mødet er aflyst');
  });
});

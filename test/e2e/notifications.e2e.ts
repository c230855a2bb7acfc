// The meeting cycle reaches people by e-mail (issue 15) in real browsers, with a real SMTP server in
// the test process: the konsulent plans a meeting and the representatives' inboxes get the
// invitation (with its .ics); the konsulent holds it and sends the minutes for approval; each
// representative follows the link in their own message in their own signed-in browser and
// approves; the konsulent gets the "godkendt" message, whose link leads to the approved minutes.
// The server's mail worker delivers every 15 s by itself: the test waits for each message by
// recipient and subject (polling the inbox, never a fixed sleep).
import type { Page } from 'playwright-core';
import { startSmtp, type Received, type TestSmtp } from '../helpers/smtp';
import { createUserViaCli, navigate, newPage, signInAs, startServer, visit, type TestServer } from './helpers';

const PASSWORD = 'en-lang-adgangskode';
const CONSULTANT = { email: 'konsulent@uldum.test', password: PASSWORD, role: 'konsulent', person: 'Konsulent på Uldumprojektet' } as const;
const HANNE = { email: 'hanne@foa.test', password: PASSWORD, role: 'repraesentant', person: 'Hanne M. Petersen' } as const;
const RENE = { email: 'rene@hedensted.test', password: PASSWORD, role: 'repraesentant', person: 'René G. Nielsen' } as const;

const TITLE = 'Partnerskabsmøde om fælles måltider';
const LOCKED = 'Referatet er godkendt af alle parter og nu låst.';
/** The worker runs every 15 s; a message is there well within two runs. */
const MAIL_WAIT_MS = 40_000;

function isoDay(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(d);
}

function copenhagenTime(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' }).format(d);
}

/**
 * When the meeting starts: ahead, so it is invited to (one that has ended is not), and less than a
 * day ahead, so marking it held asks nothing (isFarAhead) — whatever the time of day the test runs.
 * Two hours from now, or 08:00 the next morning when that would end after midnight.
 */
function meetingStart(now: Date): Date {
  const soon = new Date(Math.ceil((now.getTime() + 2 * 60 * 60 * 1000) / 60_000) * 60_000);
  if (copenhagenTime(soon) < '22:00') return soon;
  let next = soon;
  while (copenhagenTime(next) !== '08:00') next = new Date(next.getTime() + 60_000);
  return next;
}
const START = meetingStart(new Date());
const END = new Date(START.getTime() + 60 * 60 * 1000);

/** The day as a subject line names the meeting's: "8. december 2026". */
function subjectDay(d: Date): string {
  return new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

function recipient(m: Received): string {
  const to = m.parsed.to;
  return to && !Array.isArray(to) ? (to.value[0]?.address ?? '') : '';
}

/** Waits until the SMTP server has received a message to `to` whose subject starts with `subject`. */
async function waitForMail(smtp: TestSmtp, to: string, subject: string): Promise<Received> {
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const found = smtp.received.find((m) => recipient(m) === to && (m.parsed.subject ?? '').startsWith(subject));
    if (found) return found;
    if (Date.now() > deadline) {
      const got = smtp.received.map((m) => `${recipient(m)}: ${m.parsed.subject}`).join('\n  ');
      throw new Error(`No message to ${to} starting "${subject}" within ${MAIL_WAIT_MS} ms; received:\n  ${got}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The absolute links in a message's text part. */
function links(m: Received): string[] {
  return (m.parsed.text ?? '').match(/https?:\/\/\S+/g) ?? [];
}

describe('the meeting cycle by e-mail', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({
      env: (baseUrl) => ({ SMTP_URL: smtp.url, MAIL_FROM: 'Uldum Samskabelse <noreply@uldum.test>', APP_URL: baseUrl }),
    });
    await Promise.all([CONSULTANT, HANNE, RENE].map((user) => createUserViaCli(server, user)));
  });
  afterAll(async () => {
    await smtp?.close();
  });

  test('invitation, minutes for approval followed from the message, and the konsulent told they are approved', async () => {
    expect(server.log()).toContain(`E-mail sendes via`);
    const day = subjectDay(START);

    // ---- The konsulent plans the meeting with the proposed representatives ----
    const page = await newPage(server);
    await signInAs(page, CONSULTANT.email, CONSULTANT.password);
    await visit(page, '/meetings/new');
    await page.getByLabel(/^Titel/).fill(TITLE);
    await page.getByLabel(/^Dato/).fill(isoDay(START));
    await page.getByLabel(/^Starttid/).fill(copenhagenTime(START));
    await page.getByLabel(/^Sluttid/).fill(copenhagenTime(END));
    await page.getByLabel('Sted', { exact: true }).fill('Plejecentret i Uldum, fælles stue');
    const invited = page.getByRole('group', { name: 'Inviterede' });
    for (const name of [HANNE.person, RENE.person]) expect(await invited.getByRole('checkbox', { name: new RegExp(name) }).isChecked()).toBe(true);
    await navigate(page, () => page.getByRole('button', { name: 'Opret møde' }).click());
    expect(pathOf(page)).toMatch(/^\/meetings\/\d+$/);
    const meetingPath = pathOf(page);

    // ---- Each representative's inbox gets the invitation, with the calendar event and the meeting's link ----
    for (const user of [HANNE, RENE]) {
      const invitation = await waitForMail(smtp, user.email, 'Invitation: ');
      expect(invitation.parsed.subject).toBe(`Invitation: ${TITLE}, ${day}`);
      expect(invitation.parsed.text).toContain(`Hej ${user.person}`);
      expect(invitation.parsed.text).toContain(`Du er inviteret til mødet "${TITLE}".`);
      expect(links(invitation)).toContain(`${server.baseUrl}${meetingPath}`);
      const ics = invitation.parsed.attachments.find((a) => a.filename === 'invitation.ics');
      expect(ics).toBeDefined();
      const calendar = ics!.content.toString('utf8');
      expect(calendar).toContain('METHOD:REQUEST');
      expect(calendar).toContain(TITLE);
    }

    // ---- Held; the konsulent writes the minutes and sends them for approval ----
    const participants = page.getByRole('region', { name: 'Deltagere' });
    for (const name of [HANNE.person, RENE.person, CONSULTANT.person]) {
      await participants.getByRole('group', { name: `Fremmøde for ${name}` }).getByRole('radio', { name: 'Deltog' }).check();
    }
    await navigate(page, () => participants.getByRole('button', { name: 'Gem fremmøde' }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Markér som afholdt' }).click());
    expect(await page.locator('.facts .status').innerText()).toBe('Afholdt');
    await navigate(page, () => page.getByRole('link', { name: 'Referat', exact: true }).click());
    await page.getByLabel('Indledning og øvrige bemærkninger').fill('Mødet blev holdt på plejecentret.');
    await navigate(page, () => page.getByRole('button', { name: 'Gem og send til godkendelse' }).click());
    // The konsulent is told who has no address (the other representatives of the seeded partnership, party by party).
    expect(await page.getByRole('status').allInnerTexts()).toEqual([
      'Referatet er gemt og sendt til godkendelse hos parterne.',
      '5 af 8 modtagere har ingen e-mailadresse og får ikke besked: Jesper Thyrring Møller, Peter Hüttel, Steen Dahl-Hansen, Per Lange og Tom Bjerregaard.',
    ]);

    // ---- Each representative follows the link in their own message and approves ----
    const minutesUrl = `${server.baseUrl}${meetingPath}/minutes`;
    const approvals = [
      { user: HANNE, party: 'FOA', said: 'Referatet er godkendt for din part.' },
      { user: RENE, party: 'Hedensted Kommune', said: LOCKED },
    ];
    for (const { user, party, said } of approvals) {
      const forApproval = await waitForMail(smtp, user.email, 'Referat til godkendelse: ');
      expect(forApproval.parsed.subject).toBe(`Referat til godkendelse: ${TITLE}, ${day}`);
      expect(forApproval.parsed.text).toContain(`Hej ${user.person}`);
      const link = links(forApproval).find((l) => l.includes('/minutes'));
      expect(link).toBe(minutesUrl);

      const representative = await newPage(server);
      await signInAs(representative, user.email, user.password);
      await visit(representative, link!);
      expect(pathOf(representative)).toBe(`${meetingPath}/minutes`);
      expect(await representative.getByRole('article', { name: 'Referat' }).innerText()).toContain('Mødet blev holdt på plejecentret.');
      expect(await representative.locator('.approval-box').innerText()).toContain(`${party}: afventer`);
      await navigate(representative, () => representative.getByRole('button', { name: `Godkend for ${party}` }).click());
      expect(pathOf(representative)).toBe(`${meetingPath}/minutes`);
      expect(await representative.getByRole('status').innerText()).toBe(said);
    }

    // ---- The konsulent (and every participant with an address) is told; the link leads to the approved minutes ----
    const approved = await waitForMail(smtp, CONSULTANT.email, 'Referatet er godkendt: ');
    expect(approved.parsed.subject).toBe(`Referatet er godkendt: ${TITLE}, ${day}`);
    expect(approved.parsed.text).toContain('er godkendt af alle parter (Hedensted Kommune, FOA) og er nu endeligt.');
    const approvedLink = links(approved).find((l) => l.includes('/minutes'));
    expect(approvedLink).toBe(minutesUrl);
    for (const user of [HANNE, RENE]) {
      expect((await waitForMail(smtp, user.email, 'Referatet er godkendt: ')).parsed.subject).toBe(`Referatet er godkendt: ${TITLE}, ${day}`);
    }
    await visit(page, approvedLink!);
    expect(pathOf(page)).toBe(`${meetingPath}/minutes`);
    expect(await page.getByRole('main').innerText()).toContain('Status: Godkendt');
    const record = await page.getByRole('article', { name: 'Referat' }).innerText();
    expect(record).toMatch(/FOA: godkendt af Hanne M\. Petersen/);
    expect(record).toMatch(/Hedensted Kommune: godkendt af René G\. Nielsen/);

    // Nothing was sent twice.
    const sent = smtp.received.map((m) => `${recipient(m)}: ${m.parsed.subject}`);
    expect(new Set(sent).size).toBe(sent.length);
  }, 180_000);
});

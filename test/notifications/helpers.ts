// An app that mails: APP_URL and MAIL_FROM set, a real SMTP server in the test process and the
// outbox delivered to it by the mail worker (run by the test, never by waiting), each message
// parsed back with mailparser; the calendar part read with ical.js.
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { testApp, TEST_NOW, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { withoutAuditRule } from '../helpers/audit-rule';
import { createMailWorker } from '../../server/mail/service';
import { smtpTransport } from '../../server/mail/transport';
import type { Db } from '../../server/db/database';

export const APP_URL = 'https://uldum.example.dk';
export const FROM = Object.freeze({ name: 'Uldum Samskabelse', address: 'noreply@uldum.example.dk' });

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
  /** The absolute links in the text part. */
  links: string[];
}

export type MailApp = TestApp & {
  smtp: TestSmtp;
  /** Runs the mail worker once and returns what the SMTP server received since the last call. */
  deliver(): Promise<Mail[]>;
};

const open: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

export async function mailApp(opts: { now?: string } = {}): Promise<MailApp> {
  const smtp = await startSmtp();
  open.push(smtp);
  const t = await testApp({ now: opts.now ?? TEST_NOW, config: { publicUrl: APP_URL, mailFrom: FROM } });
  const worker = createMailWorker({ db: t.db, clock: t.clock, from: FROM, transport: smtpTransport(smtp.url), log: () => undefined });
  return {
    ...t,
    smtp,
    async deliver() {
      await worker.runDueOnce();
      return smtp.received.splice(0).map(({ parsed }) => {
        const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address ?? '' : '';
        const text = parsed.text ?? '';
        return { to, subject: parsed.subject ?? '', text, html: typeof parsed.html === 'string' ? parsed.html : '', parsed, links: text.match(/https?:\/\/\S+/g) ?? [] };
      });
    },
  };
}

/** Gives a seeded or made person an e-mail address (set-up, not under test). */
export async function giveEmail(db: Db, name: string, email: string): Promise<number> {
  const person = await db.selectFrom('people').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  await withoutAuditRule(db, () => db.updateTable('people').set({ email }).where('id', '=', person.id).execute());
  return person.id;
}

export function mailTo(mails: Mail[], address: string): Mail {
  const found = mails.filter((m) => m.to === address);
  if (found.length !== 1) throw new Error(`expected one message to ${address}, got ${found.length}: ${mails.map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
  return found[0];
}

/** The calendar file attached to the message, read with ical.js. */
export function calendarOf(mail: Mail) {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error('no calendar part');
  const text = part.content.toString('utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const attendees = event.getAllProperties('attendee');
  return {
    text,
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    location: event.getFirstPropertyValue('location'),
    organizer: { value: event.getFirstPropertyValue('organizer'), cn: event.getFirstProperty('organizer')?.getParameter('cn') },
    attendees: attendees.map((a) => ({ value: a.getFirstValue(), cn: a.getParameter('cn'), rsvp: a.getParameter('rsvp') })),
  };
}

/** The path of a link in a message (to follow it on the test app). */
export function pathOf(link: string): string {
  const url = new URL(link);
  expect(url.origin).toBe(APP_URL);
  return url.pathname + url.search + url.hash;
}

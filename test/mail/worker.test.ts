// The outbox and its worker against a real SMTP server in this process; the worker is driven by
// calling runDueOnce with the test's clock, never by waiting.
import { freshDb, TEST_NOW } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { fixedClock } from '../../server/web/clock';
import type { Db } from '../../server/db/database';
import { appUrlOf, createMailWorker, enqueueMail, renderMail, startMailWorker, MAIL_NOT_CONFIGURED } from '../../server/mail/service';
import { smtpTransport, type MailTransport } from '../../server/mail/transport';
import { ABANDONED } from '../../server/mail/worker';
import { INVALID_ADDRESS } from '../../server/mail/message';
import { resendMail } from '../../server/mail/outbox';
import { testConfig } from '../helpers/app';
import { FROM, message, outboxRow, queue } from './helpers';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

let smtp: TestSmtp;
beforeEach(async () => {
  smtp = await startSmtp();
});
afterEach(async () => {
  await smtp.close();
});

async function setUp(transport?: MailTransport) {
  const { db } = await freshDb();
  const clock = fixedClock(TEST_NOW);
  const logged: string[] = [];
  const worker = createMailWorker({ db, clock, from: FROM, transport: transport ?? smtpTransport(smtp.url), log: (l) => logged.push(l) });
  return { db, clock, worker, logged };
}

async function statusOf(db: Db, id: number | null) {
  return (await outboxRow(db, id!)).status;
}

describe('the outbox', () => {
  it('delivers a queued message with its text, HTML, link and a Message-ID, and marks it sent', async () => {
    const { db, clock, worker } = await setUp();
    const body = renderMail('https://uldum.example.dk', {
      greeting: 'Hej Hanne',
      paragraphs: ['Referatet fra mødet 24. november er sendt til godkendelse.'],
      action: { label: 'Se referatet', href: '/meetings/7/minutes' },
    });
    const [id] = await queue(db, message(clock.now(), { ...body, kind: 'minutes_for_approval', to: { address: 'hanne@foa.example.dk', name: 'Hanne Ø. Petersen', personId: 1 } }));
    expect(await statusOf(db, id)).toBe('queued');

    expect(await worker.runDueOnce()).toEqual({ sent: 1, retried: 0, failed: 0, abandoned: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0].parsed;
    expect(mail.subject).toBe('Referatet er klar til godkendelse');
    expect(mail.from?.value).toEqual([{ name: 'Uldum Samskabelse', address: 'noreply@uldum.example.dk' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : null).toEqual([{ name: 'Hanne Ø. Petersen', address: 'hanne@foa.example.dk' }]);
    expect(mail.text).toContain('Referatet fra mødet 24. november er sendt til godkendelse.');
    expect(mail.text).toContain('Se referatet:\nhttps://uldum.example.dk/meetings/7/minutes');
    expect(mail.text).toContain('Dine oplysninger og indstillinger: https://uldum.example.dk/profile');
    expect(mail.html).toContain('<a href="https://uldum.example.dk/meetings/7/minutes">Se referatet</a>');
    expect(mail.html).toContain('<html lang="da">');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const row = await outboxRow(db, id!);
    expect(mail.messageId).toBe(row.message_id);
    expect(row.message_id).toMatch(new RegExp(`^<${id}\\.[A-Za-z0-9_-]{16}@uldum\\.example\\.dk>$`));
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sent_at: TEST_NOW, last_error: null });

    // Nothing is sent twice.
    expect(await worker.runDueOnce()).toEqual({ sent: 0, retried: 0, failed: 0, abandoned: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('queues one message per recipient, and nothing when the change is rolled back', async () => {
    const { db, clock, worker } = await setUp();
    const ids = await queue(
      db,
      message(clock.now(), { to: { address: 'a@foa.example.dk', name: 'A' } }),
      message(clock.now(), { to: { address: 'b@hedensted.example.dk', name: 'B' } }),
      message(clock.now(), { to: { address: null, name: 'Uden e-mail' } }),
    );
    expect(ids[2]).toBeNull(); // no address: nothing queued, the caller can say so
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueMail(trx, message(clock.now(), { to: { address: 'c@foa.example.dk' } }));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.selectFrom('outbox').select('to_address').orderBy('id').execute()).toEqual([{ to_address: 'a@foa.example.dk' }, { to_address: 'b@hedensted.example.dk' }]);

    await worker.runDueOnce();
    expect(smtp.received.map((r) => r.envelopeTo)).toEqual([['a@foa.example.dk'], ['b@hedensted.example.dk']]);
  });

  it('keeps a message queued while the SMTP server is down, retrying after 1, 5, 30 minutes and 2 hours, then every 6 hours for two days, then fails it', async () => {
    const { db, clock, worker } = await setUp();
    await smtp.down();
    const [id] = await queue(db, message(clock.now()));
    const start = clock.now().getTime();
    const attemptsAt: number[] = [];
    for (let i = 0; i < 20; i++) {
      const before = await outboxRow(db, id!);
      if (before.status !== 'queued') break;
      clock.set(before.next_attempt_at!);
      // A moment before it is due, nothing is tried.
      clock.advance(-1);
      expect(await worker.runDueOnce()).toEqual({ sent: 0, retried: 0, failed: 0, abandoned: 0 });
      clock.advance(1);
      await worker.runDueOnce();
      attemptsAt.push(clock.now().getTime() - start);
    }
    const h = (hours: number, minutes = 0) => hours * HOUR + minutes * MINUTE;
    expect(attemptsAt).toEqual([0, h(0, 1), h(0, 6), h(0, 36), h(2, 36), h(8, 36), h(14, 36), h(20, 36), h(26, 36), h(32, 36), h(38, 36), h(44, 36)]);
    const row = await outboxRow(db, id!);
    expect(row).toMatchObject({ status: 'failed', attempts: 12, next_attempt_at: null, first_attempt_at: TEST_NOW });
    expect(row.last_error).toMatch(/ECONNECTION|ECONNREFUSED/);
    expect(smtp.received).toHaveLength(0);
  });

  it('delivers once the server is up again, with the Message-ID it had from the first attempt', async () => {
    const { db, clock, worker } = await setUp();
    await smtp.down();
    const [id] = await queue(db, message(clock.now()));
    expect(await worker.runDueOnce()).toMatchObject({ retried: 1 });
    const messageId = (await outboxRow(db, id!)).message_id;
    clock.advance(MINUTE);
    expect(await worker.runDueOnce()).toMatchObject({ retried: 1 });
    await smtp.up();
    clock.advance(4 * MINUTE);
    expect(await worker.runDueOnce()).toMatchObject({ sent: 0 }); // not due until 5 minutes after the 2nd attempt
    clock.advance(MINUTE);
    expect(await worker.runDueOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].parsed.messageId).toBe(messageId);
    expect(await outboxRow(db, id!)).toMatchObject({ status: 'sent', attempts: 3, message_id: messageId });
  });

  it('fails a message the server refuses (5xx) at once, and still sends the others', async () => {
    const { db, clock, worker } = await setUp();
    smtp.mode = 'refuse';
    const [refused] = await queue(db, message(clock.now()));
    expect(await worker.runDueOnce()).toMatchObject({ failed: 1, retried: 0 });
    const row = await outboxRow(db, refused!);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(row.last_error).toMatch(/^550 /);

    smtp.mode = 'accept';
    const [bad, good] = await queue(db, message(clock.now(), { to: { address: 'ikke en adresse' } }), message(clock.now(), { to: { address: 'b@foa.example.dk' } }));
    expect(await outboxRow(db, bad!)).toMatchObject({ status: 'failed', attempts: 0, last_error: INVALID_ADDRESS });
    expect(await worker.runDueOnce()).toMatchObject({ sent: 1 });
    expect(await statusOf(db, good)).toBe('sent');
    expect(smtp.received.map((r) => r.envelopeTo)).toEqual([['b@foa.example.dk']]);
  });

  it('tries again when the server drops the connection in the middle of the message', async () => {
    const { db, clock, worker } = await setUp();
    smtp.mode = 'drop';
    const [id] = await queue(db, message(clock.now(), { text: 'x'.repeat(200_000) }));
    expect(await worker.runDueOnce()).toMatchObject({ retried: 1 });
    expect(await outboxRow(db, id!)).toMatchObject({ status: 'queued', attempts: 1 });
    smtp.mode = 'accept';
    clock.advance(MINUTE);
    expect(await worker.runDueOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('never sends twice: a message claimed by a process that died is marked failed, not sent again after a restart', async () => {
    const { db, clock } = await setUp();
    const [id] = await queue(db, message(clock.now()));
    // The first process claims the message and dies while sending (its send never returns).
    let claimed!: () => void;
    const wasClaimed = new Promise<void>((resolve) => (claimed = resolve));
    const dying = createMailWorker({ db, clock, from: FROM, transport: { send: () => (claimed(), new Promise<void>(() => undefined)) }, log: () => undefined });
    void dying.runDueOnce();
    await wasClaimed;
    expect(await outboxRow(db, id!)).toMatchObject({ status: 'sending', claimed_at: TEST_NOW, attempts: 1 });

    // The restarted process leaves it alone …
    const logged: string[] = [];
    const restarted = createMailWorker({ db, clock, from: FROM, transport: smtpTransport(smtp.url), log: (l) => logged.push(l) });
    clock.advance(5 * MINUTE);
    expect(await restarted.runDueOnce()).toEqual({ sent: 0, retried: 0, failed: 0, abandoned: 0 });
    // … and once the claim is too old to be on its way, marks it failed for an administrator.
    clock.advance(11 * MINUTE);
    expect(await restarted.runDueOnce()).toEqual({ sent: 0, retried: 0, failed: 0, abandoned: 1 });
    expect(await outboxRow(db, id!)).toMatchObject({ status: 'failed', last_error: ABANDONED });
    expect(logged.join('\n')).toContain('/admin/outbox');
    expect(smtp.received).toHaveLength(0);

    // The administrator sends it again: a new message with its own Message-ID.
    const again = await resendMail(db, id!, { userId: null }, clock.now());
    expect(await restarted.runDueOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].parsed.messageId).toBe((await outboxRow(db, again)).message_id);
    expect((await outboxRow(db, again)).message_id).not.toBe((await outboxRow(db, id!)).message_id);
  });

  it('lets only one of two workers claim a message', async () => {
    const { db, clock, worker } = await setUp();
    const other = createMailWorker({ db, clock, from: FROM, transport: smtpTransport(smtp.url), log: () => undefined });
    await queue(db, message(clock.now()), message(clock.now(), { to: { address: 'b@foa.example.dk' } }));
    const results = await Promise.all([worker.runDueOnce(), other.runDueOnce()]);
    expect(results[0].sent + results[1].sent).toBe(2);
    expect(smtp.received.map((r) => r.envelopeTo[0]).sort()).toEqual(['b@foa.example.dk', 'hanne@foa.example.dk']);
  });

  it('keeps CR/LF out of the headers and encodes non-ASCII names and long subjects without splitting them', async () => {
    const { db, clock, worker } = await setUp();
    const subject = `Mødeindkaldelse: ${'Æblegrød og rødgrødsmøde '.repeat(8)}\r\nBcc: offer@angriber.example`;
    const [id] = await queue(
      db,
      message(clock.now(), { subject, to: { address: 'hanne@foa.example.dk', name: 'Hanne "Ø"\r\nBcc: offer@angriber.example' } }),
    );
    const stored = await outboxRow(db, id!);
    expect(stored.subject).not.toMatch(/[\r\n]/);
    expect(stored.to_name).toBe('Hanne "Ø" Bcc: offer@angriber.example');
    await worker.runDueOnce();
    expect(smtp.received).toHaveLength(1);
    const { raw, parsed, envelopeTo } = smtp.received[0];
    expect(envelopeTo).toEqual(['hanne@foa.example.dk']);
    expect(parsed.bcc).toBeUndefined();
    expect(raw).not.toMatch(/^bcc:/im);
    expect(parsed.subject).toBe((await outboxRow(db, id!)).subject);
    expect(parsed.subject).toMatch(/^Mødeindkaldelse: Æblegrød og rødgrødsmøde .* Bcc: offer@angriber\.example$/);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0] : null).toEqual({ name: 'Hanne "Ø" Bcc: offer@angriber.example', address: 'hanne@foa.example.dk' });
    const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)![1];
    expect(header).toMatch(/=\?UTF-8\?[QB]\?/); // encoded words, folded over several lines of one header
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
  });

  it('sends attachments, and a calendar event as the text/calendar part with its METHOD', async () => {
    const { db, clock, worker } = await setUp();
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    const pdf = Buffer.from('%PDF-1.4 æøå \x00\x01\x02', 'latin1');
    await queue(
      db,
      message(clock.now(), {
        attachments: [
          { filename: 'møde.ics', contentType: 'text/calendar', content: ics, icalMethod: 'REQUEST' },
          { filename: 'Dagsorden å.pdf', contentType: 'application/pdf', content: pdf },
        ],
      }),
    );
    await worker.runDueOnce();
    const parsed = smtp.received[0].parsed;
    const byName = Object.fromEntries(parsed.attachments.map((a) => [a.filename ?? a.contentType, a]));
    expect(byName['Dagsorden å.pdf'].content.equals(pdf)).toBe(true);
    expect(parsed.attachments.some((a) => a.contentType === 'text/calendar' && a.content.toString() === ics)).toBe(true);
    expect(smtp.received[0].raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
  });

  it('says once at start that mail is not configured, and leaves the messages queued', async () => {
    const { db } = await freshDb();
    const clock = fixedClock(TEST_NOW);
    const logged: string[] = [];
    const [id] = await queue(db, message(clock.now()));
    expect(startMailWorker({ db, config: testConfig, clock, log: (l) => logged.push(l) })).toBeNull();
    expect(logged).toEqual([MAIL_NOT_CONFIGURED]);
    expect(await statusOf(db, id)).toBe('queued');
    expect(appUrlOf(testConfig)).toBe('http://localhost:0');
  });

  it('starts the worker with SMTP_URL and MAIL_FROM, and sends what is due', async () => {
    const { db } = await freshDb();
    const clock = fixedClock(TEST_NOW);
    const logged: string[] = [];
    const [id] = await queue(db, message(clock.now()));
    const worker = startMailWorker({ db, config: { ...testConfig, smtpUrl: smtp.url, mailFrom: FROM }, clock, log: (l) => logged.push(l) });
    await worker!.stop(); // waits for the first run, which start() began at once
    expect(logged).toEqual([`E-mail sendes via smtp://127.0.0.1:${smtp.port} fra noreply@uldum.example.dk.`]);
    expect(await statusOf(db, id)).toBe('sent');
  });
});

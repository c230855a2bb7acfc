// The accounts-by-e-mail tests' common ground: an app whose links point at APP_URL, a real SMTP
// server, and a worker to deliver the outbox when the test says so.
import request from 'supertest';
import { csrfFrom } from '../helpers/agent';
import { testApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createMailWorker } from '../../server/mail/service';
import { smtpTransport } from '../../server/mail/transport';
import type { ParsedMail } from 'mailparser';

export const APP_URL = 'https://uldum.example.dk';
export const FROM = { name: 'Uldum Samskabelse', address: 'noreply@uldum.example.dk' };

export interface MailTest extends TestApp {
  smtp: TestSmtp;
  /** Runs the worker once and returns what the SMTP server received in that run. */
  deliver(): Promise<ParsedMail[]>;
}

export async function mailTest(config: Parameters<typeof testApp>[0] = {}): Promise<MailTest> {
  const smtp = await startSmtp();
  const t = await testApp({ ...config, config: { publicUrl: APP_URL, smtpUrl: smtp.url, mailFrom: FROM, ...config.config } });
  const worker = createMailWorker({ db: t.db, clock: t.clock, from: FROM, transport: smtpTransport(smtp.url), log: () => undefined });
  return {
    ...t,
    smtp,
    async deliver() {
      const before = smtp.received.length;
      await worker.runDueOnce();
      return smtp.received.slice(before).map((r) => r.parsed);
    },
  };
}

/** The path of the first link to `prefix` in a message's text (the link's host is APP_URL). */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const m = new RegExp(`${APP_URL.replace(/\./g, '\\.')}(${prefix}[A-Za-z0-9_-]{43})`).exec(mail.text ?? '');
  if (!m) throw new Error(`no ${prefix} link in: ${mail.text}`);
  return m[1];
}

/** A browser without a session that has fetched `page` (for its CSRF token). */
export async function browserAt(app: TestApp['app'], page: string) {
  const agent = request.agent(app);
  const res = await agent.get(page);
  const csrf = csrfFrom(res.text);
  return { agent, page: res, post: (url: string, form: Record<string, string> = {}) => agent.post(url).type('form').send({ _csrf: csrf, ...form }) };
}

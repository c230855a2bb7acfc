// Sending one outbox row through SMTP with nodemailer, and telling a refusal that will not change
// (a 5xx answer to the message or its recipient) from a fault worth trying again.
import crypto from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import type { MailFrom } from '../config';
import type { OutboxRow } from '../db/schema';
import type { StoredAttachment } from './message';

/** What the worker sends with: SMTP in production, anything with the same shape in a test. */
export interface MailTransport {
  send(message: SendMailOptions): Promise<void>;
}

/** Waits short enough that a message left 'sending' for 15 minutes cannot still be on its way. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000 };
/** A row claimed longer ago than this was being sent by a process that is gone. */
export const STALE_CLAIM_MS = 15 * 60 * 1000;

export function smtpTransport(smtpUrl: string): MailTransport {
  // nodemailer is loaded with the first message, not at the server's start.
  let transporter: Promise<import('nodemailer').Transporter> | undefined;
  return {
    async send(message) {
      transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS }));
      await (await transporter).sendMail(message);
    },
  };
}

/** The SMTP address without its user and password, for the log. */
export function describeSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

/** <outbox-id.random@host>: unique in the world, and the same for every attempt at the row. */
export function newMessageId(outboxId: number, from: MailFrom): string {
  const host = from.address.split('@')[1] || 'localhost';
  return `<${outboxId}.${crypto.randomBytes(12).toString('base64url')}@${host}>`;
}

function attachmentsOf(stored: StoredAttachment[]): Pick<SendMailOptions, 'attachments' | 'icalEvent'> {
  const attachments = stored.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, encoding: a.encoding }));
  const ical = stored.find((a) => a.icalMethod);
  return ical ? { attachments, icalEvent: { method: ical.icalMethod, filename: ical.filename, content: ical.content, encoding: ical.encoding } } : { attachments };
}

/** The row as nodemailer's message: it encodes non-ASCII names and subjects (RFC 2047) and folds long lines. */
export function toSendMail(row: OutboxRow, from: MailFrom, at: Date): SendMailOptions {
  return {
    from: { name: from.name, address: from.address },
    to: { name: row.to_name, address: row.to_address },
    subject: row.subject,
    text: row.text_body,
    ...(row.html_body ? { html: row.html_body } : {}),
    ...attachmentsOf(JSON.parse(row.attachments) as StoredAttachment[]),
    messageId: row.message_id ?? undefined,
    date: at,
    // An automatic message: out-of-office replies should not answer it (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** A 5xx answer from the server is final for this message; anything else (down, 4xx, dropped, timed out) may pass later. */
export function isPermanent(err: unknown): boolean {
  const e = err as { responseCode?: unknown; code?: unknown };
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH';
}

/** The error as one line for /admin/outbox. */
export function describeError(err: unknown): string {
  const e = err as { responseCode?: unknown; code?: unknown; message?: unknown };
  const prefix = typeof e.responseCode === 'number' ? `${e.responseCode} ` : typeof e.code === 'string' ? `${e.code} ` : '';
  const text = `${prefix}${typeof e.message === 'string' ? e.message : String(err)}`.replace(/\s+/g, ' ').trim();
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

// Putting a message in the outbox: one row per recipient, inside the caller's transaction, so a
// change that is rolled back sends nothing. Names and subjects are made safe for a header here.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface MailRecipient {
  /** null or '' for a person without an e-mail address: nothing is queued. */
  address: string | null | undefined;
  name?: string | null;
  personId?: number | null;
  userId?: number | null;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text as it is, or bytes (stored as base64). */
  content: string | Uint8Array;
  /**
   * A calendar event (.ics) that calendar clients act on: sent as the message's text/calendar
   * part with this METHOD as well as an attachment (nodemailer's icalEvent).
   */
  icalMethod?: 'REQUEST' | 'CANCEL' | 'PUBLISH';
}

export interface MailMessage {
  /** What the message is about, e.g. 'password_reset'; shown on /admin/outbox. */
  kind: string;
  to: MailRecipient;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: readonly MailAttachment[];
  /** When it was queued (the caller's clock): also when it is first due. */
  at: Date;
}

/** An attachment as stored in outbox.attachments (JSON). */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
  encoding?: 'base64';
  icalMethod?: MailAttachment['icalMethod'];
}

export const INVALID_ADDRESS = 'Ugyldig e-mailadresse: beskeden kan ikke sendes.';

const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** One line for a header: control characters (CR, LF, tab …) become spaces, at most `max` characters. */
export function headerText(value: string | null | undefined, max: number): string {
  const clean = (value ?? '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

/** A plain address, one @, nothing a header could be split or extended with. */
export function isValidAddress(address: string): boolean {
  return address.length <= 254 && /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/u.test(address);
}

function stored(a: MailAttachment): StoredAttachment {
  const base = { filename: headerText(a.filename, 200) || 'bilag', contentType: headerText(a.contentType, 100) || 'application/octet-stream' };
  const content = typeof a.content === 'string' ? { content: a.content } : { content: Buffer.from(a.content).toString('base64'), encoding: 'base64' as const };
  return { ...base, ...content, ...(a.icalMethod ? { icalMethod: a.icalMethod } : {}) };
}

/**
 * Queues the message for its recipient in the caller's transaction; returns the outbox id, or null
 * when the recipient has no address (nothing queued: the caller may say so). An address that
 * cannot be valid is queued as failed, visible on /admin/outbox, so the other recipients still go.
 * The caller's transaction records its audit row as for any other change it makes.
 */
export async function enqueueMail(trx: Kysely<Database>, message: MailMessage): Promise<number | null> {
  const row = outboxRow(message);
  if (!row) return null;
  return (await trx.insertInto('outbox').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Rows per INSERT: 19 columns each, well under both databases' limit on parameters. */
const ROWS_PER_INSERT = 100;

/**
 * Queues many messages as enqueueMail does, a hundred rows per statement (a daily run with
 * thousands of reminders is a few round trips, not thousands); returns how many were queued.
 */
export async function enqueueMails(trx: Kysely<Database>, messages: readonly MailMessage[]): Promise<number> {
  const rows = messages.flatMap((m) => outboxRow(m) ?? []);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx.insertInto('outbox').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
  }
  return rows.length;
}

function outboxRow(message: MailMessage): Insertable<Database['outbox']> | null {
  const address = (message.to.address ?? '').trim();
  if (!address) return null;
  const valid = isValidAddress(address);
  const at = message.at.toISOString();
  return {
    message_id: null,
    kind: message.kind,
    to_address: address.slice(0, 254),
    to_name: headerText(message.to.name, 200),
    person_id: message.to.personId ?? null,
    user_id: message.to.userId ?? null,
    subject: headerText(message.subject, 250),
    text_body: message.text,
    html_body: message.html ?? null,
    attachments: JSON.stringify((message.attachments ?? []).map(stored)),
    status: valid ? 'queued' : 'failed',
    attempts: 0,
    next_attempt_at: valid ? at : null,
    first_attempt_at: null,
    claimed_at: null,
    last_error: valid ? null : INVALID_ADDRESS,
    resent_from: null,
    created_at: at,
    sent_at: null,
  };
}

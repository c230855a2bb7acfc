// What /admin/outbox shows and does: the messages by status, one message with its text and
// attachments, and sending one again (a new message, audited; the old one stays as it was).
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { OutboxRow, OutboxStatus } from '../db/schema';
import { Conflict, NotFound } from '../web/errors';
import type { StoredAttachment } from './message';
import { MAIL_TEXTS } from './messages';

export interface OutboxFilter {
  status?: OutboxStatus;
}

const LIST_COLUMNS = ['id', 'kind', 'to_address', 'to_name', 'subject', 'status', 'attempts', 'last_error', 'next_attempt_at', 'created_at', 'sent_at', 'resent_from'] as const;

export type OutboxListRow = Pick<OutboxRow, (typeof LIST_COLUMNS)[number]>;

function filtered(db: Db, filter: OutboxFilter) {
  let q = db.selectFrom('outbox');
  if (filter.status) q = q.where('status', '=', filter.status);
  return q;
}

/** The newest first. */
export async function listOutbox(db: Db, filter: OutboxFilter, limit: number, offset: number): Promise<OutboxListRow[]> {
  return filtered(db, filter).select([...LIST_COLUMNS]).orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countOutbox(db: Db, filter: OutboxFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many messages are in each status (the filter's counts). */
export async function outboxCounts(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export interface AttachmentView {
  index: number;
  filename: string;
  contentType: string;
  bytes: number;
}

export interface OutboxMessage {
  row: OutboxRow;
  attachments: AttachmentView[];
}

export function attachmentBytes(a: StoredAttachment): Buffer {
  return a.encoding === 'base64' ? Buffer.from(a.content, 'base64') : Buffer.from(a.content, 'utf8');
}

export async function findOutboxMessage(db: Db, id: number): Promise<OutboxMessage> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(MAIL_TEXTS.messageNotFound);
  const stored = JSON.parse(row.attachments) as StoredAttachment[];
  return { row, attachments: stored.map((a, index) => ({ index, filename: a.filename, contentType: a.contentType, bytes: attachmentBytes(a).length })) };
}

/** One attachment of a message, to download. */
export async function outboxAttachment(db: Db, id: number, index: number): Promise<StoredAttachment> {
  const row = await db.selectFrom('outbox').select('attachments').where('id', '=', id).executeTakeFirst();
  const attachment = row ? (JSON.parse(row.attachments) as StoredAttachment[])[index] : undefined;
  if (!attachment) throw new NotFound('Bilaget findes ikke');
  return attachment;
}

/**
 * Queues the message again as a new message (its own Message-ID, so a receiving server that has
 * the first does not drop it as a duplicate); returns the new id. Audited.
 */
export async function resendMail(db: Db, id: number, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const original = await trx.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!original) throw new NotFound(MAIL_TEXTS.messageNotFound);
    if (original.status === 'queued' || original.status === 'sending') throw new Conflict(MAIL_TEXTS.stillQueued, `/admin/outbox/${id}`);
    const now = at.toISOString();
    const copy = {
      kind: original.kind,
      to_address: original.to_address,
      to_name: original.to_name,
      person_id: original.person_id,
      user_id: original.user_id,
      subject: original.subject,
      text_body: original.text_body,
      html_body: original.html_body,
      attachments: original.attachments,
      status: 'queued' as const,
      attempts: 0,
      next_attempt_at: now,
      resent_from: original.id,
      created_at: now,
    };
    const { id: newId } = await trx.insertInto('outbox').values(copy).returning('id').executeTakeFirstOrThrow();
    await audit(trx, {
      actor,
      at,
      action: 'create',
      entity: 'outbox',
      entityId: newId,
      after: { sendt_igen_fra: original.id, type: original.kind, til: original.to_address, emne: original.subject },
    });
    return newId;
  });
}

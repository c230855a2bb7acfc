// Queues one message per recipient in the caller's transaction: each written for its reader
// (their name, their own reply links), skipped for those who switched the topic off, and tallied
// in the notifier when the person has no e-mail address.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { enqueueMails, renderMail, type MailAttachment, type MailContent, type MailMessage } from '../mail/service';
import type { Notifier } from './notifier';
import { peopleWithTopicOff, type Topic } from './preferences';
import { recipientsOf, type Recipient } from './recipients';

export interface Letter {
  subject: string;
  content: MailContent;
  attachments?: MailAttachment[];
}

export interface Sending {
  topic: Topic;
  /** The outbox's kind, e.g. 'meeting_invitation' (mail/messages.ts names it on /admin/outbox). */
  kind: string;
  personIds: readonly number[];
  at: Date;
  /** The message for one recipient; null sends nothing to them. */
  write: (to: Recipient) => Letter | null;
}

/** Returns how many messages were queued. */
export async function sendTo(trx: Kysely<Database>, n: Notifier, s: Sending): Promise<number> {
  return sendToMany(trx, n, s.topic, [s]);
}

const SENDINGS_PER_BATCH = 100;

/**
 * Sendings of one topic (one, or the daily run's thousands): the recipients and their choices
 * read in one query each, the messages written a hundred per statement; returns how many were queued.
 */
export async function sendToMany(trx: Kysely<Database>, n: Notifier, topic: Topic, sendings: readonly Omit<Sending, 'topic'>[]): Promise<number> {
  const people = new Map((await recipientsOf(trx, sendings.flatMap((s) => s.personIds))).map((p) => [p.personId, p]));
  const off = await peopleWithTopicOff(trx, [...people.keys()], topic);
  let queued = 0;
  // A hundred sendings at a time: a morning of thousands of reminders never holds all their texts at once.
  for (let i = 0; i < sendings.length; i += SENDINGS_PER_BATCH) {
    const messages: MailMessage[] = [];
    for (const s of sendings.slice(i, i + SENDINGS_PER_BATCH)) {
      for (const id of new Set(s.personIds)) {
        const to = people.get(id);
        if (!to || off.has(id)) continue;
        n.report.recipients.add(id);
        if (!to.email) {
          n.report.withoutEmail.set(id, to.name);
          continue;
        }
        const letter = s.write(to);
        if (!letter) continue;
        messages.push({
          kind: s.kind,
          to: { address: to.email, name: to.name, personId: id, userId: to.userId },
          subject: letter.subject,
          ...renderMail(n.appUrl, letter.content),
          attachments: letter.attachments,
          at: s.at,
        });
      }
    }
    queued += await enqueueMails(trx, messages);
  }
  return queued;
}

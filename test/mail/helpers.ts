// Queueing test messages the way a feature does: inside a transaction that records its audit row.
import { audit, SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import { enqueueMail, type MailMessage } from '../../server/mail/service';

export const FROM = Object.freeze({ name: 'Uldum Samskabelse', address: 'noreply@uldum.example.dk' });

export async function queue(db: Db, ...messages: MailMessage[]): Promise<Array<number | null>> {
  return db.transaction().execute(async (trx) => {
    const ids: Array<number | null> = [];
    for (const m of messages) ids.push(await enqueueMail(trx, m));
    await audit(trx, { actor: SYSTEM_ACTOR, at: messages[0].at, action: 'create', entity: 'test', entityId: 0 });
    return ids;
  });
}

export function message(at: Date, over: Partial<MailMessage> = {}): MailMessage {
  return {
    kind: 'test',
    to: { address: 'hanne@foa.example.dk', name: 'Hanne M. Petersen' },
    subject: 'Referatet er klar til godkendelse',
    text: 'Hej Hanne,\n\nReferatet venter på dig.',
    at,
    ...over,
  };
}

export async function outboxRow(db: Db, id: number) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

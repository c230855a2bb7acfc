// A participant's answer to an invitation from its personal links ("Jeg deltager" / "Jeg melder
// afbud"): the link (signed, notifications/reply-token.ts) is checked against the meeting as it is
// now, and the answer is recorded in the meeting's attendance: an afbud as attendance 'afbud', a
// yes as reply 'tilmeldt' shown while attendance is 'inviteret'. Audited with no user (the person
// answered by link, without signing in), the person named in the row.
import type { Db } from '../db/database';
import { audit, SYSTEM_ACTOR } from '../db/audit';
import type { Attendance, Reply } from '../db/schema';
import { readReplyToken } from '../notifications/service';
import { Conflict } from '../web/errors';

export type ReplyProblem = 'invalid' | 'expired' | 'cancelled' | 'notInvited';

export interface ReplyTarget {
  meeting: { id: number; title: string; starts_at: string; ends_at: string; place: string };
  person: { id: number; name: string };
  reply: Reply | null;
  attendance: string;
}

/** The meeting and person a reply link is for, or why it cannot be used. */
export async function replyTarget(db: Db, secret: string, token: string, now: Date): Promise<{ ok: true; target: ReplyTarget } | { ok: false; problem: ReplyProblem }> {
  const ids = readReplyToken(secret, token);
  if (!ids) return { ok: false, problem: 'invalid' };
  const meeting = await db.selectFrom('meetings').select(['id', 'title', 'starts_at', 'ends_at', 'place', 'status']).where('id', '=', ids.meetingId).executeTakeFirst();
  if (!meeting) return { ok: false, problem: 'invalid' };
  if (meeting.status === 'aflyst') return { ok: false, problem: 'cancelled' };
  if (meeting.status !== 'planlagt' || meeting.ends_at <= now.toISOString()) return { ok: false, problem: 'expired' };
  const row = await db
    .selectFrom('meeting_participants')
    .innerJoin('people', 'people.id', 'meeting_participants.person_id')
    .select(['people.id', 'people.name', 'meeting_participants.reply', 'meeting_participants.attendance'])
    .where('meeting_participants.meeting_id', '=', meeting.id)
    .where('meeting_participants.person_id', '=', ids.personId)
    .executeTakeFirst();
  if (!row) return { ok: false, problem: 'notInvited' };
  const { status: _status, ...shown } = meeting;
  return { ok: true, target: { meeting: shown, person: { id: row.id, name: row.name }, reply: row.reply, attendance: row.attendance } };
}

/** Records the answer; the same answer twice changes nothing. */
export async function recordReply(db: Db, target: ReplyTarget, answer: Reply, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('meeting_participants')
      .selectAll()
      .where('meeting_id', '=', target.meeting.id)
      .where('person_id', '=', target.person.id)
      .executeTakeFirst();
    if (!before) throw new Conflict('Du står ikke længere på deltagerlisten.', '/');
    // A yes takes back an afbud; otherwise the konsulent's attendance stays as it is.
    const attendance: Attendance = answer === 'afbud' ? 'afbud' : before.attendance === 'afbud' ? 'inviteret' : before.attendance;
    if (before.reply === answer && before.attendance === attendance) return;
    const set = { reply: answer, replied_at: at.toISOString(), attendance };
    await trx.updateTable('meeting_participants').set(set).where('meeting_id', '=', target.meeting.id).where('person_id', '=', target.person.id).execute();
    await audit(trx, {
      actor: SYSTEM_ACTOR,
      at,
      action: 'update',
      entity: 'meeting_participant',
      entityId: `${target.meeting.id}:${target.person.id}`,
      before,
      after: { ...before, ...set, svaret_af: { person_id: target.person.id, navn: target.person.name, via: 'link i invitationen' } },
    });
  });
}

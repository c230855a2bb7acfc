// Telling people about the meeting cycle by e-mail. A feature calls one of these inside the
// transaction of its change, with a Notifier from the route (notifierFor(config)); without one
// (a seed, a test calling the service directly) nothing is sent. Each reads what its message
// needs from the tables (never another feature's internals), finds the recipients
// (recipients.ts), and queues one message per recipient (send.ts) in that same transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { calendarMeetings } from '../exports/calendar';
import type { CalendarMeeting } from '../exports/ics';
import { attachmentsOfMeeting } from '../attachments/service';
import { APP_NAME } from '../mail/service';
import { isValidAddress } from '../mail/message';
import { addDays, copenhagenDay } from '../web/format';
import type { Notifier } from './notifier';
import { konsulentIds, participantIds, representativeIds, type Recipient } from './recipients';
import { replyPath } from './reply-token';
import { sendTo } from './send';
import { invitationLetter } from './mails/invitation';
import { cancellationLetter } from './mails/cancellation';
import { agendaReleasedLetter } from './mails/agenda-released';
import { minutesSentLetter } from './mails/minutes-sent';
import { minutesApprovedLetter } from './mails/minutes-approved';
import { minutesRemarkLetter } from './mails/minutes-remark';
import { actionAssignedLetter } from './mails/action-assigned';
import { proposalDecidedLetter } from './mails/proposal-decided';

export { notifierFor, flashUnreached, unreachedNotice, type Notifier } from './notifier';
export { mailSettingsOf, preferencesOf, savePreferences, TOPICS, TOPIC_LABELS, type Topic } from './preferences';
export { readReplyToken, replyPath, REPLY_ANSWERS, type ReplyAnswerSlug } from './reply-token';
export { runDailyReminders, startDailyReminders } from './reminders';

type Trx = Kysely<Database>;
type Addressed = Recipient & { email: string };
const addressed = (to: Recipient) => to as Addressed;

async function meetingOf(trx: Trx, id: number) {
  return trx.selectFrom('meetings').select(['id', 'title', 'starts_at', 'ends_at', 'place', 'status', 'partnership_id', 'convener_id']).where('id', '=', id).executeTakeFirst();
}

/** The convener with a usable address, else the app's sender (MAIL_FROM), else the app by name. */
function organizerOf(m: CalendarMeeting, n: Notifier): { name: string; email: string } {
  if (m.organizer?.email && isValidAddress(m.organizer.email)) return { name: m.organizer.name, email: m.organizer.email };
  if (n.sender) return { name: n.sender.name || APP_NAME, email: n.sender.address };
  return { name: APP_NAME, email: `noreply@${new URL(n.appUrl).hostname}` };
}

/** The meeting as the calendar feed has it (same UID and SEQUENCE), if it is still ahead and not cancelled. */
async function upcoming(trx: Trx, n: Notifier, meetingId: number, at: Date): Promise<CalendarMeeting | null> {
  const [m] = await calendarMeetings(trx, n.appUrl, { ids: [meetingId] });
  return m && m.ends_at > at.toISOString() ? m : null;
}

/**
 * Invitations (.ics REQUEST) to the people named: new invitations, or with `changed` an update
 * to people already invited after a change of time or place. Not for a meeting that has ended
 * or is cancelled.
 */
export async function notifyInvited(trx: Trx, n: Notifier | undefined, meetingId: number, personIds: readonly number[], at: Date, opts: { changed?: boolean } = {}): Promise<void> {
  if (!n || personIds.length === 0) return;
  const m = await upcoming(trx, n, meetingId, at);
  if (!m || m.status !== 'planlagt') return;
  const organizer = organizerOf(m, n);
  await sendTo(trx, n, {
    topic: 'meetings',
    kind: opts.changed ? 'meeting_changed' : 'meeting_invitation',
    personIds,
    at,
    write: (to) =>
      invitationLetter(addressed(to), {
        meeting: m,
        organizer,
        changed: !!opts.changed,
        stamp: at.toISOString(),
        replyLinks: { yes: replyPath(n.secret, m.id, to.personId, 'deltager'), no: replyPath(n.secret, m.id, to.personId, 'afbud') },
      }),
  });
}

/** Every participant of a newly planned meeting gets the invitation. */
export async function notifyMeetingPlanned(trx: Trx, n: Notifier | undefined, meetingId: number, at: Date): Promise<void> {
  if (!n) return;
  await notifyInvited(trx, n, meetingId, await participantIds(trx, meetingId), at);
}

/**
 * After the meeting form was saved: the people added are invited, those taken off get a
 * cancellation, and when the time or place changed everyone else gets the updated invitation.
 */
export async function notifyMeetingEdited(
  trx: Trx,
  n: Notifier | undefined,
  meetingId: number,
  change: { added: readonly number[]; removed: readonly number[]; moved: boolean },
  at: Date,
): Promise<void> {
  if (!n) return;
  await notifyInvited(trx, n, meetingId, change.added, at);
  for (const personId of change.removed) await notifyRemoved(trx, n, meetingId, personId, at);
  if (change.moved) {
    const added = new Set(change.added);
    await notifyInvited(trx, n, meetingId, (await participantIds(trx, meetingId)).filter((id) => !added.has(id)), at, { changed: true });
  }
}

async function sendCancellation(trx: Trx, n: Notifier, meetingId: number, personIds: readonly number[], reason: { cancelled: string } | { removed: true }, at: Date) {
  const m = await upcoming(trx, n, meetingId, at);
  if (!m) return;
  const organizer = organizerOf(m, n);
  await sendTo(trx, n, {
    topic: 'meetings',
    kind: 'meeting_cancelled',
    personIds,
    at,
    write: (to) => cancellationLetter(addressed(to), { meeting: m, organizer, reason, stamp: at.toISOString() }),
  });
}

/** The meeting is cancelled: every participant gets the cancellation (.ics CANCEL). */
export async function notifyMeetingCancelled(trx: Trx, n: Notifier | undefined, meetingId: number, at: Date): Promise<void> {
  if (!n) return;
  const row = await trx.selectFrom('meetings').select('cancel_reason').where('id', '=', meetingId).executeTakeFirst();
  await sendCancellation(trx, n, meetingId, await participantIds(trx, meetingId), { cancelled: row?.cancel_reason ?? '' }, at);
}

/** One person taken off the list: their calendar removes the meeting. */
export async function notifyRemoved(trx: Trx, n: Notifier | undefined, meetingId: number, personId: number, at: Date): Promise<void> {
  if (!n) return;
  await sendCancellation(trx, n, meetingId, [personId], { removed: true }, at);
}

/** "Udsend dagsorden": every participant gets the items, the bilag and the link. */
export async function notifyAgendaReleased(trx: Trx, n: Notifier | undefined, meetingId: number, at: Date): Promise<void> {
  if (!n) return;
  const meeting = await meetingOf(trx, meetingId);
  if (!meeting) return;
  const [items, bilag] = await Promise.all([
    trx.selectFrom('agenda_items').select(['id', 'title', 'closed']).where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute(),
    attachmentsOfMeeting(trx, meetingId),
  ]);
  const numbered = items.map((i, index) => ({ id: i.id, number: index + 1, title: i.title, closed: i.closed === 1 }));
  const lines = [
    ...bilag.meeting.map((b) => ({ ...b, itemNumber: null })),
    ...numbered.filter((i) => !i.closed).flatMap((i) => (bilag.byItem.get(i.id) ?? []).map((b) => ({ ...b, itemNumber: i.number }))),
  ];
  await sendTo(trx, n, {
    topic: 'agenda',
    kind: 'agenda_released',
    personIds: await participantIds(trx, meetingId),
    at,
    write: (to) => agendaReleasedLetter(to, { meeting, items: numbered, bilag: lines }),
  });
}

/** The minutes sent for approval (or a corrected version): each representative of each party. */
export async function notifyMinutesSent(trx: Trx, n: Notifier | undefined, meetingId: number, at: Date): Promise<void> {
  if (!n) return;
  const meeting = await meetingOf(trx, meetingId);
  const minutes = await trx.selectFrom('minutes').select(['version', 'change_note']).where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!meeting || !minutes) return;
  const partnership = await trx.selectFrom('partnerships').select('approval_days').where('id', '=', meeting.partnership_id).executeTakeFirst();
  const due = addDays(copenhagenDay(at), partnership?.approval_days ?? 7);
  await sendTo(trx, n, {
    topic: 'approval',
    kind: minutes.version > 1 ? 'minutes_new_version' : 'minutes_for_approval',
    personIds: await representativeIds(trx, meetingId),
    at,
    write: (to) => minutesSentLetter(to, { meeting, version: minutes.version, changeNote: minutes.change_note, due }),
  });
}

/** Every party has approved: every participant (and the convener) is told. */
export async function notifyMinutesApproved(trx: Trx, n: Notifier | undefined, meetingId: number, at: Date): Promise<void> {
  if (!n) return;
  const meeting = await meetingOf(trx, meetingId);
  const minutes = await trx.selectFrom('minutes').select('version').where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!meeting || !minutes) return;
  const parties = await trx
    .selectFrom('partnership_parties')
    .innerJoin('organisations', 'organisations.id', 'partnership_parties.organisation_id')
    .select('organisations.name')
    .where('partnership_parties.partnership_id', '=', meeting.partnership_id)
    .orderBy('partnership_parties.sort_order')
    .execute();
  const people = [...(await participantIds(trx, meetingId)), ...(meeting.convener_id ? [meeting.convener_id] : [])];
  await sendTo(trx, n, {
    topic: 'approved',
    kind: 'minutes_approved',
    personIds: people,
    at,
    write: (to) => minutesApprovedLetter(to, { meeting, version: minutes.version, parties: parties.map((p) => p.name) }),
  });
}

/** A protocol remark or a refusal to approve (minutes_remarks row): the konsulent is told. */
export async function notifyMinutesRemark(trx: Trx, n: Notifier | undefined, remarkId: number, at: Date): Promise<void> {
  if (!n) return;
  const remark = await trx
    .selectFrom('minutes_remarks')
    .innerJoin('minutes', 'minutes.id', 'minutes_remarks.minutes_id')
    .innerJoin('organisations', 'organisations.id', 'minutes_remarks.organisation_id')
    .innerJoin('people', 'people.id', 'minutes_remarks.person_id')
    .select(['minutes.meeting_id', 'minutes_remarks.version', 'minutes_remarks.kind', 'minutes_remarks.item_number', 'minutes_remarks.text', 'organisations.name as party', 'people.name as person'])
    .where('minutes_remarks.id', '=', remarkId)
    .executeTakeFirst();
  const meeting = remark && (await meetingOf(trx, remark.meeting_id));
  if (!remark || !meeting) return;
  await sendTo(trx, n, {
    topic: 'remarks',
    kind: 'minutes_remark',
    personIds: await konsulentIds(trx, meeting.partnership_id, meeting.convener_id),
    at,
    write: (to) => minutesRemarkLetter(to, { meeting, version: remark.version, kind: remark.kind, party: remark.party, person: remark.person, itemNumber: remark.item_number, text: remark.text }),
  });
}

/** A follow-up action given an owner (new, or a new owner): the owner is told. */
export async function notifyActionAssigned(trx: Trx, n: Notifier | undefined, actionId: number, at: Date): Promise<void> {
  if (!n) return;
  const action = await trx
    .selectFrom('actions')
    .innerJoin('meetings', 'meetings.id', 'actions.meeting_id')
    .select(['actions.id', 'actions.text', 'actions.due_date', 'actions.owner_id', 'actions.status', 'meetings.id as meeting_id', 'meetings.title as meeting_title'])
    .where('actions.id', '=', actionId)
    .executeTakeFirst();
  if (!action?.owner_id || action.status === 'udfoert' || action.status === 'droppet') return;
  const data = { id: action.id, text: action.text, due_date: action.due_date, meeting: { id: action.meeting_id, title: action.meeting_title } };
  await sendTo(trx, n, { topic: 'actions', kind: 'action_assigned', personIds: [action.owner_id], at, write: (to) => actionAssignedLetter(to, data) });
}

/** A proposal taken into an agenda or declined: its proposer is told. */
export async function notifyProposalDecided(trx: Trx, n: Notifier | undefined, proposalId: number, at: Date): Promise<void> {
  if (!n) return;
  const p = await trx.selectFrom('proposals').select(['id', 'title', 'status', 'proposed_by', 'decline_reason', 'meeting_id', 'agenda_item_id']).where('id', '=', proposalId).executeTakeFirst();
  if (!p || p.status === 'aaben') return;
  const meeting = p.status === 'optaget' && p.meeting_id ? await meetingOf(trx, p.meeting_id) : undefined;
  const decision = meeting && p.agenda_item_id ? { accepted: true as const, meeting, itemId: p.agenda_item_id } : { accepted: false as const, reason: p.decline_reason };
  await sendTo(trx, n, {
    topic: 'proposals',
    kind: decision.accepted ? 'proposal_accepted' : 'proposal_declined',
    personIds: [p.proposed_by],
    at,
    write: (to) => proposalDecidedLetter(to, p, decision),
  });
}

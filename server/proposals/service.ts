// Proposals for the agenda (forslag til dagsorden): a representative proposes an item, with
// optional bilag, for a planned meeting or for "næste møde"; the konsulent takes it into an
// agenda (meetings/proposals.ts does that, with takeProposal below inside its transaction) or
// declines it with a reason the proposer sees. Proposals are internal until accepted: the
// proposer and those who handle them see them, a læser nothing.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { AppRole, Database } from '../db/schema';
import { Conflict, Invalid, NotFound } from '../web/errors';
import { formatDay } from '../web/format';
import { attachmentsOfProposal, discardUploads, insertAttachments, moveProposalAttachments, type NewAttachment } from '../attachments/service';
import {
  decidedProposals,
  findProposal,
  meetingOf,
  openProposals,
  openProposalsForMeeting,
  partnershipNames,
  plannedMeetings,
  proposalsBy,
  proposersOfItems,
  type ProposalRow,
} from './queries';
import type { ProposalForm } from './schemas';
import { PROPOSAL_TEXTS as T } from './messages';
import { notifyProposalDecided, type Notifier } from '../notifications/service';

export { PROPOSAL_STATUS_LABELS } from './messages';

export { findProposal, proposalsBy, openProposals, decidedProposals, attachmentsOfProposal, type ProposalRow };

/** Who proposes: a representative (an administrator may too); the konsulent adds items directly. */
export const mayPropose = (role: AppRole) => role === 'repraesentant' || role === 'admin';
/** Who sees every proposal and accepts or declines them. */
export const mayHandleProposals = (role: AppRole) => role === 'konsulent' || role === 'admin';

/** A proposal is seen by its proposer and by those who handle proposals. */
export function mayReadProposal(user: { role: AppRole; personId: number }, proposal: { proposed_by: number }): boolean {
  return mayHandleProposals(user.role) || proposal.proposed_by === user.personId;
}

/** Where a proposal may go: each partnership's "næste møde", then the planned meetings, soonest first. */
export async function proposalTargets(db: Db, now: Date): Promise<Array<{ value: string; label: string }>> {
  const [partnerships, meetings] = await Promise.all([partnershipNames(db), plannedMeetings(db, now.toISOString())]);
  return [
    ...partnerships.map((p) => ({ value: `next:${p.id}`, label: T.nextMeeting(p.name) })),
    ...meetings.map((m) => ({ value: `meeting:${m.id}`, label: `${m.title}, ${formatDay(m.starts_at)}` })),
  ];
}

/** The meetings the konsulent may take a proposal into: the planned ones of its partnership. */
export function meetingsForProposal(db: Db, proposal: Pick<ProposalRow, 'partnership_id'>, now: Date) {
  return plannedMeetings(db, now.toISOString(), proposal.partnership_id);
}

/** The partnership's next planned meeting (where "næste møde" goes), or null. */
export async function nextPlannedMeeting(db: Db, partnershipId: number, now: Date): Promise<number | null> {
  const [next] = await plannedMeetings(db, now.toISOString(), partnershipId);
  return next?.id ?? null;
}

/** Saves a proposal with its bilag (already received and sniffed) in one transaction. */
export async function createProposal(db: Db, form: ProposalForm, proposerId: number, files: NewAttachment[], actor: Actor, at: Date): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      let { partnershipId } = form.target;
      const { meetingId } = form.target;
      if (meetingId !== null) {
        const meeting = await meetingOf(trx, meetingId);
        if (!meeting || meeting.status !== 'planlagt' || meeting.starts_at < at.toISOString()) throw new Invalid({ target: T.meetingGone });
        partnershipId = meeting.partnership_id;
      } else if (!(await trx.selectFrom('partnerships').select('id').where('id', '=', partnershipId!).executeTakeFirst())) {
        throw new Invalid({ target: T.meetingGone });
      }
      const row = {
        partnership_id: partnershipId!,
        meeting_id: meetingId,
        title: form.title,
        background: form.background,
        kind: form.kind,
        status: 'aaben' as const,
        proposed_by: proposerId,
        decline_reason: '',
        created_at: at.toISOString(),
        updated_at: at.toISOString(),
      };
      const { id } = await trx.insertInto('proposals').values(row).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actor, at, action: 'create', entity: 'proposal', entityId: id, after: row });
      await insertAttachments(trx, { proposalId: id, meetingId }, files, actor, at);
      return id;
    });
  } finally {
    await discardUploads(db, files.map((f) => f.file.key));
  }
}

async function openProposal(trx: Kysely<Database>, id: number) {
  const before = await trx.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new NotFound();
  if (before.status !== 'aaben') throw new Conflict(T.alreadyDecided, `/proposals/${id}`);
  return before;
}

/** With a notifier, the proposer is mailed the reason. */
export async function declineProposal(db: Db, id: number, reason: string, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await openProposal(trx, id);
    const set = { status: 'afvist' as const, decline_reason: reason, decided_at: at.toISOString(), decided_by: actor.userId, updated_at: at.toISOString() };
    await trx.updateTable('proposals').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'proposal', entityId: id, before, after: { ...before, ...set } });
    await notifyProposalDecided(trx, notifier, id, at);
  });
}

/**
 * Which meeting an open proposal goes to: the one chosen, else the one it names, else the
 * partnership's next planned meeting. Refused unless that is a planned meeting of its partnership.
 */
export async function meetingToTakeProposal(db: Db, proposalId: number, chosen: number | null, now: Date): Promise<{ meetingId: number; title: string; kind: ProposalRow['kind']; background: string }> {
  const proposal = await openProposal(db, proposalId);
  const meetingId = chosen ?? proposal.meeting_id ?? (await nextPlannedMeeting(db, proposal.partnership_id, now));
  if (meetingId === null) throw new Conflict(T.noPlannedMeeting, `/proposals/${proposalId}`);
  const meeting = await meetingOf(db, meetingId);
  if (!meeting || meeting.partnership_id !== proposal.partnership_id || meeting.status !== 'planlagt') throw new Conflict(T.meetingNotPlanned, `/proposals/${proposalId}`);
  return { meetingId, title: proposal.title, kind: proposal.kind, background: proposal.background };
}

/**
 * Inside the transaction that added the agenda item: the proposal is accepted into it, its bilag
 * move to the item and the item names the proposer.
 */
export async function takeProposal(trx: Kysely<Database>, proposalId: number, to: { meetingId: number; agendaItemId: number }, actor: Actor, at: Date): Promise<void> {
  const before = await openProposal(trx, proposalId);
  const set = { status: 'optaget' as const, meeting_id: to.meetingId, agenda_item_id: to.agendaItemId, decided_at: at.toISOString(), decided_by: actor.userId, updated_at: at.toISOString() };
  await trx.updateTable('proposals').set(set).where('id', '=', proposalId).execute();
  await trx.updateTable('agenda_items').set({ proposed_by: before.proposed_by }).where('id', '=', to.agendaItemId).execute();
  const moved = await moveProposalAttachments(trx, proposalId, to, actor, at);
  await audit(trx, { actor, at, action: 'update', entity: 'proposal', entityId: proposalId, before, after: { ...before, ...set, item_proposed_by: before.proposed_by, moved_attachments: moved } });
}

/** The open proposals the konsulent sees on a meeting's page. */
export function openProposalsOf(db: Db, meeting: { id: number; partnership_id: number }): Promise<ProposalRow[]> {
  return openProposalsForMeeting(db, meeting);
}

/** "Foreslået af Hanne M. Petersen (FOA)" by agenda item id, for a meeting's items that were proposals. */
export async function proposedByOfMeeting(db: Kysely<Database>, meetingId: number): Promise<Map<number, string>> {
  const rows = await proposersOfItems(db, meetingId);
  return new Map(rows.map((r) => [r.id, `Foreslået af ${r.name}${r.organisation_name ? ` (${r.organisation_name})` : ''}`]));
}

/** The overview's line about proposals: the konsulent's open ones, a representative's own. */
export async function proposalsForOverview(db: Db, user: { role: AppRole; personId: number }): Promise<{ open: ProposalRow[]; mine: ProposalRow[] } | null> {
  if (mayHandleProposals(user.role)) return { open: await openProposals(db), mine: [] };
  if (mayPropose(user.role)) return { open: [], mine: (await proposalsBy(db, user.personId)).slice(0, 5) };
  return null;
}

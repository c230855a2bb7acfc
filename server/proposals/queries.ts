// Reads of proposals for this feature: one proposal with who and where, the lists by proposer and
// of the open ones, and the meetings a proposal may go to.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

function proposalRows(db: Kysely<Database>) {
  return db
    .selectFrom('proposals')
    .innerJoin('people as proposer', 'proposer.id', 'proposals.proposed_by')
    .leftJoin('organisations', 'organisations.id', 'proposer.organisation_id')
    .innerJoin('partnerships', 'partnerships.id', 'proposals.partnership_id')
    .leftJoin('meetings', 'meetings.id', 'proposals.meeting_id')
    .select([
      'proposals.id',
      'proposals.partnership_id',
      'proposals.meeting_id',
      'proposals.title',
      'proposals.background',
      'proposals.kind',
      'proposals.status',
      'proposals.proposed_by',
      'proposals.decline_reason',
      'proposals.agenda_item_id',
      'proposals.decided_at',
      'proposals.created_at',
      'proposer.name as proposer_name',
      'organisations.name as proposer_organisation',
      'partnerships.name as partnership_name',
      'meetings.title as meeting_title',
      'meetings.starts_at as meeting_starts_at',
    ]);
}

export type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalRows>['executeTakeFirstOrThrow']>>;

export function findProposal(db: Kysely<Database>, id: number): Promise<ProposalRow | undefined> {
  return proposalRows(db).where('proposals.id', '=', id).executeTakeFirst();
}

export function proposalsBy(db: Kysely<Database>, personId: number): Promise<ProposalRow[]> {
  return proposalRows(db).where('proposals.proposed_by', '=', personId).orderBy('proposals.created_at', 'desc').orderBy('proposals.id', 'desc').limit(200).execute();
}

export function openProposals(db: Kysely<Database>): Promise<ProposalRow[]> {
  return proposalRows(db).where('proposals.status', '=', 'aaben').orderBy('proposals.created_at').orderBy('proposals.id').execute();
}

export function decidedProposals(db: Kysely<Database>, limit: number): Promise<ProposalRow[]> {
  return proposalRows(db).where('proposals.status', '!=', 'aaben').orderBy('proposals.decided_at', 'desc').orderBy('proposals.id', 'desc').limit(limit).execute();
}

/** The open proposals for a meeting: those naming it, and the partnership's for "næste møde". */
export function openProposalsForMeeting(db: Kysely<Database>, meeting: { id: number; partnership_id: number }): Promise<ProposalRow[]> {
  return proposalRows(db)
    .where('proposals.status', '=', 'aaben')
    .where((eb) => eb.or([eb('proposals.meeting_id', '=', meeting.id), eb.and([eb('proposals.meeting_id', 'is', null), eb('proposals.partnership_id', '=', meeting.partnership_id)])]))
    .orderBy('proposals.created_at')
    .orderBy('proposals.id')
    .execute();
}

/** Planned meetings not yet begun, soonest first (what a proposal can be for). */
export function plannedMeetings(db: Kysely<Database>, nowIso: string, partnershipId?: number) {
  let q = db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at', 'partnership_id'])
    .where('status', '=', 'planlagt')
    .where('starts_at', '>=', nowIso);
  if (partnershipId !== undefined) q = q.where('partnership_id', '=', partnershipId);
  return q.orderBy('starts_at').orderBy('id').limit(50).execute();
}

export function partnershipNames(db: Kysely<Database>) {
  return db.selectFrom('partnerships').select(['id', 'name']).orderBy('name').execute();
}

export function meetingOf(db: Kysely<Database>, id: number) {
  return db.selectFrom('meetings').select(['id', 'partnership_id', 'status', 'starts_at', 'title']).where('id', '=', id).executeTakeFirst();
}

/** "Foreslået af …" for a meeting's items that came from a proposal. */
export function proposersOfItems(db: Kysely<Database>, meetingId: number) {
  return db
    .selectFrom('agenda_items')
    .innerJoin('people', 'people.id', 'agenda_items.proposed_by')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select(['agenda_items.id', 'people.name', 'organisations.name as organisation_name'])
    .where('agenda_items.meeting_id', '=', meetingId)
    .execute();
}

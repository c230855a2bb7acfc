// Reads of bilag for this feature: one row with what a download and a removal need, and the
// list of a meeting's bilag.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface AttachmentRow {
  id: number;
  meeting_id: number | null;
  agenda_item_id: number | null;
  proposal_id: number | null;
  /** The person who made the proposal the bilag belongs to (null for a meeting's bilag). */
  proposer_id: number | null;
  title: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  public: number;
  meeting_title: string | null;
  item_title: string | null;
  /** 1 when the bilag belongs to a closed item (lukket punkt). */
  item_closed: number | null;
}

export async function findAttachment(db: Kysely<Database>, id: number): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .leftJoin('proposals', 'proposals.id', 'attachments.proposal_id')
    .leftJoin('meetings', 'meetings.id', 'attachments.meeting_id')
    .leftJoin('agenda_items', 'agenda_items.id', 'attachments.agenda_item_id')
    .select([
      'attachments.id',
      'attachments.meeting_id',
      'attachments.agenda_item_id',
      'attachments.proposal_id',
      'proposals.proposed_by as proposer_id',
      'attachments.title',
      'attachments.file_name',
      'attachments.mime',
      'attachments.size',
      'attachments.sha256',
      'attachments.public',
      'meetings.title as meeting_title',
      'agenda_items.title as item_title',
      'agenda_items.closed as item_closed',
    ])
    .where('attachments.id', '=', id)
    .executeTakeFirst();
}

/** A meeting's own bilag (not those of proposals still open), oldest first. */
export function meetingAttachmentRows(db: Kysely<Database>, meetingId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'agenda_item_id', 'title', 'mime', 'size', 'public'])
    .where('meeting_id', '=', meetingId)
    .where('proposal_id', 'is', null)
    .orderBy('id')
    .execute();
}

/** A meeting's agenda items in order, for the form's "Hører til" choice. */
export function agendaItemChoices(db: Kysely<Database>, meetingId: number) {
  return db.selectFrom('agenda_items').select(['id', 'title']).where('meeting_id', '=', meetingId).orderBy('position').execute();
}

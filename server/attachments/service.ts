// Bilag (attachments): what other features may use — the lists of a meeting's bilag, their
// content as a stream, who may read one — and the writes: adding uploaded files to a meeting, an
// agenda item or a proposal, removing one, and moving a proposal's bilag to the item it became.
// Every write is one transaction with its audit row.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { AppRole, Database } from '../db/schema';
import { Conflict, NotFound } from '../web/errors';
import { formatNumber } from '../web/format';
import { chunksOf, discardUploads, dropContentIfUnused, publishContent } from './store';
import { kindOfMime, typeLabel } from './kinds';
import { findAttachment, meetingAttachmentRows, type AttachmentRow } from './queries';
import type { StagedFile } from './upload';

// The upload form and its reception, for other features' forms with bilag (e.g. proposals).
export { bilagFormLocals, FILE_FIELD, receiveUpload, uploadLimits, type StagedFile } from './upload';
export { discardUploads } from './store';
export { titleFromFileName } from './kinds';
import { ATTACHMENT_TEXTS as T } from './messages';

export interface AttachmentLine {
  id: number;
  title: string;
  /** 'PDF', 'Word', 'Excel', 'PowerPoint', 'ODT', 'ODS', 'PNG', 'JPEG', 'Tekst' */
  typeLabel: string;
  size: number;
  /** '240 kB', '1,2 MB' (Danish number format, 1 kB = 1024 bytes) */
  sizeLabel: string;
  isPdf: boolean;
  public: boolean;
}

/** A size as the lists show it: "812 byte", "240 kB", "1,2 MB". */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

function lineOf(row: { id: number; title: string; mime: string; size: number; public: number }): AttachmentLine {
  return {
    id: row.id,
    title: row.title,
    typeLabel: typeLabel(row.mime),
    size: row.size,
    sizeLabel: sizeLabel(row.size),
    isPdf: kindOfMime(row.mime) === 'pdf',
    public: row.public === 1,
  };
}

/**
 * A meeting's bilag in the order they were added: those of the meeting as a whole, and those of
 * each agenda item by its id. One query. A proposal's bilag appear once it is accepted.
 */
export async function attachmentsOfMeeting(db: Kysely<Database>, meetingId: number): Promise<{ meeting: AttachmentLine[]; byItem: Map<number, AttachmentLine[]> }> {
  const meeting: AttachmentLine[] = [];
  const byItem = new Map<number, AttachmentLine[]>();
  for (const row of await meetingAttachmentRows(db, meetingId)) {
    const line = lineOf(row);
    if (row.agenda_item_id === null) meeting.push(line);
    else {
      const list = byItem.get(row.agenda_item_id);
      if (list) list.push(line);
      else byItem.set(row.agenda_item_id, [line]);
    }
  }
  return { meeting, byItem };
}

/** A bilag's bytes, read one stored row (at most 1 MB) at a time. Unknown id: NotFound. */
export async function* streamAttachmentContent(db: Db, id: number): AsyncGenerator<Buffer> {
  const row = await db
    .selectFrom('attachments')
    .innerJoin('attachment_contents', 'attachment_contents.sha256', 'attachments.sha256')
    .select('attachment_contents.chunk_key')
    .where('attachments.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  yield* chunksOf(db, row.chunk_key);
}

/** Who is asking to read a bilag. */
export interface Reader {
  role: AppRole;
  personId: number;
}

/**
 * The one rule for reading a bilag: a meeting's bilag as the meeting (every signed-in role may
 * read meetings today); a proposal's, before it is accepted, only its proposer and those who
 * handle proposals. Issue 14's closed items tighten this here.
 */
export function mayReadAttachment(reader: Reader, attachment: Pick<AttachmentRow, 'proposal_id' | 'proposer_id'>): boolean {
  if (attachment.proposal_id !== null) {
    return reader.role === 'admin' || reader.role === 'konsulent' || reader.personId === attachment.proposer_id;
  }
  return true;
}

export { findAttachment, type AttachmentRow };

/** The meeting's rule for when its content may change (meetings/lock.ts), given by the caller: bilag sit below meetings. */
export type MeetingLock = (trx: Kysely<Database>, meetingId: number) => Promise<void>;

/** What a change to a meeting's bilag does to the meeting, in the same transaction (meetings: a released agenda becomes revised). */
export type MeetingBilagChanged = (trx: Kysely<Database>, meetingId: number, at: Date) => Promise<void>;

/** Where uploaded files go: a meeting, one of its agenda items, or a proposal. */
export type AttachmentTarget =
  | { meetingId: number; agendaItemId: number | null; lock: MeetingLock; changed?: MeetingBilagChanged }
  | { proposalId: number; meetingId: number | null };

/** An uploaded, accepted file with the title it is to have. */
export interface NewAttachment {
  file: StagedFile;
  title: string;
}

/**
 * Adds uploaded files as bilag in one transaction (each content published under its hash, one
 * row and one audit entry per bilag). Whatever happens, no upload's chunks are left unpublished.
 */
export async function addAttachments(db: Db, target: AttachmentTarget, files: NewAttachment[], actor: Actor, at: Date): Promise<number[]> {
  try {
    return await db.transaction().execute((trx) => insertAttachments(trx, target, files, actor, at));
  } finally {
    await discardUploads(db, files.map((f) => f.file.key));
  }
}

/** The same inside a caller's transaction (e.g. a new proposal with its bilag). */
export async function insertAttachments(trx: Kysely<Database>, target: AttachmentTarget, files: NewAttachment[], actor: Actor, at: Date): Promise<number[]> {
  if ('lock' in target) {
    await target.lock(trx, target.meetingId);
    if (target.agendaItemId !== null) {
      const item = await trx.selectFrom('agenda_items').select('id').where('id', '=', target.agendaItemId).where('meeting_id', '=', target.meetingId).executeTakeFirst();
      if (!item) throw new NotFound();
    }
  }
  const ids: number[] = [];
  for (const { file, title } of files) {
    await publishContent(trx, file, at);
    const row = {
      meeting_id: target.meetingId,
      agenda_item_id: 'lock' in target ? target.agendaItemId : null,
      proposal_id: 'proposalId' in target ? target.proposalId : null,
      title,
      file_name: file.fileName,
      mime: file.mime,
      size: file.size,
      sha256: file.sha256,
      created_at: at.toISOString(),
      created_by: actor.userId,
    };
    const { id } = await trx.insertInto('attachments').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'attachment', entityId: id, after: row });
    ids.push(id);
  }
  if ('lock' in target && target.changed && ids.length) await target.changed(trx, target.meetingId, at);
  return ids;
}

/** Removes a meeting's bilag (refused while the meeting's content is locked); content nothing else uses goes too. */
export async function removeAttachment(db: Db, id: number, lock: MeetingLock, actor: Actor, at: Date, changed?: MeetingBilagChanged): Promise<{ meetingId: number | null }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    if (before.proposal_id !== null) throw new Conflict(T.proposalBilag, `/proposals/${before.proposal_id}`);
    if (before.meeting_id !== null) await lock(trx, before.meeting_id);
    await trx.deleteFrom('attachments').where('id', '=', id).execute();
    await dropContentIfUnused(trx, before.sha256);
    await audit(trx, { actor, at, action: 'delete', entity: 'attachment', entityId: id, before });
    if (before.meeting_id !== null && changed) await changed(trx, before.meeting_id, at);
    return { meetingId: before.meeting_id };
  });
}

/** Marks a meeting's bilag "ikke offentlig" (left out of the minutes' public version) or public again. */
export async function setAttachmentPublic(db: Db, id: number, isPublic: boolean, lock: MeetingLock, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before || before.meeting_id === null) throw new NotFound();
    await lock(trx, before.meeting_id);
    const set = { public: isPublic ? 1 : 0 } as const;
    await trx.updateTable('attachments').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'attachment', entityId: id, before, after: { ...before, ...set } });
  });
}

/**
 * A proposal's bilag move to the agenda item it became (same content, same hash), inside the
 * transaction that accepts it.
 */
export async function moveProposalAttachments(trx: Kysely<Database>, proposalId: number, to: { meetingId: number; agendaItemId: number }, actor: Actor, at: Date): Promise<number> {
  const rows = await trx.selectFrom('attachments').selectAll().where('proposal_id', '=', proposalId).orderBy('id').execute();
  for (const before of rows) {
    const set = { meeting_id: to.meetingId, agenda_item_id: to.agendaItemId, proposal_id: null };
    await trx.updateTable('attachments').set(set).where('id', '=', before.id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'attachment', entityId: before.id, before, after: { ...before, ...set } });
  }
  return rows.length;
}

/** A proposal's bilag (for its page and the decision). */
export async function attachmentsOfProposal(db: Kysely<Database>, proposalId: number): Promise<AttachmentLine[]> {
  const rows = await db.selectFrom('attachments').select(['id', 'title', 'mime', 'size', 'public']).where('proposal_id', '=', proposalId).orderBy('id').execute();
  return rows.map(lineOf);
}

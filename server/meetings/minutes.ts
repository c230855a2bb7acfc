// The minutes workflow: kladde → til godkendelse → godkendt, one approval per party, locking,
// and corrections as new numbered versions that keep every earlier version readable.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { AppRole, Database, MinutesStatus } from '../db/schema';
import { Conflict, Forbidden, NotFound } from '../web/errors';
import { buildMinutesDocument, type DocumentApproval, type DocumentRemark, type MinutesDocument } from './minutes-document';
import { formatDateTime } from '../web/format';
import type { DocumentModel } from '../documents/model';
import { journalCopy, referatDocument } from './referat';
import { addComment } from '../comments/service';
import { MINUTES_TEXTS } from './messages';
import { forAudience, type Audience } from './audience';
import { closedItemIds } from './queries';
import { notifyMinutesApproved, notifyMinutesRemark, notifyMinutesSent, type Notifier } from '../notifications/service';

export interface MinutesState {
  id: number | null;
  status: MinutesStatus;
  version: number;
  free_text: string;
  next_meeting: string;
  change_note: string;
}

/** Where a refused step sends the user back to read why. */
export const minutesPage = (meetingId: number) => `/meetings/${meetingId}/minutes`;

const NEW_MINUTES: MinutesState = { id: null, status: 'kladde', version: 1, free_text: '', next_meeting: '', change_note: '' };

export async function minutesOf(db: Kysely<Database>, meetingId: number): Promise<MinutesState> {
  const row = await db
    .selectFrom('minutes')
    .select(['id', 'status', 'version', 'free_text', 'next_meeting', 'change_note'])
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row ?? NEW_MINUTES;
}

/** The minutes row, made on first write. */
async function ensureMinutes(trx: Kysely<Database>, meetingId: number, at: Date) {
  const existing = await trx.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
  if (existing) return existing;
  const meeting = await trx.selectFrom('meetings').select('id').where('id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw new NotFound();
  const row = { meeting_id: meetingId, status: 'kladde' as const, version: 1, free_text: '', next_meeting: '', change_note: '', created_at: at.toISOString(), updated_at: at.toISOString() };
  const { id } = await trx.insertInto('minutes').values(row).returning('id').executeTakeFirstOrThrow();
  return { id, ...row };
}

export async function saveMinutesText(db: Db, meetingId: number, text: { free_text: string; next_meeting: string }, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await ensureMinutes(trx, meetingId, at);
    if (before.status !== 'kladde') throw new Conflict(MINUTES_TEXTS.editOnlyDraft, minutesPage(meetingId));
    const set = { ...text, updated_at: at.toISOString() };
    await trx.updateTable('minutes').set(set).where('id', '=', before.id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'minutes', entityId: before.id, before, after: { ...before, ...set } });
  });
}

/**
 * Freezes the current draft as this version's document and asks the parties to approve it. The
 * document is built inside the write transaction, so what is frozen is exactly the meeting as it
 * is at that moment: no edit can come in between.
 */
export async function sendForApproval(db: Db, meetingId: number, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom('meetings').select(['id', 'status']).where('id', '=', meetingId).executeTakeFirst();
    if (!meeting) throw new NotFound();
    if (meeting.status !== 'afholdt') throw new Conflict(MINUTES_TEXTS.holdBeforeSending, minutesPage(meetingId));
    const minutes = await ensureMinutes(trx, meetingId, at);
    if (minutes.status !== 'kladde') throw new Conflict(MINUTES_TEXTS.alreadySent, minutesPage(meetingId));
    const previous = await trx.selectFrom('minutes_versions').select('document').where('minutes_id', '=', minutes.id).where('version', '=', minutes.version - 1).executeTakeFirst();
    const document = await buildMinutesDocument(trx, meetingId, minutes, previous ? (JSON.parse(previous.document) as MinutesDocument) : undefined);
    await trx.deleteFrom('minutes_approvals').where('minutes_id', '=', minutes.id).where('version', '=', minutes.version).execute();
    await trx.deleteFrom('minutes_versions').where('minutes_id', '=', minutes.id).where('version', '=', minutes.version).execute();
    await trx
      .insertInto('minutes_versions')
      .values({
        minutes_id: minutes.id,
        version: minutes.version,
        document: JSON.stringify(document),
        change_note: minutes.change_note,
        sent_at: at.toISOString(),
        sent_by: actor.userId,
        locked_at: null,
      })
      .execute();
    await trx.updateTable('minutes').set({ status: 'til_godkendelse', updated_at: at.toISOString() }).where('id', '=', minutes.id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'minutes', entityId: minutes.id, before: { status: minutes.status }, after: { status: 'til_godkendelse', version: minutes.version } });
    await notifyMinutesSent(trx, notifier, meetingId, at);
  });
}

/** Saves the draft's text and sends it for approval in one step, so nothing typed is lost. */
export async function saveAndSend(db: Db, meetingId: number, text: { free_text: string; next_meeting: string }, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
  await saveMinutesText(db, meetingId, text, actor, at);
  await sendForApproval(db, meetingId, actor, at, notifier);
}

/** Takes the minutes back to draft (to fix something before all have approved); approvals lapse. */
export async function withdrawMinutes(db: Db, meetingId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const minutes = await trx.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!minutes || minutes.status !== 'til_godkendelse') throw new Conflict(MINUTES_TEXTS.withdrawOnlySent, minutesPage(meetingId));
    await trx.deleteFrom('minutes_approvals').where('minutes_id', '=', minutes.id).where('version', '=', minutes.version).execute();
    await trx.updateTable('minutes').set({ status: 'kladde', updated_at: at.toISOString() }).where('id', '=', minutes.id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'minutes', entityId: minutes.id, before: { status: minutes.status }, after: { status: 'kladde' } });
  });
}

/** Opens an approved, locked referat for correction as version N+1; approval starts over. */
export async function startCorrection(db: Db, meetingId: number, changeNote: string, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const minutes = await trx.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!minutes || minutes.status !== 'godkendt') throw new Conflict(MINUTES_TEXTS.correctOnlyApproved, minutesPage(meetingId));
    const set = { status: 'kladde' as const, version: minutes.version + 1, change_note: changeNote, updated_at: at.toISOString() };
    await trx.updateTable('minutes').set(set).where('id', '=', minutes.id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'minutes', entityId: minutes.id, before: minutes, after: { ...minutes, ...set } });
    return set.version;
  });
}

export interface Approver {
  /** Null when the system records it (the demo seed), as in the audit log. */
  userId: number | null;
  role: AppRole;
  personId: number;
}

export interface Party {
  id: number;
  name: string;
}

export async function partiesOfMeeting(db: Kysely<Database>, meetingId: number): Promise<Party[]> {
  return db
    .selectFrom('meetings')
    .innerJoin('partnership_parties', 'partnership_parties.partnership_id', 'meetings.partnership_id')
    .innerJoin('organisations', 'organisations.id', 'partnership_parties.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('meetings.id', '=', meetingId)
    .orderBy('partnership_parties.sort_order')
    .execute();
}

/**
 * The party a user may approve for: they must be a representative of the meeting's partnership
 * (as a person) with the role repraesentant (or admin), and their organisation a party.
 */
export async function approvalPartyOf(db: Kysely<Database>, meetingId: number, who: Approver): Promise<Party | null> {
  if (who.role !== 'repraesentant' && who.role !== 'admin') return null;
  const row = await db
    .selectFrom('meetings')
    .innerJoin('partnership_members', 'partnership_members.partnership_id', 'meetings.partnership_id')
    .innerJoin('people', 'people.id', 'partnership_members.person_id')
    .innerJoin('partnership_parties', (join) =>
      join.onRef('partnership_parties.partnership_id', '=', 'meetings.partnership_id').onRef('partnership_parties.organisation_id', '=', 'people.organisation_id'),
    )
    .innerJoin('organisations', 'organisations.id', 'partnership_parties.organisation_id')
    .select(['organisations.id', 'organisations.name'])
    .where('meetings.id', '=', meetingId)
    .where('partnership_members.person_id', '=', who.personId)
    .where('partnership_members.is_representative', '=', 1)
    .executeTakeFirst();
  return row ?? null;
}

export type ApprovalResult = 'approved' | 'already-approved' | 'locked';

/** Approves the version awaiting approval for the approver's own party; twice changes nothing. */
/** A protocol remark given with an approval: on one item (its number in the version) or the whole minutes. */
export interface RemarkInput {
  text: string;
  itemNumber: number | null;
}

/**
 * Approves the version awaiting approval for the approver's own party; twice changes nothing.
 * With a remark the party approves "med bemærkning": the remark is recorded on this version.
 */
export async function approveMinutes(db: Db, meetingId: number, who: Approver, at: Date, remark?: RemarkInput, notifier?: Notifier): Promise<ApprovalResult> {
  return db.transaction().execute(async (trx) => {
    const minutes = await trx.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!minutes || minutes.status === 'kladde') throw new Conflict(MINUTES_TEXTS.notSent, minutesPage(meetingId));
    const party = await approvalPartyOf(trx, meetingId, who);
    if (!party) throw new Forbidden(MINUTES_TEXTS.onlyOwnParty);
    const existing = await trx
      .selectFrom('minutes_approvals')
      .select('id')
      .where('minutes_id', '=', minutes.id)
      .where('version', '=', minutes.version)
      .where('organisation_id', '=', party.id)
      .executeTakeFirst();
    if (existing || minutes.status === 'godkendt') return 'already-approved';
    const row = { minutes_id: minutes.id, version: minutes.version, organisation_id: party.id, person_id: who.personId, approved_at: at.toISOString() };
    await trx.insertInto('minutes_approvals').values(row).execute();
    await audit(trx, { actor: { userId: who.userId }, at, action: 'create', entity: 'minutes_approval', entityId: minutes.id, after: row });
    if (remark && remark.text) {
      await assertItemOfVersion(trx, minutes.id, minutes.version, remark.itemNumber, meetingId);
      const r = { minutes_id: minutes.id, version: minutes.version, organisation_id: party.id, person_id: who.personId, item_number: remark.itemNumber, kind: 'bemaerkning' as const, text: remark.text, created_at: at.toISOString() };
      const { id } = await trx.insertInto('minutes_remarks').values(r).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actor: { userId: who.userId }, at, action: 'create', entity: 'minutes_remark', entityId: id, after: r });
      await notifyMinutesRemark(trx, notifier, id, at);
    }

    const parties = await partiesOfMeeting(trx, meetingId);
    const approved = await trx.selectFrom('minutes_approvals').select('organisation_id').where('minutes_id', '=', minutes.id).where('version', '=', minutes.version).execute();
    const approvedIds = new Set(approved.map((a) => a.organisation_id));
    if (!parties.every((p) => approvedIds.has(p.id))) return 'approved';
    await trx.updateTable('minutes').set({ status: 'godkendt', updated_at: at.toISOString() }).where('id', '=', minutes.id).execute();
    await trx.updateTable('minutes_versions').set({ locked_at: at.toISOString() }).where('minutes_id', '=', minutes.id).where('version', '=', minutes.version).execute();
    await audit(trx, { actor: { userId: who.userId }, at, action: 'update', entity: 'minutes', entityId: minutes.id, before: { status: minutes.status }, after: { status: 'godkendt', version: minutes.version } });
    await notifyMinutesApproved(trx, notifier, meetingId, at);
    return 'locked';
  });
}

export interface VersionView {
  version: number;
  changeNote: string;
  sentAt: string;
  lockedAt: string | null;
  approvals: DocumentApproval[];
  /** Remarks and refusals given on this version, oldest first. */
  remarks: DocumentRemark[];
  document: MinutesDocument;
}

/** Every frozen version with who approved it and when, newest first. */
export async function versionsOf(db: Db, meetingId: number): Promise<VersionView[]> {
  const minutes = await db.selectFrom('minutes').select('id').where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!minutes) return [];
  const [versions, approvals, remarks] = await Promise.all([
    db.selectFrom('minutes_versions').selectAll().where('minutes_id', '=', minutes.id).orderBy('version', 'desc').execute(),
    db
      .selectFrom('minutes_approvals')
      .innerJoin('organisations', 'organisations.id', 'minutes_approvals.organisation_id')
      .innerJoin('people', 'people.id', 'minutes_approvals.person_id')
      .select(['minutes_approvals.version', 'organisations.name as party', 'people.name as person', 'minutes_approvals.approved_at'])
      .where('minutes_approvals.minutes_id', '=', minutes.id)
      .orderBy('minutes_approvals.approved_at')
      .execute(),
    db
      .selectFrom('minutes_remarks')
      .innerJoin('organisations', 'organisations.id', 'minutes_remarks.organisation_id')
      .innerJoin('people', 'people.id', 'minutes_remarks.person_id')
      .select(['minutes_remarks.version', 'organisations.name as party', 'people.name as person', 'minutes_remarks.created_at', 'minutes_remarks.item_number', 'minutes_remarks.kind', 'minutes_remarks.text'])
      .where('minutes_remarks.minutes_id', '=', minutes.id)
      .orderBy('minutes_remarks.id')
      .execute(),
  ]);
  return versions.map((v) => ({
    version: v.version,
    changeNote: v.change_note,
    sentAt: v.sent_at,
    lockedAt: v.locked_at,
    approvals: approvals.filter((a) => a.version === v.version).map((a) => ({ party: a.party, person: a.person, at: formatDateTime(a.approved_at) })),
    remarks: remarks
      .filter((r) => r.version === v.version)
      .map((r) => ({ party: r.party, person: r.person, at: formatDateTime(r.created_at), itemNumber: r.item_number, kind: r.kind, text: r.text })),
    document: JSON.parse(v.document) as MinutesDocument,
  }));
}

export interface MinutesView {
  state: MinutesState;
  /** What a reader sees now: the live draft, or the frozen version awaiting or having approval. */
  document: MinutesDocument;
  isDraft: boolean;
  parties: Party[];
  approvals: DocumentApproval[];
  /** Remarks and refusals on the version awaiting or having approval. */
  remarks: DocumentRemark[];
  versions: VersionView[];
  /** The latest version every party approved, if any (what exports show first). */
  latestApproved: VersionView | null;
}

/** `want: 'latest-approved'` skips building the live draft when an approved version exists (the files show that one). */
export async function minutesView(db: Db, meetingId: number, want: 'current' | 'latest-approved' = 'current', audience: Audience = 'internal'): Promise<MinutesView> {
  const [view, closedNow] = await Promise.all([fullMinutesView(db, meetingId, want), closedItemIds(db, meetingId)]);
  return viewFor(view, audience, closedNow);
}

/** The view as `audience` may see it: every document (the current one and each version) with its remarks. */
function viewFor(view: MinutesView, audience: Audience, closedNow: ReadonlySet<number>): MinutesView {
  const seen = forAudience({ document: view.document, remarks: view.remarks }, audience, closedNow);
  const versions = view.versions.map((v) => {
    const c = forAudience({ document: v.document, remarks: v.remarks }, audience, closedNow);
    return { ...v, document: c.document, remarks: c.remarks };
  });
  const latestApproved = view.latestApproved && (versions.find((v) => v.version === view.latestApproved!.version) ?? null);
  return { ...view, document: seen.document, remarks: seen.remarks, versions, latestApproved };
}

async function fullMinutesView(db: Db, meetingId: number, want: 'current' | 'latest-approved'): Promise<MinutesView> {
  const state = await minutesOf(db, meetingId);
  const [versions, parties] = await Promise.all([versionsOf(db, meetingId), partiesOfMeeting(db, meetingId)]);
  const latestApproved = versions.find((v) => v.lockedAt) ?? null;
  const current = versions.find((v) => v.version === state.version);
  const isDraft = state.status === 'kladde' || !current;
  const previous = versions.find((v) => v.version === state.version - 1)?.document;
  const document = !isDraft ? current.document : want === 'latest-approved' && latestApproved ? latestApproved.document : await buildMinutesDocument(db, meetingId, state, previous);
  const approvals = !isDraft && current ? current.approvals : [];
  const remarks = !isDraft && current ? current.remarks : [];
  return { state, document, isDraft, parties, approvals, remarks, versions, latestApproved };
}

/** The referat as the page shows it: the current content with its approvals, UDKAST until approved. */
export function pageReferat(view: MinutesView, audience: Audience = 'internal'): DocumentModel {
  return referatDocument(view.document, { parties: view.parties, approvals: view.approvals, remarks: view.remarks, draft: view.state.status !== 'godkendt', audience });
}

export interface ReferatExport {
  /** What the files show: the latest version every party approved, or else the current draft. */
  content: MinutesDocument;
  model: DocumentModel;
  /** The content's size in characters, to choose between laying it out in memory or streaming. */
  size: number;
}

export async function referatForExport(db: Db, meetingId: number, audience: Audience = 'internal'): Promise<ReferatExport> {
  const view = await minutesView(db, meetingId, 'latest-approved', audience);
  const approved = view.latestApproved;
  const content = approved ? approved.document : view.document;
  const model = referatDocument(content, {
    parties: view.parties,
    approvals: approved ? approved.approvals : view.approvals,
    remarks: approved ? approved.remarks : view.remarks,
    draft: !approved,
    audience,
  });
  return { content, model, size: textSize(content) };
}

/** About how many characters the referat holds (its long texts), without serialising it. */
function textSize(d: MinutesDocument): number {
  let n = d.freeText.length + d.nextMeeting.length;
  for (const i of d.items) n += i.title.length + i.background.length + i.discussion.length + i.decision.length + i.carriedOver.length * 100;
  for (const a of d.actions) n += a.text.length + 60;
  return n;
}

/** Representatives and the konsulent comment on a draft; approved minutes are closed to comments. */
export async function addMinutesComment(db: Db, meetingId: number, personId: number, body: string, actor: Actor, at: Date): Promise<void> {
  const state = await minutesOf(db, meetingId);
  if (state.status === 'godkendt') throw new Conflict(MINUTES_TEXTS.noCommentOnApproved, minutesPage(meetingId));
  await addComment(db, 'minutes', meetingId, personId, body, actor, at);
}

/** A remark's item must be an item of the frozen version (by its number). */
async function assertItemOfVersion(trx: Kysely<Database>, minutesId: number, version: number, itemNumber: number | null, meetingId: number): Promise<void> {
  if (itemNumber === null) return;
  const row = await trx.selectFrom('minutes_versions').select('document').where('minutes_id', '=', minutesId).where('version', '=', version).executeTakeFirst();
  const items = row ? (JSON.parse(row.document) as MinutesDocument).items : [];
  if (!items.some((i) => i.number === itemNumber)) throw new Conflict(MINUTES_TEXTS.remarkItemUnknown, minutesPage(meetingId));
}

/**
 * A party that cannot approve says so, with its reason: the konsulent sees it; the minutes are not
 * locked and the party may still approve later.
 */
export async function refuseMinutes(db: Db, meetingId: number, who: Approver, reason: RemarkInput, at: Date, notifier?: Notifier): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const minutes = await trx.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!minutes || minutes.status !== 'til_godkendelse') throw new Conflict(MINUTES_TEXTS.notSent, minutesPage(meetingId));
    const party = await approvalPartyOf(trx, meetingId, who);
    if (!party) throw new Forbidden(MINUTES_TEXTS.onlyOwnParty);
    await assertItemOfVersion(trx, minutes.id, minutes.version, reason.itemNumber, meetingId);
    const r = { minutes_id: minutes.id, version: minutes.version, organisation_id: party.id, person_id: who.personId, item_number: reason.itemNumber, kind: 'godkender_ikke' as const, text: reason.text, created_at: at.toISOString() };
    const { id } = await trx.insertInto('minutes_remarks').values(r).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor: { userId: who.userId }, at, action: 'create', entity: 'minutes_remark', entityId: id, after: r });
    await notifyMinutesRemark(trx, notifier, id, at);
  });
}

export interface JournalExport {
  content: MinutesDocument;
  model: DocumentModel;
  version: number;
  journalNumber: string;
  approvedAt: Date;
}

/** The latest approved version as the journal copy; refused until every party has approved. */
export async function journalForExport(db: Db, meeting: { id: number; journal_number: string; partnership_id: number }): Promise<JournalExport> {
  const view = await minutesView(db, meeting.id, 'latest-approved');
  const approved = view.latestApproved;
  if (!approved || !approved.lockedAt) throw new Conflict(MINUTES_TEXTS.journalOnlyApproved, minutesPage(meeting.id));
  const partnership = await db.selectFrom('partnerships').select('journal_number').where('id', '=', meeting.partnership_id).executeTakeFirst();
  const journalNumber = meeting.journal_number || partnership?.journal_number || '';
  const base = referatDocument(approved.document, { parties: view.parties, approvals: approved.approvals, remarks: approved.remarks, draft: false });
  return {
    content: approved.document,
    model: journalCopy(base, { journalNumber, version: approved.version, approvals: approved.approvals }),
    version: approved.version,
    journalNumber,
    approvedAt: new Date(approved.lockedAt),
  };
}

// The minutes (referat) as one document model, in the Danish order of a municipal referat.
// The page, the print view and every export render this model; a version sent for approval is
// stored as this model in JSON, so what was approved stays exactly readable.
import type { Db } from '../db/database';
import { ACTION_STATUS_LABELS, AGENDA_KIND_LABELS, MEETING_KIND_LABELS, MEETING_STATUS_LABELS } from '../web/labels';
import { formatIsoDay, formatPeriod } from '../web/format';
import { utcToCopenhagen } from '../web/time';
import { actionsOfMeeting, carriedOverOfMeeting } from '../actions/service';
import { agendaOf, findMeeting, participantsOf } from './queries';
import { NotFound } from '../web/errors';
import { groupBy } from '../web/collections';
import { attachmentsOfMeeting } from '../attachments/service';
import { attachmentLines } from './agenda-document';
import { changeSummary } from './versions-diff';
import { itemAttendanceOf } from './item-attendance';
import { publicNamesOf } from './public-names';

export interface DocumentAction {
  text: string;
  owner: string;
  due: string;
  status: string;
  /** The agenda item number it came from, if any. */
  item: number | null;
}

export interface DocumentItem {
  number: number;
  /** The agenda item's id, to match items between versions (missing in versions frozen before it was kept). */
  itemId?: number;
  title: string;
  kind: string;
  background: string;
  discussion: string;
  decision: string;
  /** Open actions carried over from earlier meetings (the follow-up item only). */
  carriedOver: DocumentAction[];
  /** The proposed decision (indstilling). Versions frozen before it existed lack it. */
  proposal?: string;
  presenter?: string;
  postponed?: boolean;
  /** "1. Budget 2027 (PDF, 240 kB)", as frozen with the version. */
  attachments?: string[];
  /** Attendance for this item only: "Navn (Org) – forlod mødet". */
  absentDuring?: string[];
  inhabil?: string[];
  guests?: string[];
  /** A closed item (lukket punkt): only its title for læsere and in the public version. */
  closed?: boolean;
  closedReason?: string;
  /** The bilag lines of the public version (those not marked "ikke offentlig"), numbered anew. */
  publicAttachments?: string[];
  /** The citizen story this decision chose as the most significant (anonymised), and why. */
  mostSignificant?: { story: string; reason: string };
}

/** A party's protocol remark (or refusal) on one version: printed under its item, or after the last item. */
export interface DocumentRemark {
  party: string;
  person: string;
  at: string;
  /** The item's number in the version; null for the minutes as a whole. */
  itemNumber: number | null;
  kind: 'bemaerkning' | 'godkender_ikke';
  text: string;
}

export interface DocumentApproval {
  party: string;
  person: string;
  at: string;
}

export interface MinutesDocument {
  meetingId: number;
  title: string;
  partnership: string;
  kind: string;
  meetingStatus: string;
  cancelReason: string;
  /** "tirsdag 24. november 2026 kl. 14.00–16.00" */
  when: string;
  /** The meeting's Copenhagen date, YYYY-MM-DD (for file names). */
  date: string;
  place: string;
  present: string[];
  absent: string[];
  noShow: string[];
  invited: string[];
  chair: string;
  minuteTaker: string;
  items: DocumentItem[];
  actions: DocumentAction[];
  freeText: string;
  nextMeeting: string;
  version: number;
  changeNote: string;
  /** The bilag to the meeting as a whole. */
  attachments?: string[];
  /** Guests who took part in one item: "Navn (Org) – deltog under punkt 3". */
  guests?: string[];
  /** A corrected version's addendum: why it was corrected and what changed since the version before. */
  addendum?: { fromVersion: number; reason: string; changes: string[] };
  publicAttachments?: string[];
  /**
   * For the public version: each name (and "Navn (Organisation)") of a person who is not one of the
   * partnership's representatives, and the organisation to show instead. Frozen with the version.
   */
  publicNames?: Record<string, string>;
}

function personLabel(p: { name: string; organisation_name: string | null }): string {
  return p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name;
}

export interface MinutesText {
  free_text: string;
  next_meeting: string;
  version: number;
  change_note: string;
}

/** Builds the document from the meeting's live data (a draft, or the moment it is frozen). */
/**
 * Builds the document from the meeting's live data (a draft, or the moment it is frozen). For a
 * corrected version, `previous` (the version before) gives the addendum: what changed, and why.
 */
export async function buildMinutesDocument(db: Db, meetingId: number, text: MinutesText, previous?: MinutesDocument): Promise<MinutesDocument> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new NotFound();
  const [participants, items, actions, carried, files, perItem] = await Promise.all([
    participantsOf(db, meetingId),
    agendaOf(db, meetingId),
    actionsOfMeeting(db, meetingId),
    carriedOverOfMeeting(db, meetingId),
    attachmentsOfMeeting(db, meetingId),
    itemAttendanceOf(db, meetingId),
  ]);
  const attendanceByItem = groupBy(perItem, (a) => a.agenda_item_id);
  const labelled = (a: (typeof perItem)[number]) => `${personLabel({ name: a.name, organisation_name: a.organisation_name })}${a.note ? ' – ' + a.note : ''}`;
  const ofKind = (itemId: number, kind: string) => (attendanceByItem.get(itemId) ?? []).filter((a) => a.kind === kind).map(labelled);
  const carriedByItem = groupBy(carried, (c) => c.agenda_item_id);
  const numberOf = new Map(items.map((item, i) => [item.id, i + 1]));
  const toAction = (a: { text: string; owner_name: string | null; due_date: string | null; status: keyof typeof ACTION_STATUS_LABELS; agenda_item_id?: number | null }): DocumentAction => ({
    text: a.text,
    owner: a.owner_name ?? '',
    due: formatIsoDay(a.due_date),
    status: ACTION_STATUS_LABELS[a.status],
    item: a.agenda_item_id ? numberOf.get(a.agenda_item_id) ?? null : null,
  });
  const withAttendance = (kind: string) => participants.filter((p) => p.attendance === kind).map(personLabel);
  const document: MinutesDocument = {
    meetingId,
    title: meeting.title,
    partnership: meeting.partnership_name,
    kind: MEETING_KIND_LABELS[meeting.kind],
    meetingStatus: MEETING_STATUS_LABELS[meeting.status],
    cancelReason: meeting.cancel_reason ?? '',
    when: formatPeriod(meeting.starts_at, meeting.ends_at),
    date: utcToCopenhagen(meeting.starts_at).day,
    place: meeting.place,
    present: withAttendance('deltog'),
    absent: withAttendance('afbud'),
    noShow: withAttendance('udeblev'),
    invited: withAttendance('inviteret'),
    chair: meeting.chair_name ?? '',
    minuteTaker: meeting.minute_taker_name ?? '',
    items: items.map((item, i) => ({
      number: i + 1,
      itemId: item.id,
      title: item.title,
      kind: AGENDA_KIND_LABELS[item.kind],
      background: item.background,
      discussion: item.discussion,
      decision: item.decision,
      carriedOver: (carriedByItem.get(item.id) ?? []).map((c) => toAction({ ...c, agenda_item_id: null })),
      proposal: item.proposal,
      presenter: item.presenter_name ?? '',
      postponed: item.postponed === 1,
      attachments: attachmentLines(files.byItem.get(item.id) ?? []),
      absentDuring: ofKind(item.id, 'fravaerende'),
      inhabil: ofKind(item.id, 'inhabil'),
      guests: ofKind(item.id, 'gaest'),
      ...(item.closed ? { closed: true, closedReason: item.closed_reason } : {}),
      ...(item.msc_story ? { mostSignificant: { story: item.msc_story, reason: item.msc_reason } } : {}),
      publicAttachments: attachmentLines((files.byItem.get(item.id) ?? []).filter((f) => f.public)),
    })),
    actions: actions.map(toAction),
    freeText: text.free_text,
    nextMeeting: text.next_meeting,
    version: text.version,
    changeNote: text.change_note,
    attachments: attachmentLines(files.meeting),
    publicAttachments: attachmentLines(files.meeting.filter((f) => f.public)),
    guests: items.flatMap((item, i) =>
      (attendanceByItem.get(item.id) ?? []).filter((a) => a.kind === 'gaest').map((a) => `${personLabel({ name: a.name, organisation_name: a.organisation_name })} – deltog under punkt ${i + 1}`),
    ),
  };
  document.publicNames = await publicNamesOf(db, meeting.partnership_id, [
    ...participants,
    ...perItem,
    ...[meeting.chair_name, meeting.minute_taker_name, ...items.map((i) => i.presenter_name), ...actions.map((a) => a.owner_name), ...carried.map((c) => c.owner_name)]
      .filter((name): name is string => !!name)
      .map((name) => ({ name, organisation_name: undefined })),
  ]);
  if (previous && text.version > 1) {
    document.addendum = { fromVersion: previous.version, reason: text.change_note, changes: changeSummary(previous, document) };
  }
  return document;
}

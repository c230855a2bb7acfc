// The agenda (dagsorden) as a document: what the participants get before the meeting — title,
// time, place, who is invited, and per item its type, time, presenter, proposer, sagsfremstilling,
// indstilling and bilag; never the discussion or the decision. Rendered by the same writers as the
// referat (server/documents/).
import type { Db } from '../db/database';
import type { Block, DocumentModel } from '../documents/model';
import { groupBy } from '../web/collections';
import { NotFound } from '../web/errors';
import { formatDateTime, formatPeriod } from '../web/format';
import { AGENDA_KIND_LABELS } from '../web/labels';
import { carriedOverOfMeeting } from '../actions/service';
import { attachmentsOfMeeting, type AttachmentLine } from '../attachments/service';
import { proposedByOfMeeting } from '../proposals/service';
import { AGENDA_TEXTS as T, MINUTES_TEXTS } from './messages';
import type { Audience } from './audience';
import { agendaOf, findMeeting, participantsOf } from './queries';
import { agendaSchedule } from './schedule';
import { utcToCopenhagen } from '../web/time';

/** "Bilag: 1. Budget 2027 (PDF, 240 kB)" — the same wording in the agenda and the referat. */
export function attachmentLines(lines: AttachmentLine[]): string[] {
  return lines.map((a, i) => `${i + 1}. ${a.title} (${a.typeLabel}, ${a.sizeLabel})`);
}

export interface AgendaDocument {
  model: DocumentModel;
  /** The meeting's Copenhagen date, for file names. */
  date: string;
  title: string;
  /** The PDF bilag in the agenda's order (item by item, then the meeting's own), for the merged PDF. */
  pdfAttachments: Array<AttachmentLine & { heading: string }>;
}

export async function buildAgendaDocument(db: Db, meetingId: number, audience: Audience = 'internal'): Promise<AgendaDocument> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw new NotFound();
  const [items, participants, carried, attachments, proposedBy] = await Promise.all([
    agendaOf(db, meetingId),
    participantsOf(db, meetingId),
    carriedOverOfMeeting(db, meetingId),
    attachmentsOfMeeting(db, meetingId),
    proposedByOfMeeting(db, meetingId),
  ]);
  const carriedByItem = groupBy(carried, (c) => c.agenda_item_id);
  const schedule = agendaSchedule(meeting.starts_at, meeting.ends_at, items);
  const released = meeting.agenda_released_at;
  const revised = meeting.agenda_revised_at;
  const heading = revised ? T.revisedTitle : T.title;
  const pdfAttachments: AgendaDocument['pdfAttachments'] = [];

  const blocks: Block[] = [];
  if (!released) blocks.push({ kind: 'notice', text: T.notReleased });
  if (revised) blocks.push({ kind: 'notice', text: T.revisedNotice(formatDateTime(revised)) });
  blocks.push({ kind: 'heading', level: 1, text: `${heading}: ${meeting.title}` });
  blocks.push({
    kind: 'fields',
    fields: [
      { label: 'Partnerskab', value: meeting.partnership_name },
      { label: 'Tid', value: formatPeriod(meeting.starts_at, meeting.ends_at) },
      { label: 'Sted', value: meeting.place || 'Ikke angivet' },
      { label: 'Inviterede', value: participants.map((p) => (p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name)).join(', ') || 'Ingen endnu' },
      { label: 'Udsendt', value: released ? formatDateTime(released) : 'Ikke udsendt endnu' },
      ...(revised ? [{ label: 'Revideret', value: formatDateTime(revised) }] : []),
    ],
  });
  if (schedule.overrun) blocks.push({ kind: 'notice', text: schedule.overrun });

  blocks.push({ kind: 'heading', level: 2, text: 'Punkter' });
  if (items.length === 0) blocks.push({ kind: 'paragraph', text: 'Ingen punkter endnu.' });
  items.forEach((item, i) => {
    const number = i + 1;
    blocks.push({ kind: 'heading', level: 3, text: `${number}. ${item.title} (${AGENDA_KIND_LABELS[item.kind]})` });
    if (item.closed && audience !== 'internal') {
      blocks.push({ kind: 'paragraph', text: MINUTES_TEXTS.closedItem });
      return;
    }
    if (item.closed) blocks.push({ kind: 'notice', text: MINUTES_TEXTS.closedItemInternal(item.closed_reason) });
    const when = [schedule.items[i].label && `Kl. ${schedule.items[i].label}`, item.presenter_name && `Fremlægges af ${item.presenter_name}`].filter(Boolean).join(' · ');
    if (when) blocks.push({ kind: 'paragraph', text: when });
    const proposer = proposedBy.get(item.id); // "Foreslået af …", as on the meeting's page
    if (proposer) blocks.push({ kind: 'paragraph', text: proposer });
    if (item.postponed) blocks.push({ kind: 'paragraph', text: 'Punktet er udsat.' });
    if (item.background) blocks.push({ kind: 'paragraph', label: 'Sagsfremstilling', text: item.background });
    const open = carriedByItem.get(item.id) ?? [];
    if (open.length) blocks.push({ kind: 'list', items: open.map((a) => `${a.text}${a.owner_name ? ' – ' + a.owner_name : ''}`) });
    if (item.proposal) blocks.push({ kind: 'paragraph', label: 'Indstilling', text: item.proposal });
    const files = attachments.byItem.get(item.id) ?? [];
    if (files.length) blocks.push({ kind: 'paragraph', label: 'Bilag', text: attachmentLines(files).join('\n') });
    for (const f of files) if (f.isPdf) pdfAttachments.push({ ...f, heading: `Punkt ${number}: ${f.title}` });
  });
  if (attachments.meeting.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Bilag til mødet' }, { kind: 'list', items: attachmentLines(attachments.meeting) });
    for (const f of attachments.meeting) if (f.isPdf) pdfAttachments.push({ ...f, heading: f.title });
  }

  return {
    model: {
      title: `${heading}: ${meeting.title}`,
      subject: 'Dagsorden',
      runningHeader: `${meeting.partnership_name} · ${heading} · ${meeting.title}`,
      runningFooter: released ? `Udsendt ${formatDateTime(released)}${revised ? ` · revideret ${formatDateTime(revised)}` : ''}` : T.notReleased,
      watermark: released ? null : 'UDKAST',
      blocks,
    },
    date: utcToCopenhagen(meeting.starts_at).day,
    title: meeting.title,
    pdfAttachments,
  };
}

// The referat as a document: one function lays out the minutes' content (a live draft or a frozen
// version) in the Danish order of a municipal referat. The page, the print page and the PDF,
// DOCX and Markdown files all render what this returns.
import type { Block, DocumentModel } from '../documents/model';
import type { DocumentAction, DocumentApproval, DocumentRemark, MinutesDocument } from './minutes-document';
import { MINUTES_TEXTS as T } from './messages';
import type { Audience } from './audience';

export interface ReferatApprovals {
  /** The partnership's parties, in their order. */
  parties: Array<{ name: string }>;
  approvals: DocumentApproval[];
  /** The version's protocol remarks (refusals are not printed: they are for the konsulent). */
  remarks?: DocumentRemark[];
  /** Not approved by every party: marked UDKAST on every page. */
  draft: boolean;
  /** Who reads it (meetings/audience.ts); the content is already what they may see. */
  audience?: Audience;
}

const ACTION_COLUMNS = [
  { title: 'Hvad', width: 48 },
  { title: 'Hvem', width: 22 },
  { title: 'Hvornår', width: 17 },
  { title: 'Status', width: 13 },
];

function carriedOverLine(a: DocumentAction): string {
  return `${a.text}${a.owner ? ' – ' + a.owner : ''}${a.due ? ', frist ' + a.due : ''} (${a.status})`;
}

function remarkBlock(r: DocumentRemark): Block {
  return { kind: 'paragraph', label: `Protokolbemærkning fra ${r.party}`, text: `${r.text}\n(${r.person}, ${r.at})` };
}

function itemBlocks(item: MinutesDocument['items'][number], remarks: DocumentRemark[], audience: Audience): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: `${item.number}. ${item.title} (${item.kind})` }];
  if (item.closed && audience !== 'internal') return [...blocks, { kind: 'paragraph', text: T.closedItem }];
  if (item.closed) blocks.push({ kind: 'notice', text: T.closedItemInternal(item.closedReason ?? '') });
  const present = [
    ...(item.absentDuring?.length ? [{ label: 'Fraværende under punktet', value: item.absentDuring.join(', ') }] : []),
    ...(item.inhabil?.length ? [{ label: 'Inhabil', value: item.inhabil.join(', ') }] : []),
    ...(item.guests?.length ? [{ label: 'Gæst under punktet', value: item.guests.join(', ') }] : []),
  ];
  if (item.presenter) present.unshift({ label: 'Fremlagt af', value: item.presenter });
  if (present.length) blocks.push({ kind: 'fields', fields: present });
  if (item.background) blocks.push({ kind: 'paragraph', label: 'Sagsfremstilling', text: item.background });
  if (item.carriedOver.length) blocks.push({ kind: 'list', items: item.carriedOver.map(carriedOverLine) });
  if (item.attachments?.length) blocks.push({ kind: 'paragraph', label: 'Bilag', text: item.attachments.join('\n') });
  if (item.discussion) blocks.push({ kind: 'paragraph', label: 'Drøftelse', text: item.discussion });
  // The decision stands directly under the proposed decision.
  if (item.proposal) blocks.push({ kind: 'paragraph', label: 'Indstilling', text: item.proposal });
  if (item.decision) blocks.push({ kind: 'paragraph', label: 'Beslutning', text: item.decision });
  if (item.mostSignificant) blocks.push({ kind: 'paragraph', label: 'Valgt som mest betydningsfulde historie', text: `${item.mostSignificant.story}\nBegrundelse: ${item.mostSignificant.reason}` });
  if (item.postponed) blocks.push({ kind: 'paragraph', text: 'Punktet er udsat til næste møde.' });
  for (const r of remarks) if (r.itemNumber === item.number) blocks.push(remarkBlock(r));
  return blocks;
}

export function referatDocument(d: MinutesDocument, a: ReferatApprovals): DocumentModel {
  const blocks: Block[] = [];
  const audience = a.audience ?? 'internal';
  const title = audience === 'public' ? `Referat (offentlig version): ${d.title}` : `Referat: ${d.title}`;
  if (a.draft) blocks.push({ kind: 'notice', text: T.draftNotice });
  if (audience === 'public') blocks.push({ kind: 'notice', text: T.publicNotice });
  blocks.push({ kind: 'heading', level: 1, text: title });
  blocks.push({
    kind: 'fields',
    fields: [
      { label: 'Partnerskab', value: d.partnership },
      { label: 'Tid', value: d.when },
      { label: 'Sted', value: d.place || 'Ikke angivet' },
      ...(d.cancelReason ? [{ label: 'Aflyst', value: d.cancelReason }] : []),
      { label: 'Deltagere', value: d.present.join(', ') || 'Ingen registreret' },
      { label: 'Afbud', value: d.absent.join(', ') || 'Ingen' },
      ...(d.noShow.length ? [{ label: 'Fraværende uden afbud', value: d.noShow.join(', ') }] : []),
      ...(d.guests?.length ? [{ label: 'Gæster', value: d.guests.join(', ') }] : []),
      { label: 'Mødeleder', value: d.chair || 'Ikke angivet' },
      { label: 'Referent', value: d.minuteTaker || 'Ikke angivet' },
    ],
  });
  if (d.freeText) blocks.push({ kind: 'paragraph', text: d.freeText });
  if (d.addendum) {
    blocks.push(
      { kind: 'heading', level: 2, text: `Tilføjelse til referatet (version ${d.version})` },
      { kind: 'paragraph', label: 'Rettet, fordi', text: d.addendum.reason || 'Ikke oplyst' },
      { kind: 'paragraph', label: `Ændret siden version ${d.addendum.fromVersion}`, text: d.addendum.changes.join('\n') },
      { kind: 'paragraph', text: `Version ${d.addendum.fromVersion} og dens godkendelser kan stadig læses og hentes.` },
    );
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Dagsorden og referat' });
  if (d.items.length === 0) blocks.push({ kind: 'paragraph', text: 'Ingen punkter.' });
  const remarks = (a.remarks ?? []).filter((r) => r.kind === 'bemaerkning');
  for (const item of d.items) blocks.push(...itemBlocks(item, remarks, audience));
  const general = remarks.filter((r) => r.itemNumber === null || !d.items.some((i) => i.number === r.itemNumber));
  if (general.length) blocks.push({ kind: 'heading', level: 2, text: 'Protokolbemærkninger' }, ...general.map(remarkBlock));

  if (d.attachments?.length) blocks.push({ kind: 'heading', level: 2, text: 'Bilag til mødet' }, { kind: 'list', items: d.attachments });

  blocks.push({ kind: 'heading', level: 2, text: 'Opfølgning' });
  if (d.actions.length === 0) blocks.push({ kind: 'paragraph', text: 'Ingen opfølgningspunkter.' });
  else {
    blocks.push({
      kind: 'table',
      caption: 'Opfølgningspunkter',
      columns: ACTION_COLUMNS,
      rows: d.actions.map((x) => [x.item ? `${x.text} (punkt ${x.item})` : x.text, x.owner, x.due, x.status]),
    });
  }

  blocks.push({ kind: 'heading', level: 2, text: 'Næste møde' }, { kind: 'paragraph', text: d.nextMeeting || 'Ikke aftalt' });
  blocks.push({ kind: 'heading', level: 2, text: 'Godkendelse' });
  blocks.push({
    kind: 'approvals',
    lines: a.parties.map((party) => {
      const approval = a.approvals.find((x) => x.party === party.name);
      const withRemark = remarks.some((r) => r.party === party.name);
      return { party: party.name, text: approval ? `godkendt${withRemark ? ' med bemærkning' : ''} af ${approval.person} ${approval.at}` : 'ikke godkendt' };
    }),
  });
  blocks.push({ kind: 'paragraph', text: `Version ${d.version}${d.changeNote ? ' – ændret: ' + d.changeNote : ''}` });

  return {
    title,
    subject: 'Referat',
    runningHeader: `${d.partnership} · ${d.title}`,
    runningFooter: `Version ${d.version}${a.draft ? ' · ' + T.watermark : ''}`,
    watermark: a.draft ? T.watermark : null,
    blocks,
  };
}

export interface JournalInfo {
  journalNumber: string;
  version: number;
  approvals: DocumentApproval[];
}

/** The approved referat as the municipality's journal copy: a cover line with case number and approval stamps. */
export function journalCopy(model: DocumentModel, j: JournalInfo): DocumentModel {
  const stamps = j.approvals.map((a) => `${a.party}: godkendt af ${a.person} ${a.at}`);
  return {
    ...model,
    runningFooter: `Journalkopi · godkendt version ${j.version}${j.journalNumber ? ' · j.nr. ' + j.journalNumber : ''}`,
    blocks: [
      {
        kind: 'fields',
        fields: [
          { label: 'Journalkopi', value: `Godkendt referat, version ${j.version}` },
          { label: 'Journalnummer', value: j.journalNumber || 'Ikke angivet' },
          { label: 'Godkendelser', value: stamps.join('\n') },
        ],
      },
      ...model.blocks,
    ],
  };
}

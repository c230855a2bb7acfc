// The referat as a document: one function lays out the minutes' content (a live draft or a frozen
// version) in the Danish order of a municipal referat. The page, the print page and the PDF,
// DOCX and Markdown files all render what this returns.
import type { Block, DocumentModel } from '../documents/model';
import type { DocumentAction, DocumentApproval, MinutesDocument } from './minutes-document';
import { MINUTES_TEXTS as T } from './messages';

export interface ReferatApprovals {
  /** The partnership's parties, in their order. */
  parties: Array<{ name: string }>;
  approvals: DocumentApproval[];
  /** Not approved by every party: marked UDKAST on every page. */
  draft: boolean;
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

function itemBlocks(item: MinutesDocument['items'][number]): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: `${item.number}. ${item.title} (${item.kind})` }];
  if (item.background) blocks.push({ kind: 'paragraph', label: 'Sagsfremstilling', text: item.background });
  if (item.carriedOver.length) blocks.push({ kind: 'list', items: item.carriedOver.map(carriedOverLine) });
  if (item.discussion) blocks.push({ kind: 'paragraph', label: 'Drøftelse', text: item.discussion });
  if (item.decision) blocks.push({ kind: 'paragraph', label: 'Beslutning', text: item.decision });
  return blocks;
}

export function referatDocument(d: MinutesDocument, a: ReferatApprovals): DocumentModel {
  const blocks: Block[] = [];
  if (a.draft) blocks.push({ kind: 'notice', text: T.draftNotice });
  blocks.push({ kind: 'heading', level: 1, text: `Referat: ${d.title}` });
  blocks.push({
    kind: 'fields',
    fields: [
      { label: 'Partnerskab', value: d.partnership },
      { label: 'Tid', value: d.when },
      { label: 'Sted', value: d.place || 'Ikke angivet' },
      ...(d.cancelReason ? [{ label: 'Aflyst', value: d.cancelReason }] : []),
      { label: 'Deltagere', value: d.present.join(', ') || 'Ingen registreret' },
      { label: 'Afbud', value: d.absent.join(', ') || 'Ingen' },
      ...(d.noShow.length ? [{ label: 'Udeblev', value: d.noShow.join(', ') }] : []),
      { label: 'Mødeleder', value: d.chair || 'Ikke angivet' },
      { label: 'Referent', value: d.minuteTaker || 'Ikke angivet' },
    ],
  });
  if (d.freeText) blocks.push({ kind: 'paragraph', text: d.freeText });

  blocks.push({ kind: 'heading', level: 2, text: 'Dagsorden og referat' });
  if (d.items.length === 0) blocks.push({ kind: 'paragraph', text: 'Ingen punkter.' });
  for (const item of d.items) blocks.push(...itemBlocks(item));

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
      return { party: party.name, text: approval ? `godkendt af ${approval.person} ${approval.at}` : 'ikke godkendt' };
    }),
  });
  blocks.push({ kind: 'paragraph', text: `Version ${d.version}${d.changeNote ? ' – ændret: ' + d.changeNote : ''}` });

  return {
    title: `Referat: ${d.title}`,
    subject: 'Referat',
    runningHeader: `${d.partnership} · ${d.title}`,
    runningFooter: `Version ${d.version}${a.draft ? ' · ' + T.watermark : ''}`,
    watermark: a.draft ? T.watermark : null,
    blocks,
  };
}

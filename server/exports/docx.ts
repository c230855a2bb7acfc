// The minutes as a Word document (docx) with real headings, lists and a table, so it can be
// edited further in Word or LibreOffice. The library writes the XML, so user text is escaped.
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { approvalLines, type MinutesExport } from './source';

/** Text with its line breaks kept as breaks inside one paragraph. */
function runs(text: string, bold = false): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, bold, break: i > 0 ? 1 : undefined }));
}

function para(text: string): Paragraph {
  return new Paragraph({ children: runs(text), spacing: { after: 120 } });
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(value)] });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ children: runs(text), heading: level });
}

function bullet(text: string): Paragraph {
  return new Paragraph({ children: runs(text), bullet: { level: 0 } });
}

function cell(text: string, header = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: runs(text, header) })] });
}

function actionsTable(e: MinutesExport): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['Hvad', 'Hvem', 'Hvornår', 'Status'].map((t) => cell(t, true)) }),
      ...e.doc.actions.map(
        (a) => new TableRow({ children: [cell(a.item ? `${a.text} (punkt ${a.item})` : a.text), cell(a.owner), cell(a.due), cell(a.status)] }),
      ),
    ],
  });
}

export function minutesDocx(e: MinutesExport): Promise<Buffer> {
  const d = e.doc;
  const body: Array<Paragraph | Table> = [];
  if (e.draft) body.push(new Paragraph({ children: [new TextRun({ text: 'UDKAST – ikke godkendt af alle parter', bold: true, color: 'C0392B' })] }));
  body.push(heading(`Referat: ${d.title}`, HeadingLevel.TITLE));
  body.push(labelled('Partnerskab', d.partnership));
  body.push(labelled('Tid', d.when));
  body.push(labelled('Sted', d.place || 'Ikke angivet'));
  if (d.cancelReason) body.push(labelled('Aflyst', d.cancelReason));
  body.push(labelled('Deltagere', d.present.join(', ') || 'Ingen registreret'));
  body.push(labelled('Afbud', d.absent.join(', ') || 'Ingen'));
  if (d.noShow.length) body.push(labelled('Udeblev', d.noShow.join(', ')));
  body.push(labelled('Mødeleder', d.chair || 'Ikke angivet'));
  body.push(labelled('Referent', d.minuteTaker || 'Ikke angivet'));
  if (d.freeText) body.push(para(d.freeText));

  body.push(heading('Dagsorden og referat', HeadingLevel.HEADING_1));
  if (d.items.length === 0) body.push(para('Ingen punkter.'));
  for (const item of d.items) {
    body.push(heading(`${item.number}. ${item.title} (${item.kind})`, HeadingLevel.HEADING_2));
    if (item.background) body.push(labelled('Sagsfremstilling', ''), para(item.background));
    for (const a of item.carriedOver) body.push(bullet(`${a.text}${a.owner ? ' – ' + a.owner : ''}${a.due ? ', frist ' + a.due : ''} (${a.status})`));
    if (item.discussion) body.push(labelled('Drøftelse', ''), para(item.discussion));
    if (item.decision) body.push(labelled('Beslutning', ''), para(item.decision));
  }

  body.push(heading('Opfølgning', HeadingLevel.HEADING_1));
  body.push(d.actions.length ? actionsTable(e) : para('Ingen opfølgningspunkter.'));
  body.push(heading('Næste møde', HeadingLevel.HEADING_1), para(d.nextMeeting || 'Ikke aftalt'));
  body.push(heading('Godkendelse', HeadingLevel.HEADING_1));
  for (const line of approvalLines(e)) body.push(bullet(line));
  body.push(para(`Version ${d.version}${d.changeNote ? ' – ændret: ' + d.changeNote : ''}`));

  const document = new Document({
    creator: 'Uldum Samskabelse',
    title: `Referat: ${d.title}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        headers: {
          default: new Header({
            children: [new Paragraph({ children: [new TextRun({ text: `${d.partnership} · ${d.title}${e.draft ? ' · UDKAST' : ''}`, size: 16 })] })],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES], size: 16 })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}

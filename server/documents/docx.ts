// The Word writer (docx): real headings, lists and tables, Danish as the document language, one
// font, "Side X af Y" in the footer, so the file can be edited on in Word or LibreOffice.
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
import type { Block, DocumentModel } from './model';
import { cleanText } from './text';

const FONT = 'Calibri';
const LANGUAGE = { value: 'da-DK' };
/** A4 less the default margins of one inch on each side, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1440;
const HEADINGS = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2 } as const;

/** Text with its line breaks kept as breaks (w:br): Word shows a newline inside w:t as a space. */
function runs(text: string, bold = false, color?: string): TextRun[] {
  return cleanText(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, bold, color, break: i > 0 ? 1 : undefined }));
}

function cell(text: string, width: number, header: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [new Paragraph({ children: runs(text, header), spacing: { after: 0 } })],
  });
}

function table(b: Extract<Block, { kind: 'table' }>): Array<Paragraph | Table> {
  const widths = b.columns.map((c) => Math.round((c.width / 100) * TEXT_WIDTH));
  return [
    new Paragraph({ children: runs(b.caption, true), keepNext: true, spacing: { before: 120, after: 60 } }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => cell(c.title, widths[i], true)) }),
        ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, widths[i], false)) })),
      ],
    }),
    new Paragraph({ children: [], spacing: { after: 120 } }),
  ];
}

function block(b: Block): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ children: runs(b.text), heading: HEADINGS[b.level], keepNext: true })];
    case 'notice':
      return [new Paragraph({ children: runs(b.text, true, 'C0392B'), spacing: { after: 120 } })];
    case 'fields':
      return b.fields.map(
        (f, i) =>
          new Paragraph({
            children: [new TextRun({ text: `${cleanText(f.label)}: `, bold: true }), ...runs(f.value)],
            spacing: { after: i === b.fields.length - 1 ? 160 : 40 },
          }),
      );
    case 'paragraph':
      return [
        ...(b.label ? [new Paragraph({ children: runs(`${b.label}:`, true), keepNext: true, spacing: { after: 40 } })] : []),
        new Paragraph({ children: runs(b.text), spacing: { after: 160 } }),
      ];
    case 'list':
      return b.items.map((item) => new Paragraph({ children: runs(item), bullet: { level: 0 } }));
    case 'table':
      return table(b);
    case 'approvals':
      return b.lines.map((l) => new Paragraph({ children: [new TextRun({ text: `${cleanText(l.party)}: `, bold: true }), ...runs(l.text)], bullet: { level: 0 } }));
    case 'figure':
      return [];
  }
}

export function documentDocx(doc: DocumentModel): Promise<Buffer> {
  const small = 16; // half-points: 8 pt
  const document = new Document({
    creator: 'Uldum Samskabelse',
    title: cleanText(doc.title),
    subject: doc.subject,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: LANGUAGE }, paragraph: { spacing: { after: 80, line: 276 } } },
        title: { run: { font: FONT, size: 36, bold: true, language: LANGUAGE }, paragraph: { spacing: { after: 200 } } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: '1D2329', language: LANGUAGE }, paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: '1D2329', language: LANGUAGE }, paragraph: { spacing: { before: 240, after: 80 } } },
      },
    },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: cleanText(doc.runningHeader), size: small, color: '4F5B66' }),
                  ...(doc.watermark ? [new TextRun({ text: ` · ${doc.watermark}`, size: small, bold: true, color: 'C0392B' })] : []),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun({ text: cleanText(doc.runningFooter), size: small, color: '4F5B66' }),
                  new TextRun({ text: '\t', size: small }),
                  new TextRun({ children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES], size: small, color: '4F5B66' }),
                ],
                tabStops: [{ type: 'right', position: TEXT_WIDTH }],
                alignment: AlignmentType.LEFT,
              }),
            ],
          }),
        },
        children: doc.blocks.flatMap(block),
      },
    ],
  });
  return Packer.toBuffer(document);
}

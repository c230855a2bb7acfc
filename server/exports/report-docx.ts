// A ReportDocument as an editable Word document: headings, bullet lists and tables.
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ReportDocument } from './report-document';

/** Text with its line breaks kept as breaks (w:br): Word shows a newline inside w:t as a space. */
const runs = (text: string, bold?: boolean) => text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, bold, break: i > 0 ? 1 : undefined }));
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: runs(text, bold) })] });

export function reportDocx(report: ReportDocument): Promise<Buffer> {
  const body: Array<Paragraph | Table> = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: report.subtitle }),
  ];
  for (const section of report.sections) {
    body.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const block of section.blocks) {
      if (block.kind === 'p') body.push(new Paragraph({ children: runs(block.text) }));
      else if (block.kind === 'list') for (const item of block.items) body.push(new Paragraph({ children: runs(item), bullet: { level: 0 } }));
      else {
        body.push(new Paragraph({ children: [new TextRun({ text: block.caption, bold: true })] }));
        body.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: block.columns.map((c) => cell(c, true)) }),
              ...block.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
            ],
          }),
        );
      }
    }
  }
  const document = new Document({
    creator: 'Uldum Samskabelse',
    title: report.title,
    sections: [
      {
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES], size: 16 })] })],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}

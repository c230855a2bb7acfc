// A ReportDocument as an A4 PDF with the embedded DejaVu font and "Side n af m".
import PDFDocument from 'pdfkit';
import type { ReportDocument } from './report-document';
import { BOLD_FONT, REGULAR_FONT } from './fonts';

type Pdf = InstanceType<typeof PDFDocument>;
const M = { top: 64, bottom: 60, left: 50, right: 50 };

function table(doc: Pdf, columns: string[], rows: string[][]) {
  const width = doc.page.width - M.left - M.right;
  const w = width / columns.length;
  const pad = 3;
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
    const h = Math.max(...cells.map((c) => doc.heightOfString(c || ' ', { width: w - 2 * pad }))) + 2 * pad;
    if (doc.y + h > doc.page.height - M.bottom) {
      doc.addPage();
      if (!bold) draw(columns, true);
    }
    const y = doc.y;
    cells.forEach((c, i) => {
      const x = M.left + i * w;
      if (bold) doc.rect(x, y, w, h).fill('#e8ecef').fillColor('#1d2329');
      doc.rect(x, y, w, h).lineWidth(0.5).strokeColor('#9aa5b1').stroke();
      doc.font(bold ? 'bold' : 'regular').fontSize(8.5).fillColor('#1d2329').text(c, x + pad, y + pad, { width: w - 2 * pad });
    });
    doc.x = M.left;
    doc.y = y + h;
  };
  draw(columns, true);
  for (const r of rows) draw(r, false);
  doc.font('regular').fontSize(10).moveDown(0.5);
}

export function reportPdf(report: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: M, bufferPages: true, lang: 'da-DK', info: { Title: report.title, Author: 'Uldum Samskabelse' } });
  doc.registerFont('regular', REGULAR_FONT);
  doc.registerFont('bold', BOLD_FONT);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(18).fillColor('#1d2329').text(report.title);
  doc.font('regular').fontSize(11).text(report.subtitle).moveDown(0.5);
  // A heading or caption is kept with what follows it: never alone at the foot of a page.
  const keepWithNext = (height: number) => {
    if (doc.y + height > doc.page.height - M.bottom) doc.addPage();
  };
  for (const section of report.sections) {
    keepWithNext(80);
    doc.moveDown(0.5).font('bold').fontSize(13).text(section.heading, { paragraphGap: 3 });
    for (const block of section.blocks) {
      if (block.kind === 'p') doc.font('regular').fontSize(10).text(block.text).moveDown(0.3);
      else if (block.kind === 'list') for (const item of block.items) doc.font('regular').fontSize(10).text(`• ${item}`, { indent: 6 });
      else {
        keepWithNext(60);
        doc.font('bold').fontSize(9.5).text(block.caption).moveDown(0.2);
        table(doc, block.columns, block.rows);
      }
    }
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.font('regular').fontSize(8).fillColor('#4f5b66');
    doc.text(report.title, M.left, 30, { width: doc.page.width - M.left - M.right, height: 10, ellipsis: true });
    doc.text(`Side ${i - range.start + 1} af ${range.count}`, M.left, doc.page.height - 38, { width: doc.page.width - M.left - M.right, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}

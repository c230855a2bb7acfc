// The minutes as an A4 PDF (pdfkit) with DejaVu Sans embedded, so æ, ø, å and other Latin
// letters render everywhere. Header with partnership and meeting, "Side n af m", the follow-up
// table as a table, and UDKAST on every page of a draft.
import PDFDocument from 'pdfkit';
import { approvalLines, type MinutesExport } from './source';
import { BOLD_FONT, REGULAR_FONT } from './fonts';

type Pdf = InstanceType<typeof PDFDocument>;


const MARGIN = { top: 70, bottom: 64, left: 56, right: 56 };
const INK = '#1d2329';
const MUTED = '#4f5b66';

function startDocument(title: string): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'da-DK',
    info: { Title: title, Author: 'Uldum Samskabelse', Subject: 'Referat' },
  });
  doc.registerFont('regular', REGULAR_FONT);
  doc.registerFont('bold', BOLD_FONT);
  doc.font('regular').fontSize(10.5).fillColor(INK);
  return doc;
}

function heading(doc: Pdf, text: string, size: number) {
  doc.moveDown(0.6).font('bold').fontSize(size).text(text, { paragraphGap: 4 }).font('regular').fontSize(10.5);
}

function labelled(doc: Pdf, label: string, value: string) {
  doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value);
}

/** A block of text; its own line breaks stay, with space after the block only. */
function paragraph(doc: Pdf, text: string) {
  doc.font('regular').fontSize(10.5).text(text);
  doc.moveDown(0.35);
}

const COLUMNS = [
  { title: 'Hvad', share: 0.46 },
  { title: 'Hvem', share: 0.22 },
  { title: 'Hvornår', share: 0.14 },
  { title: 'Status', share: 0.18 },
];

/** A ruled table that breaks across pages and repeats its header row. */
function table(doc: Pdf, rows: string[][]) {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const widths = COLUMNS.map((c) => c.share * width);
  const pad = 4;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(9.5);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], font: string, fill?: string) => {
    const h = rowHeight(cells, font);
    if (doc.y + h > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      drawRow(COLUMNS.map((c) => c.title), 'bold', '#e8ecef');
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      if (fill) doc.rect(x, y, widths[i], h).fill(fill).fillColor(INK);
      doc.rect(x, y, widths[i], h).lineWidth(0.5).strokeColor('#9aa5b1').stroke();
      doc.font(font).fontSize(9.5).fillColor(INK).text(c, x + pad, y + pad, { width: widths[i] - 2 * pad });
      x += widths[i];
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(COLUMNS.map((c) => c.title), 'bold', '#e8ecef');
  for (const r of rows) drawRow(r, 'regular');
  doc.font('regular').fontSize(10.5).moveDown(0.5);
}

/** Header, footer and the draft mark, drawn on every page once the page count is known. */
function decoratePages(doc: Pdf, e: MinutesExport) {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 }; // writing in the margins must not add pages
    doc.font('regular').fontSize(8.5).fillColor(MUTED);
    doc.text(`${e.doc.partnership} · ${e.doc.title}`, MARGIN.left, 30, { width: width - MARGIN.left - MARGIN.right, height: 11, ellipsis: true });
    doc.text(`Side ${i - range.start + 1} af ${total}`, MARGIN.left, height - 40, { width: width - MARGIN.left - MARGIN.right, align: 'right', lineBreak: false });
    doc.text(`Version ${e.doc.version}${e.draft ? ' · UDKAST' : ''}`, MARGIN.left, height - 40, { lineBreak: false });
    if (e.draft) {
      doc.save();
      doc.rotate(-35, { origin: [width / 2, height / 2] });
      doc.font('bold').fontSize(96).fillColor('#c0392b').fillOpacity(0.12);
      doc.text('UDKAST', 0, height / 2 - 60, { width, align: 'center', lineBreak: false });
      doc.restore();
      doc.fillOpacity(1);
    }
  }
}

export function minutesPdf(e: MinutesExport): Promise<Buffer> {
  const d = e.doc;
  const doc = startDocument(`Referat: ${d.title}`);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  if (e.draft) doc.font('bold').fontSize(11).fillColor('#c0392b').text('UDKAST – ikke godkendt af alle parter').fillColor(INK);
  doc.font('bold').fontSize(18).text(`Referat: ${d.title}`, { paragraphGap: 6 });
  doc.font('regular').fontSize(10.5);
  labelled(doc, 'Partnerskab', d.partnership);
  labelled(doc, 'Tid', d.when);
  labelled(doc, 'Sted', d.place || 'Ikke angivet');
  if (d.cancelReason) labelled(doc, 'Aflyst', d.cancelReason);
  labelled(doc, 'Deltagere', d.present.join(', ') || 'Ingen registreret');
  labelled(doc, 'Afbud', d.absent.join(', ') || 'Ingen');
  if (d.noShow.length) labelled(doc, 'Udeblev', d.noShow.join(', '));
  labelled(doc, 'Mødeleder', d.chair || 'Ikke angivet');
  labelled(doc, 'Referent', d.minuteTaker || 'Ikke angivet');
  if (d.freeText) {
    doc.moveDown(0.5);
    paragraph(doc, d.freeText);
  }

  heading(doc, 'Dagsorden og referat', 14);
  if (d.items.length === 0) paragraph(doc, 'Ingen punkter.');
  for (const item of d.items) {
    heading(doc, `${item.number}. ${item.title} (${item.kind})`, 11.5);
    if (item.background) {
      doc.font('bold').text('Sagsfremstilling:');
      paragraph(doc, item.background);
    }
    for (const a of item.carriedOver) paragraph(doc, `• ${a.text}${a.owner ? ' – ' + a.owner : ''}${a.due ? ', frist ' + a.due : ''} (${a.status})`);
    if (item.discussion) {
      doc.font('bold').text('Drøftelse:');
      paragraph(doc, item.discussion);
    }
    if (item.decision) {
      doc.font('bold').text('Beslutning:');
      paragraph(doc, item.decision);
    }
  }

  heading(doc, 'Opfølgning', 14);
  if (d.actions.length === 0) paragraph(doc, 'Ingen opfølgningspunkter.');
  else table(doc, d.actions.map((a) => [a.item ? `${a.text} (punkt ${a.item})` : a.text, a.owner, a.due, a.status]));

  heading(doc, 'Næste møde', 14);
  paragraph(doc, d.nextMeeting || 'Ikke aftalt');
  heading(doc, 'Godkendelse', 14);
  for (const line of approvalLines(e)) paragraph(doc, line);
  paragraph(doc, `Version ${d.version}${d.changeNote ? ' – ændret: ' + d.changeNote : ''}`);

  decoratePages(doc, e);
  doc.end();
  return done;
}

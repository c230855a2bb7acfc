// The PDF writer: A4 with DejaVu Sans embedded (æ, ø, å and most scripts), a running header,
// "Side X af Y" and the watermark (UDKAST) on every page. Pages are written out as they fill, never
// held together: a first pass without output counts the pages, the second streams them with the
// total known, so a thousand-page referat costs no more memory than a short one.
import type { Writable } from 'node:stream';
import type PDFKit from 'pdfkit';
import type { Block, DocumentModel } from './model';
import { pdfFonts } from './fonts';
import { cleanText } from './text';

type Pdf = InstanceType<typeof PDFKit>;

/**
 * pdfkit takes a seventh of a second to load: loaded with the first PDF, not at the server's start.
 * Only packages are imported on demand: the server's own files load through tsx's require hook,
 * which a dynamic import() bypasses.
 */
let pdfkit: Promise<typeof PDFKit> | undefined;
const loadPdfkit = () => (pdfkit ??= import('pdfkit').then((m) => m.default));

const MARGIN = { top: 70, bottom: 64, left: 56, right: 56 };
const INK = '#1d2329';
const MUTED = '#4f5b66';
const RED = '#c0392b';
const BODY = 10.5;
const HEADING_SIZE = { 1: 18, 2: 14, 3: 11.5 } as const;

/** Code points the embedded font can draw; anything else is drawn as "?" rather than a box. */
let drawable: Set<number> | undefined;

function fontCharacters(doc: Pdf): Set<number> {
  drawable ??= new Set<number>((doc as unknown as { _font: { font: { characterSet: number[] } } })._font.font.characterSet);
  return drawable;
}

function drawableText(doc: Pdf, text: string): string {
  const chars = fontCharacters(doc);
  let out = '';
  for (const ch of cleanText(text)) out += ch === '\n' || ch === ' ' || chars.has(ch.codePointAt(0)!) ? ch : '?';
  return out;
}

/** For an archival copy: PDF/A-2b (fonts embedded, XMP metadata, sRGB output intent, no transparency). */
export interface PdfOptions {
  pdfa?: boolean;
  /** The date the file stands for (e.g. the approval), so the same document gives the same file. */
  createdAt?: Date;
  /** Metadata beyond title and subject, e.g. the partnership and the journal number. */
  keywords?: string;
}

/** XMP is XML that pdfkit writes unescaped: keep metadata to characters that need no escaping. */
const forXmp = (text: string) => cleanText(text).replace(/&/g, 'og').replace(/[<>"]/g, '');

class PdfLayout {
  readonly doc: Pdf;
  private pageNumber = 0;

  constructor(
    PDFDocument: typeof PDFKit,
    private readonly model: DocumentModel,
    /** The page count from the first pass, or null in the first pass itself. */
    private readonly totalPages: number | null,
    private readonly options: PdfOptions = {},
  ) {
    const meta = options.pdfa ? forXmp : cleanText;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      autoFirstPage: false,
      compress: totalPages !== null, // the counting pass writes nothing anyone reads
      lang: 'da-DK',
      displayTitle: true,
      ...(options.pdfa ? { subset: 'PDF/A-2b', pdfVersion: '1.7', tagged: false } : {}),
      info: {
        Title: meta(model.title),
        Author: 'Uldum Samskabelse',
        Subject: meta(model.subject),
        ...(options.keywords ? { Keywords: meta(options.keywords) } : {}),
        ...(options.createdAt ? { CreationDate: options.createdAt, ModDate: options.createdAt } : {}),
      },
    } as ConstructorParameters<typeof PDFKit>[0]);
    const fonts = pdfFonts();
    this.doc.registerFont('regular', fonts.regular);
    this.doc.registerFont('bold', fonts.bold);
    this.doc.on('pageAdded', () => this.decoratePage());
    this.doc.addPage();
  }

  get pages(): number {
    return this.pageNumber;
  }

  private t(text: string): string {
    return drawableText(this.doc, text);
  }

  /** Header, footer and watermark, drawn when a page starts; the text flow goes on where it was. */
  private decoratePage() {
    const doc = this.doc;
    this.pageNumber++;
    const { width, height } = doc.page;
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 }; // writing in the margins must not add pages
    const inner = width - MARGIN.left - MARGIN.right;
    if (this.model.watermark && !this.options.pdfa) { // PDF/A allows no transparency
      doc.save();
      doc.rotate(-35, { origin: [width / 2, height / 2] });
      doc.font('bold').fontSize(96).fillColor(RED).fillOpacity(0.12);
      doc.text(this.t(this.model.watermark), 0, height / 2 - 60, { width, align: 'center', lineBreak: false });
      doc.restore();
      doc.fillOpacity(1);
    }
    doc.font('regular').fontSize(8.5).fillColor(MUTED);
    doc.text(this.t(this.model.runningHeader), MARGIN.left, 30, { width: inner, height: 11, ellipsis: true, lineBreak: false });
    const total = this.totalPages ?? 0;
    doc.text(`Side ${this.pageNumber} af ${total}`, MARGIN.left, height - 40, { width: inner, align: 'right', lineBreak: false });
    doc.text(this.t(this.model.runningFooter), MARGIN.left, height - 40, { width: inner - 90, lineBreak: false, ellipsis: true });
    doc.page.margins = margins;
    doc.x = MARGIN.left;
    doc.y = MARGIN.top;
    doc.font('regular').fontSize(BODY).fillColor(INK);
  }

  /** Starts a new page when less than `height` is left, so a heading is never alone at the foot. */
  private keepWithNext(height: number) {
    if (this.doc.y + height > this.doc.page.height - MARGIN.bottom) this.doc.addPage();
  }

  private text(text: string, font: 'regular' | 'bold', size: number, gap = 0) {
    this.doc.font(font).fontSize(size).fillColor(INK).text(this.t(text), { paragraphGap: gap });
  }

  block(b: Block) {
    const doc = this.doc;
    switch (b.kind) {
      case 'heading':
        this.keepWithNext(b.level === 1 ? 60 : 48);
        if (b.level > 1) doc.moveDown(0.6);
        this.text(b.text, 'bold', HEADING_SIZE[b.level], b.level === 1 ? 6 : 4);
        break;
      case 'notice':
        doc.font('bold').fontSize(11).fillColor(RED).text(this.t(b.text), { paragraphGap: 4 });
        break;
      case 'fields':
        for (const f of b.fields) {
          doc.font('bold').fontSize(BODY).fillColor(INK).text(`${this.t(f.label)}: `, { continued: true });
          doc.font('regular').text(this.t(f.value));
        }
        doc.moveDown(0.5);
        break;
      case 'paragraph':
        if (b.label) {
          this.keepWithNext(30);
          this.text(`${b.label}:`, 'bold', BODY);
        }
        this.text(b.text, 'regular', BODY);
        doc.moveDown(0.35);
        break;
      case 'list':
        for (const item of b.items) doc.font('regular').fontSize(BODY).fillColor(INK).text(`• ${this.t(item)}`, { indent: 0 });
        doc.moveDown(0.35);
        break;
      case 'approvals':
        for (const l of b.lines) {
          doc.font('bold').fontSize(BODY).fillColor(INK).text(`${this.t(l.party)}: `, { continued: true });
          doc.font('regular').text(this.t(l.text));
        }
        doc.moveDown(0.35);
        break;
      case 'table':
        this.table(b);
        break;
      case 'figure':
        break;
    }
  }

  /** A ruled table that breaks across pages and repeats its header row. */
  private table(b: Extract<Block, { kind: 'table' }>) {
    const doc = this.doc;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const widths = b.columns.map((c) => (c.width / 100) * width);
    const header = b.columns.map((c) => c.title);
    const pad = 4;
    const size = 9.5;
    const rowHeight = (cells: string[], font: string) => {
      doc.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => doc.heightOfString(this.t(c) || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: 'regular' | 'bold', fill?: string) => {
      const h = rowHeight(cells, font);
      const room = doc.page.height - MARGIN.bottom - doc.y;
      // A row taller than a page is drawn anyway (its text runs on); otherwise it moves whole.
      if (h > room && room < doc.page.height - MARGIN.top - MARGIN.bottom - 1) {
        doc.addPage();
        if (!fill) drawRow(header, 'bold', '#e8ecef');
      }
      const y = doc.y;
      let x = MARGIN.left;
      cells.forEach((c, i) => {
        if (fill) doc.rect(x, y, widths[i], h).fill(fill).fillColor(INK);
        doc.rect(x, y, widths[i], Math.min(h, doc.page.height - MARGIN.bottom - y)).lineWidth(0.5).strokeColor('#9aa5b1').stroke();
        doc.font(font).fontSize(size).fillColor(INK).text(this.t(c), x + pad, y + pad, { width: widths[i] - 2 * pad, height: Math.max(h - 2 * pad, 1) });
        x += widths[i];
      });
      doc.x = MARGIN.left;
      doc.y = Math.min(y + h, doc.page.height - MARGIN.bottom);
    };
    this.keepWithNext(60);
    this.text(b.caption, 'bold', 9.5, 2);
    drawRow(header, 'bold', '#e8ecef');
    for (const r of b.rows) drawRow(r, 'regular');
    doc.font('regular').fontSize(BODY).moveDown(0.5);
  }
}

/** Lays the document out, handing each block to pdfkit; yields to `pause` between blocks. */
async function layOut(model: DocumentModel, totalPages: number | null, onData: (chunk: Buffer) => void, pause: () => Promise<void>, options: PdfOptions = {}): Promise<number> {
  const layout = new PdfLayout(await loadPdfkit(), model, totalPages, options);
  const done = new Promise<void>((resolve, reject) => {
    layout.doc.on('end', resolve);
    layout.doc.on('error', reject);
  });
  layout.doc.on('data', onData);
  let since = Date.now();
  for (const b of model.blocks) {
    layout.block(b);
    await pause();
    // Laying out a long document takes seconds: let other requests in every few milliseconds.
    if (Date.now() - since > 10) {
      await new Promise((resolve) => setImmediate(resolve));
      since = Date.now();
    }
  }
  layout.doc.end();
  await done;
  return layout.pages;
}

const noPause = () => Promise.resolve();

/**
 * Writes the PDF to `out` as it is laid out, waiting whenever `out` asks to (a slow reader holds
 * back the writer, not the memory). Ends `out` when done.
 */
export async function writeDocumentPdf(model: DocumentModel, out: Writable): Promise<void> {
  const pages = await layOut(model, null, () => {}, noPause);
  await layOut(
    model,
    pages,
    (chunk) => {
      out.write(chunk);
    },
    () => (out.writableNeedDrain ? new Promise<void>((resolve) => out.once('drain', () => resolve())) : Promise.resolve()),
  );
  out.end();
}

/** The whole PDF as one buffer (for small documents, caches and tests). */
export async function documentPdf(model: DocumentModel, options: PdfOptions = {}): Promise<Buffer> {
  const pages = await layOut(model, null, () => {}, noPause, options);
  const chunks: Buffer[] = [];
  await layOut(model, pages, (c) => chunks.push(c), noPause, options);
  return Buffer.concat(chunks);
}

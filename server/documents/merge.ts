// Several PDFs as one file with a bookmark (outline entry) per part: the agenda followed by its PDF
// bilag ("Samlet PDF"). pdf-lib copies the pages; the outline is written as plain PDF objects.
// A part that cannot be read (damaged, encrypted) is left out, and said so on a page of its own
// rather than failing the whole file.
// pdf-lib takes a seventh of a second to load: it is loaded with the first merge, not at the server's start.
import type { PDFDict, PDFDocument, PDFPage, PDFRef } from 'pdf-lib';

type PdfLib = typeof import('pdf-lib');

export interface MergePart {
  /** The bookmark's title. */
  title: string;
  pdf: Uint8Array;
}

export interface MergeResult {
  pdf: Uint8Array;
  /** Titles of the parts left out because they could not be read. */
  skipped: string[];
}

function outline({ PDFName, PDFNumber, PDFHexString }: PdfLib, doc: PDFDocument, entries: Array<{ title: string; page: PDFRef }>): void {
  if (entries.length === 0) return;
  const context = doc.context;
  const outlinesRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const item = context.obj({}) as PDFDict;
    item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
    item.set(PDFName.of('Parent'), outlinesRef);
    item.set(PDFName.of('Dest'), context.obj([entry.page, PDFName.of('Fit')]));
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]);
    if (i < entries.length - 1) item.set(PDFName.of('Next'), refs[i + 1]);
    context.assign(refs[i], item);
  });
  const outlines = context.obj({}) as PDFDict;
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), refs[0]);
  outlines.set(PDFName.of('Last'), refs[refs.length - 1]);
  outlines.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  context.assign(outlinesRef, outlines);
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** `leftOut`: parts the caller did not include (e.g. too large), named on the last page with the unreadable ones. */
export async function mergePdfs(parts: MergePart[], meta: { title: string; leftOut?: string[] }): Promise<MergeResult> {
  const lib = await import('pdf-lib');
  const { PDFDocument, StandardFonts, rgb } = lib;
  const merged = await PDFDocument.create();
  merged.setTitle(meta.title, { showInWindowTitleBar: true });
  merged.setLanguage('da-DK');
  merged.setProducer('Uldum Samskabelse');
  const entries: Array<{ title: string; page: PDFRef }> = [];
  const skipped: string[] = [];
  for (const part of parts) {
    // pdf-lib loads much that it cannot then use (noise after a PDF header, a catalog without
    // pages): reading the pages is part of reading the file, and a file without pages has nothing to merge.
    let pages: PDFPage[];
    try {
      const source = await PDFDocument.load(part.pdf, { updateMetadata: false });
      pages = await merged.copyPages(source, source.getPageIndices());
    } catch {
      pages = [];
    }
    if (pages.length === 0) {
      skipped.push(part.title);
      continue;
    }
    for (const page of pages) merged.addPage(page);
    entries.push({ title: part.title, page: pages[0].ref });
  }
  const missing = [...(meta.leftOut ?? []), ...skipped];
  if (missing.length) {
    // The reader is told what is missing, on a last page with its own bookmark.
    const page = merged.addPage([595.28, 841.89]);
    const font = await merged.embedFont(StandardFonts.Helvetica);
    const lines = ['Disse bilag er ikke med i den samlede PDF (for store eller ikke læsbare):', ...missing.map((t) => `- ${t}`), 'Hent dem hver for sig fra mødesiden.'];
    lines.forEach((line, i) => page.drawText(line.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?'), { x: 56, y: 780 - i * 18, size: 11, font, color: rgb(0.1, 0.1, 0.1) }));
    entries.push({ title: 'Bilag der ikke er med', page: page.ref });
  }
  outline(lib, merged, entries);
  return { pdf: await merged.save(), skipped: missing };
}

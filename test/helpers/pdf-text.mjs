// Prints the text of each page of a PDF as JSON: ["page 1 text", "page 2 text", …].
// pdfjs-dist is ESM-only, so jest (CommonJS) runs this as a child process:
//   node pdf-text.mjs FILE            → ["page 1", …]
//   node pdf-text.mjs FILE1 FILE2 …   → [["page 1", …], …] (one start-up for several files)
import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function pagesOf(file) {
  const data = new Uint8Array(fs.readFileSync(file));
  const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    // A text run that ends a line is followed by \n, so words of separate lines never run together.
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

const files = process.argv.slice(2);
const result = [];
for (const file of files) result.push(await pagesOf(file));
process.stdout.write(JSON.stringify(files.length === 1 ? result[0] : result));

// Prints the text of each page of a PDF as JSON: ["page 1 text", "page 2 text", …].
// pdfjs-dist is ESM-only, so jest (CommonJS) runs this as a child process: node pdf-text.mjs FILE
import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  // One line per text run that ends a line, so words of separate lines never run together.
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
process.stdout.write(JSON.stringify(pages));
await pdf.destroy();

// The Markdown writer. User text is escaped only where Markdown would misread it, so the raw file
// reads as typed ("01.02.2027", "1. Velkommen") and no heading, list, emphasis, link or HTML can
// come out of what someone wrote. Line breaks become paragraphs, not backslash breaks.
import type { Block, DocumentModel } from './model';
import { cleanText } from './text';

/** Characters that start inline structure anywhere in a line. */
function escapeInline(text: string): string {
  return text
    .replace(/[\\`*\[\]<|]/g, (c) => '\\' + c)
    .replace(/~~/g, '\\~\\~')
    .replace(/&(?=#?\w+;)/g, '\\&') // an entity such as &amp; would be decoded
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_'); // an _ inside a word is literal
}

/** A line as a paragraph: also what Markdown reads at the start of a line. */
export function escapeLine(line: string): string {
  return escapeInline(line.trim())
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1') // heading
    .replace(/^([-+])(?=\s|$)/, '\\$1') // list item (* is escaped inline)
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2') // numbered list item
    .replace(/^>/, '\\>') // quote
    .replace(/^(=+|-+)$/, (m) => '\\' + m) // setext underline
    .replace(/^(-{3,}|_{3,})(?=\s*$)/, (m) => '\\' + m); // thematic break
}

/** Text of one table cell or heading: one line. */
function inline(text: string): string {
  return escapeInline(cleanText(text).replace(/\s*\n\s*/g, ' ').trim());
}

/** Each non-empty line of the text is a paragraph of its own. */
function paragraphs(text: string): string[] {
  return cleanText(text)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => [escapeLine(line), '']);
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return [`${'#'.repeat(b.level)} ${inline(b.text)}`, ''];
    case 'notice':
      return [`**${inline(b.text)}**`, ''];
    case 'fields':
      return [...b.fields.map((f) => `- **${inline(f.label)}:** ${inline(f.value)}`), ''];
    case 'paragraph':
      return [...(b.label ? [`**${inline(b.label)}:**`, ''] : []), ...paragraphs(b.text)];
    case 'list':
      // An item's text starts a line too: "1. Budget" must not open a numbered list inside the bullet.
      return [...b.items.map((item) => `- ${escapeLine(cleanText(item).replace(/\s*\n\s*/g, ' '))}`), ''];
    case 'table':
      return [
        `| ${b.columns.map((c) => inline(c.title)).join(' | ')} |`,
        `| ${b.columns.map(() => '---').join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map(inline).join(' | ')} |`),
        '',
      ];
    case 'approvals':
      return [...b.lines.map((l) => `- ${inline(l.party)}: ${inline(l.text)}`), ''];
    case 'figure':
      return [];
  }
}

export function documentMarkdown(doc: DocumentModel): string {
  return doc.blocks.flatMap(block).join('\n');
}

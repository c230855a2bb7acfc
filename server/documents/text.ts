// Text as every writer may safely draw it: line breaks as LF only, no control characters.
// Browsers send textareas with CRLF, and a CR drawn in a PDF is a missing-glyph box.

/** CRLF and lone CR become LF. */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** LF-only line breaks and no control characters but the tab: what a web page may show. */
export function withoutControlCharacters(text: string): string {
  return normaliseLineBreaks(text).replace(CONTROL, '');
}

/**
 * LF-only line breaks, tabs as spaces, and no other C0/C1 control characters, lone surrogates or
 * non-characters: none of them has a glyph or a meaning in a document.
 */
export function cleanText(text: string): string {
  return withoutControlCharacters(text).replace(/\t/g, ' ');
}

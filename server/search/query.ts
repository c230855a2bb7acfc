// Turns whatever a user typed into a safe FTS5 MATCH expression: every token is quoted, so no
// character or keyword of the FTS5 query language (", *, -, ^, :, AND, OR, NOT, NEAR …) keeps
// its meaning. Pure: no database, easy to test with hostile input.

/** More terms than this are dropped: a search box is not a query language, and each term costs. */
export const MAX_TERMS = 16;

/** Longer input is cut before parsing (a paste of a whole page must not cost more than a sentence). */
export const MAX_INPUT = 1000;

/**
 * "aa" read as "å", the Danish way of old (Aagaard = Ågaard, Aarhus = Århus). The search index
 * holds text normalised by the same three replacements in the same order (see fts.ts), so a query
 * and the text it should find meet in the middle; the tokenizer then folds case.
 */
export function normaliseAa(text: string): string {
  return text.replace(/aa/g, 'å').replace(/Aa/g, 'Å').replace(/AA/g, 'Å');
}

/** Letters and digits in any script: what unicode61 counts as a word; everything else separates. */
const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return normaliseAa(text.normalize('NFC')).match(WORD) ?? [];
}

export interface ParsedQuery {
  /** Single words, found as the start of a word ("pleje" finds "plejecentret"). */
  words: string[];
  /** Phrases in quotes, found as these words in this order. */
  phrases: string[][];
}

/**
 * Splits input into quoted phrases and loose words. A quote without its partner is only a word
 * boundary, so `"pleje` searches for the word pleje.
 */
export function parseQuery(input: string): ParsedQuery {
  const text = String(input ?? '').slice(0, MAX_INPUT);
  const words: string[] = [];
  const phrases: string[][] = [];
  const parts = text.split('"');
  // Even parts are outside quotes, odd parts inside; an odd part that is the last one had no
  // closing quote and is read as loose words.
  parts.forEach((part, i) => {
    const inside = i % 2 === 1 && i < parts.length - 1;
    const found = wordsOf(part);
    if (!inside) words.push(...found);
    else if (found.length === 1) phrases.push(found);
    else if (found.length > 1) phrases.push(found.slice(0, MAX_TERMS));
  });
  return { words, phrases };
}

/**
 * The FTS5 MATCH expression for a user's input, or null when nothing searchable is left
 * (empty input, only punctuation or emoji). Terms are joined by spaces: all must match.
 */
export function toMatchExpression(input: string): string | null {
  const { words, phrases } = parseQuery(input);
  const terms: string[] = [];
  const seen = new Set<string>();
  const add = (term: string) => {
    if (terms.length < MAX_TERMS && !seen.has(term)) {
      seen.add(term);
      terms.push(term);
    }
  };
  // Tokens are letters and digits only, so quoting needs no escaping.
  for (const phrase of phrases) add(`"${phrase.join(' ')}"`);
  for (const word of words) add(`"${word}"*`);
  return terms.length ? terms.join(' ') : null;
}

/**
 * The same search as a PostgreSQL tsquery (server/search/pg.ts): each word a prefix (`pleje:*`),
 * each phrase its words in order (`i <-> uldum`), all of them required. Tokens are letters and
 * digits only, so none of the tsquery operators (& | ! ( ) : * < > ') can come from the input.
 */
export function toTsQuery(input: string): string | null {
  const { words, phrases } = parseQuery(input);
  const terms: string[] = [];
  const add = (term: string) => {
    if (terms.length < MAX_TERMS && !terms.includes(term)) terms.push(term);
  };
  for (const phrase of phrases) add(phrase.length === 1 ? phrase[0] : `(${phrase.join(' <-> ')})`);
  for (const word of words) add(`${word}:*`);
  return terms.length ? terms.join(' & ') : null;
}

/**
 * The lower-cased terms of a query, for marking them in text the index did not highlight
 * (titles are shown as written, not as indexed). Words are prefixes; phrase words whole.
 */
export function highlightTerms(input: string): { prefixes: string[]; whole: string[] } {
  const { words, phrases } = parseQuery(input);
  const lower = (w: string) => w.toLocaleLowerCase('da-DK');
  return { prefixes: words.map(lower), whole: phrases.flat().map(lower) };
}

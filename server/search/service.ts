// Search over the whole tool: turns the form into a safe query (FTS5 or tsquery), reads one page of hits and
// the number of hits per kind, and shapes them for the page: grouped by kind, hits marked.
import type { Db } from '../db/database';
import { formatIsoDay } from '../web/format';
import { pagination, type PageRequest, type Pagination } from '../web/pagination';
import { copenhagenToUtc, utcToCopenhagen } from '../web/time';
import { dialectOf } from '../db/dialect';
import * as fts5 from './fts';
import { MARK_END, MARK_START, SEARCH_TYPES, type SearchType } from './fts';
import * as pg from './pg';
import { countHitsByType, searchHits, type HitRow, type IndexFilter } from './queries';
import { highlightTerms, normaliseAa, toMatchExpression, toTsQuery } from './query';
import { SEARCH_TYPE_LABELS, type SearchForm } from './schemas';

export const SEARCH_PAGE_SIZE = 20;

/**
 * Ranking scores every hit before the best 20 can be picked (about 0.7 µs a hit): above this many
 * hits a search word is too common for ranking to help, and the newest records come first instead.
 */
export const RANKED_HITS_LIMIT = 3000;

/** A piece of text, marked when it is (part of) a hit. The view escapes each piece. */
export interface Segment {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  type: SearchType;
  url: string;
  title: Segment[];
  context: string;
  snippet: Segment[];
  /** The record's date as dd.mm.åååå, or '' where a date says nothing (people). */
  date: string;
}

export interface SearchGroup {
  type: SearchType;
  label: string;
  hits: SearchHit[];
}

export interface TypeCount {
  type: SearchType;
  label: string;
  count: number;
  href: string;
  current: boolean;
}

export interface SearchResult {
  /** What to tell the user instead of results: nothing typed, nothing searchable, nothing found. */
  message: string | null;
  groups: SearchGroup[];
  counts: TypeCount[];
  /** All hits, every kind (the "Alle typer" link). */
  total: number;
  allHref: string;
  pager: Pagination | null;
  /** Too many hits to rank: shown newest first (the page says so). */
  newestFirst?: boolean;
}

// ---- marking hits ----

const OTHER_CONTROL = /[\u0000\u0001\u0004-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function push(segments: Segment[], text: string, mark: boolean) {
  if (!text) return;
  const last = segments[segments.length - 1];
  if (last && last.mark === mark) last.text += text;
  else segments.push({ text, mark });
}

/** Splits FTS5 snippet text on its start/end markers; any other control character is dropped. */
export function markedSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  let current = '';
  for (const ch of text.replace(OTHER_CONTROL, '')) {
    if (ch === MARK_START || ch === MARK_END) {
      push(segments, current, mark);
      current = '';
      mark = ch === MARK_START;
    } else current += ch;
  }
  push(segments, current, mark);
  return segments;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * One mark over a whole phrase: FTS5 marks a phrase hit as one piece; PostgreSQL's ts_headline
 * marks its words one by one (not its stop words). Two marked pieces are joined when what lies
 * between them is only separators and words of the query's phrases.
 */
export function joinPhraseMarks(segments: Segment[], phraseWords: string[]): Segment[] {
  if (!phraseWords.length) return segments;
  const joined: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const gap = segments[i];
    const before = joined[joined.length - 1];
    const after = segments[i + 1];
    const bridging =
      !gap.mark &&
      before?.mark &&
      after?.mark &&
      (gap.text.match(WORD) ?? []).every((w) => phraseWords.includes(normaliseAa(w).toLocaleLowerCase('da-DK')));
    if (bridging) {
      before.text += gap.text + after.text;
      i++;
    } else joined.push({ ...gap });
  }
  return joined;
}

/**
 * Marks the words of a text (shown as written) that the query matched: a word that starts with
 * one of the query's words, or is one of its phrase words; "aa" counts as "å" as in the index.
 */
export function highlightWords(text: string, terms: { prefixes: string[]; whole: string[] }): Segment[] {
  const clean = text.replace(OTHER_CONTROL, '').replace(/[\u0002\u0003]/g, '').normalize('NFC');
  const segments: Segment[] = [];
  let at = 0;
  for (const m of clean.matchAll(WORD)) {
    const word = normaliseAa(m[0]).toLocaleLowerCase('da-DK');
    const hit = terms.prefixes.some((p) => word.startsWith(p)) || terms.whole.includes(word);
    if (!hit) continue;
    push(segments, clean.slice(at, m.index), false);
    push(segments, m[0], true);
    at = m.index + m[0].length;
  }
  push(segments, clean.slice(at), false);
  return segments;
}

// ---- the search ----

function dayAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A period of Copenhagen days as UTC bounds (since ≤ date < until). */
export function periodBounds(from?: string, to?: string): { since?: string; until?: string } {
  return {
    since: from ? copenhagenToUtc(from, '00:00').toISOString() : undefined,
    until: to ? copenhagenToUtc(dayAfter(to), '00:00').toISOString() : undefined,
  };
}

function displayDate(type: SearchType, date: string | null): string {
  if (!date || type === 'person') return '';
  return formatIsoDay(date.length > 10 ? utcToCopenhagen(date).day : date);
}

function hitOf(row: HitRow, terms: ReturnType<typeof highlightTerms>): SearchHit {
  return {
    type: row.type,
    url: row.url,
    title: highlightWords(row.title || SEARCH_TYPE_LABELS[row.type], terms),
    context: row.context.replace(OTHER_CONTROL, ''),
    snippet: joinPhraseMarks(markedSegments(row.snippet ?? ''), terms.whole),
    date: displayDate(row.type, row.date),
  };
}

/** Hits grouped by kind, the group with the best hit first, hits best first within a group. */
export function groupHits(hits: SearchHit[]): SearchGroup[] {
  const groups = new Map<SearchType, SearchGroup>();
  for (const hit of hits) {
    let group = groups.get(hit.type);
    if (!group) groups.set(hit.type, (group = { type: hit.type, label: SEARCH_TYPE_LABELS[hit.type], hits: [] }));
    group.hits.push(hit);
  }
  return [...groups.values()];
}

function searchHref(form: SearchForm, type?: SearchType): string {
  const params = new URLSearchParams();
  params.set('q', form.q);
  if (type) params.set('type', type);
  if (form.from) params.set('from', form.from);
  if (form.to) params.set('to', form.to);
  return `/search?${params.toString()}`;
}

const EMPTY: Omit<SearchResult, 'message'> = { groups: [], counts: [], total: 0, allHref: '/search', pager: null };

/**
 * One search: one count of hits per kind, then (when there are any) one query for the page.
 * Any text is accepted; what cannot be searched for comes back as a message, never an error.
 */
/** Empties the search index and fills it again from the records (`npm run cli -- reindex`). */
export function rebuildSearchIndex(db: Db): Promise<number> {
  return dialectOf(db) === 'postgres' ? pg.rebuildSearchIndex(db) : fts5.rebuildSearchIndex(db);
}

export async function search(db: Db, form: SearchForm, page: PageRequest, withoutClosedItems = false): Promise<SearchResult> {
  if (!form.q) return { ...EMPTY, message: 'Skriv mindst ét ord i søgefeltet.' };
  const match = toMatchExpression(form.q);
  if (!match) return { ...EMPTY, message: `Ingen resultater for »${form.q}«. Søg på ord med bogstaver eller tal.` };

  const filter: IndexFilter = { match, tsquery: toTsQuery(form.q)!, ...periodBounds(form.from, form.to), withoutClosedItems };
  const perType = await countHitsByType(db, filter);
  const total = [...perType.values()].reduce((a, b) => a + b, 0);
  const counts: TypeCount[] = SEARCH_TYPES.filter((t) => perType.has(t)).map((t) => ({
    type: t,
    label: SEARCH_TYPE_LABELS[t],
    count: perType.get(t)!,
    href: searchHref(form, t),
    current: form.type === t,
  }));
  const shown = form.type ? (perType.get(form.type) ?? 0) : total;
  const base = { counts, total, allHref: searchHref(form) };
  if (shown === 0) {
    const narrowed = form.type || form.from || form.to ? ' med de valgte filtre' : '';
    return { ...EMPTY, ...base, message: `Ingen resultater for »${form.q}«${narrowed}.` };
  }

  // A page past the last one shows the last one.
  const lastPage = Math.ceil(shown / page.limit);
  const request = page.page > lastPage ? { ...page, page: lastPage, offset: (lastPage - 1) * page.limit } : page;
  const newestFirst = shown > RANKED_HITS_LIMIT;
  const rows = await searchHits(db, { ...filter, type: form.type }, request.limit, request.offset, newestFirst);
  const terms = highlightTerms(form.q);
  return {
    ...base,
    message: null,
    newestFirst,
    groups: groupHits(rows.map((row) => hitOf(row, terms))),
    pager: pagination(request, shown, '/search', { q: form.q, type: form.type, from: form.from, to: form.to }),
  };
}

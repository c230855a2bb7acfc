// Reads of the search index: one query for a page of hits, one for the number of hits per kind.
// The database-specific pieces (match, rank, snippet) come from the adapters: FTS5 in ./fts.ts,
// PostgreSQL's text search in ./pg.ts. The rest (kinds, dates, closed items) is the same SQL.
import type { Db } from '../db/database';
import { dialectOf } from '../db/dialect';
import * as fts5 from './fts';
import * as pg from './pg';
import { newestRecordFirst, displayContext, displayTitle, hitType, isOfType, outsideClosedItems, type SearchIndexTable, type SearchType } from './fts';

/** The three fragments that differ, for the database `db` talks to. */
function textSearch(db: Db, f: IndexFilter) {
  if (dialectOf(db) === 'postgres') {
    return { matches: pg.matches(f.tsquery), bestFirst: pg.bestFirst(f.tsquery), bodySnippet: pg.bodySnippet(f.tsquery) };
  }
  return { matches: fts5.matches(f.match), bestFirst: fts5.bestFirst, bodySnippet: fts5.bodySnippet };
}

export interface IndexFilter {
  /** A MATCH expression made by toMatchExpression() (SQLite) … */
  match: string;
  /** … and the same search made by toTsQuery() (PostgreSQL). */
  tsquery: string;
  type?: SearchType;
  /** UTC instants bounding the period: since ≤ date < until. */
  since?: string;
  until?: string;
  /** For a læser: no closed agenda items, nor the actions agreed under them. */
  withoutClosedItems?: boolean;
}

function hits(db: Db, f: IndexFilter) {
  let q = db.withTables<{ search_index: SearchIndexTable }>().selectFrom('search_index').where(textSearch(db, f).matches);
  // Dates are ISO text: a day ("2026-11-24") and an instant compare correctly with an instant bound.
  if (f.since) q = q.where('search_index.date', '>=', f.since);
  if (f.until) q = q.where('search_index.date', '<', f.until);
  if (f.withoutClosedItems) q = q.where(outsideClosedItems());
  return q;
}

export interface HitRow {
  type: SearchType;
  ref_id: number;
  url: string;
  date: string | null;
  title: string;
  context: string;
  snippet: string;
}

/**
 * A page of hits with the display fields of each record read in the same query: best first, or
 * with `newestFirst` in index order from the newest record, which needs no scoring of every hit.
 */
export function searchHits(db: Db, f: IndexFilter, limit: number, offset: number, newestFirst = false): Promise<HitRow[]> {
  const { bestFirst, bodySnippet } = textSearch(db, f);
  let q = hits(db, f);
  if (f.type) q = q.where(isOfType(f.type));
  return q
    .select([
      hitType.as('type'),
      'search_index.ref_id',
      'search_index.url',
      'search_index.date',
      displayTitle.as('title'),
      displayContext.as('context'),
      bodySnippet.as('snippet'),
    ])
    .orderBy(newestFirst ? newestRecordFirst : bestFirst)
    .limit(limit)
    .offset(offset)
    .execute();
}

/** How many hits of each kind (the kind filter left out, so every kind's link can show its count). */
export async function countHitsByType(db: Db, f: IndexFilter): Promise<Map<SearchType, number>> {
  const rows = await hits(db, f)
    .select([hitType.as('type'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(hitType)
    .execute();
  return new Map(rows.map((r) => [r.type, Number(r.n)]));
}

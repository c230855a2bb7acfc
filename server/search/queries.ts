// Reads of the search index: one query for a page of hits, one for the number of hits per kind.
// The FTS5-specific pieces (MATCH, rank, snippet) come from the adapter in ./fts.ts.
import type { Db } from '../db/database';
import {
  bestFirst,
  newestRecordFirst,
  bodySnippet,
  displayContext,
  displayTitle,
  hitType,
  isOfType,
  matches,
  outsideClosedItems,
  type SearchIndexTable,
  type SearchType,
} from './fts';

export interface IndexFilter {
  /** A MATCH expression made by toMatchExpression(). */
  match: string;
  type?: SearchType;
  /** UTC instants bounding the period: since ≤ date < until. */
  since?: string;
  until?: string;
  /** For a læser: no closed agenda items, nor the actions agreed under them. */
  withoutClosedItems?: boolean;
}

function hits(db: Db, f: IndexFilter) {
  let q = db.withTables<{ search_index: SearchIndexTable }>().selectFrom('search_index').where(matches(f.match));
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

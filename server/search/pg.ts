// POSTGRESQL ADAPTER for full-text search: the same index as ./fts.ts (one row per record, id
// `rowid` = record id * 16 + kind, the same SOURCES and the same INSERT … SELECTs), held in an
// ordinary table with a stored tsvector (the `danish` configuration's stemmer, stop words kept;
// title weighted A, body B) under a GIN index, kept in step by PL/pgSQL triggers, and queried with
// to_tsquery (prefix `:*` and phrase `<->` operators), ts_rank and ts_headline.
//
// As in fts.ts, every SQL string here is a constant of this file; user input reaches SQL only as
// the bound tsquery text of ./query.ts (letters and digits joined by operators, nothing else).
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { SOURCES, insertRows, rowid } from './fts';

/**
 * PostgreSQL's `danish` configuration with its Danish stemmer, minus the stop-word list: "med",
 * "i", "og" stay in the index, so a phrase like "Opfølgning med" or "i Uldum" is found exactly (as
 * on SQLite) instead of shrinking to its other words.
 */
export const TEXT_SEARCH_CONFIG = 'uldum_danish';

export function createIndexStatements(): string[] {
  return [
    `create text search dictionary uldum_danish_stem (template = snowball, language = danish)`,
    `create text search configuration uldum_danish (copy = danish)`,
    `alter text search configuration uldum_danish alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part with uldum_danish_stem`,
    `create table search_index (
       rowid bigint primary key,
       type text not null,
       ref_id integer not null,
       url text not null,
       date text,
       title text not null,
       body text not null,
       document tsvector generated always as (setweight(to_tsvector('uldum_danish', title), 'A') || setweight(to_tsvector('uldum_danish', body), 'B')) stored
     )`,
    `create index search_index_document on search_index using gin (document)`,
  ];
}

/** One trigger function per source table (insert, update, delete) and per parent column it copies. */
export function triggerStatements(): string[] {
  const statements: string[] = [];
  for (const source of SOURCES) {
    const name = `search_${source.table}`;
    statements.push(
      `create function ${name}_sync() returns trigger language plpgsql as $$
       begin
         if tg_op in ('UPDATE', 'DELETE') then delete from search_index where rowid = ${rowid(source, 'old.id')}; end if;
         if tg_op in ('INSERT', 'UPDATE') then ${insertRows(source, 's.id = new.id')}; end if;
         return null;
       end $$`,
      `create trigger ${name}_sync after insert or update or delete on ${source.table} for each row execute function ${name}_sync()`,
    );
    for (const parent of source.parents ?? []) {
      const changed = parent.columns.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
      statements.push(
        `create function ${name}_${parent.table}_sync() returns trigger language plpgsql as $$
         begin
           delete from search_index where rowid in (select ${rowid(source, 's.id')} from ${source.table} s where s.${parent.childKey} = new.${parent.parentKey});
           ${insertRows(source, `s.${parent.childKey} = new.${parent.parentKey}`)};
           return null;
         end $$`,
        `create trigger ${name}_${parent.table}_sync after update of ${parent.columns.join(', ')} on ${parent.table} for each row when (${changed}) execute function ${name}_${parent.table}_sync()`,
      );
    }
  }
  return statements;
}

export function fillStatements(): string[] {
  return SOURCES.map((source) => insertRows(source));
}

/** Empties the index and fills it again from the source tables, in one transaction. Returns the row count. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function rebuildSearchIndex(db: Kysely<any>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    for (const statement of ['delete from search_index', ...fillStatements()]) await sql.raw(statement).execute(trx);
    const { rows } = await sql<{ n: number }>`select count(*) as n from search_index`.execute(trx);
    return Number(rows[0].n);
  });
}

// ---- fragments for the search query (server/search/queries.ts) ----

const query = (tsquery: string) => sql`to_tsquery('uldum_danish', ${tsquery})`;

export function matches(tsquery: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`search_index.document @@ ${query(tsquery)}`;
}

/** Best first: a hit in the title (weight A) counts ten times one in the body (B), as on SQLite. */
export function bestFirst(tsquery: string): RawBuilder<unknown> {
  return sql`ts_rank('{0, 0, 0.1, 1.0}', search_index.document, ${query(tsquery)}) desc, search_index.rowid desc`;
}

/**
 * A few words of the body around the hits, hits between MARK_START and MARK_END (as fts.ts). The
 * parser would read `<…>` as an HTML tag and leave it out of the excerpt: `<` goes in as chr(1)
 * and comes back out, so the excerpt is the text as written (the view escapes it).
 */
export function bodySnippet(tsquery: string): RawBuilder<string> {
  const options = 'StartSel=\u0002, StopSel=\u0003, MaxWords=20, MinWords=10';
  return sql<string>`replace(ts_headline('uldum_danish', replace(search_index.body, '<', chr(1)), ${query(tsquery)}, ${options}), chr(1), '<')`;
}

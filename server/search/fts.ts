// SQLITE ADAPTER for full-text search: the FTS5 table `search_index`, the triggers that keep it in
// step with every write, the INSERT … SELECTs that fill it, and the SQL fragments a search needs
// (MATCH, rank, snippet). FTS5 and triggers are SQLite-only; a PostgreSQL port would give each
// source table a tsvector column (or one search table) filled by equivalent triggers, query it
// with websearch_to_tsquery/ts_rank and mark hits with ts_headline. Nothing outside this module
// and migrations/0005_search.ts knows FTS5 exists.
//
// Every SQL string here is a constant of this file; user input only ever reaches SQL as a bound
// parameter (the MATCH expression of ./query.ts, dates, limits).
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';

/** The kinds of record search finds, in the order their groups are listed; stored in `type`. */
export const SEARCH_TYPES = [
  'moede',
  'dagsordenspunkt',
  'referat',
  'opfoelgning',
  'initiativ',
  'forloeb',
  'person',
  'rolleobservation',
  'erfaring',
  'dilemma',
  'forklar-eller-fjern',
] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** The index's own row: the UNINDEXED columns say what and where; title and body are searched. */
export interface SearchIndexTable {
  type: SearchType;
  ref_id: number;
  url: string;
  /** The record's natural date (a meeting's start, a learning's date …), ISO text. */
  date: string | null;
  title: string;
  body: string;
}

/**
 * Where one kind of record comes from. SQL expressions are over the source table aliased `s`
 * (and whatever `joins` add). An index row's rowid is `s.id * 16 + code`, so a trigger finds
 * and replaces the row of a record without scanning the index.
 */
export interface Source {
  type: SearchType;
  code: number;
  table: string;
  joins?: string;
  /** Rows left out of the index (e.g. anonymised people). */
  where?: string;
  url: string;
  date: string;
  title: string[];
  body: string[];
  /** What a result shows as its heading and its context line, read from the record as written. */
  display: { title: string; context: string };
  /** Parent columns the index row copies (a meeting's start as its agenda items' date). */
  parents?: Array<{ table: string; parentKey: string; childKey: string; columns: string[] }>;
}

const MEETING_DATE = { table: 'meetings', parentKey: 'id', childKey: 'meeting_id', columns: ['starts_at'] };

export const SOURCES: Source[] = [
  {
    type: 'moede',
    code: 1,
    table: 'meetings',
    url: `'/meetings/' || s.id`,
    date: 's.starts_at',
    title: ['s.title'],
    body: ['s.place'],
    display: { title: 's.title', context: `''` },
  },
  {
    type: 'dagsordenspunkt',
    code: 2,
    table: 'agenda_items',
    joins: 'join meetings m on m.id = s.meeting_id',
    url: `'/meetings/' || s.meeting_id || '#punkt-' || s.id`,
    date: 'm.starts_at',
    title: ['s.title'],
    body: ['s.background', 's.discussion', 's.decision'],
    display: { title: 's.title', context: 'm.title' },
    parents: [MEETING_DATE],
  },
  {
    type: 'referat',
    code: 3,
    table: 'minutes',
    joins: 'join meetings m on m.id = s.meeting_id',
    where: `trim(s.free_text || s.next_meeting) <> ''`,
    url: `'/meetings/' || s.meeting_id || '/minutes'`,
    date: 'm.starts_at',
    title: [],
    body: ['s.free_text', 's.next_meeting'],
    display: { title: 'm.title', context: `''` },
    parents: [MEETING_DATE],
  },
  {
    type: 'opfoelgning',
    code: 4,
    table: 'actions',
    joins: 'join meetings m on m.id = s.meeting_id',
    url: `'/meetings/' || s.meeting_id || '#opfoelgning'`,
    date: 'coalesce(s.due_date, m.starts_at)',
    title: ['s.text'],
    body: [],
    display: { title: 's.text', context: 'm.title' },
    parents: [MEETING_DATE],
  },
  {
    type: 'initiativ',
    code: 5,
    table: 'initiatives',
    url: `'/initiatives/' || s.id`,
    date: 'coalesce(s.start_date, s.created_at)',
    title: ['s.title'],
    body: [
      's.description',
      's.intended_movement',
      's.hypothesis',
      's.freedom_from',
      's.freedom_to',
      's.success_criteria',
      's.result',
      's.anchoring_plan',
      's.funding',
    ],
    display: { title: 's.title', context: `''` },
  },
  {
    type: 'forloeb',
    code: 6,
    table: 'initiative_updates',
    joins: 'join initiatives i on i.id = s.initiative_id',
    url: `'/initiatives/' || s.initiative_id || '#forloeb'`,
    date: 's.date',
    title: [],
    body: ['s.happened', 's.effect_seen', 's.learning'],
    display: { title: 'i.title', context: `''` },
  },
  {
    // Name and job title only: never e-mail or phone, which a læser may not see. An anonymised
    // person leaves the index (anonymisation is an update of the row, so the trigger sees it).
    type: 'person',
    code: 7,
    table: 'people',
    joins: 'left join organisations o on o.id = s.organisation_id',
    where: 's.anonymised_at is null',
    url: `'/people/' || s.id`,
    date: 's.created_at',
    title: ['s.name'],
    body: ['s.title'],
    display: { title: 's.name', context: `coalesce(o.name, '')` },
  },
  {
    type: 'rolleobservation',
    code: 8,
    table: 'role_evidence',
    joins: 'join roles r on r.key = s.role_key left join people p on p.id = s.person_id',
    url: `'/roles/' || s.role_key || '#observation-' || s.id`,
    date: 's.date',
    title: ['r.name'],
    body: ['s.note', 's.team'],
    display: { title: 'r.name', context: `concat_ws(' · ', p.name, nullif(trim(s.team), ''))` },
    parents: [{ table: 'roles', parentKey: 'key', childKey: 'role_key', columns: ['name'] }],
  },
  {
    type: 'erfaring',
    code: 9,
    table: 'learnings',
    url: `'/learnings/' || s.id`,
    date: 's.date',
    title: ['s.title'],
    body: ['s.what_we_did', 's.what_happened', 's.what_next'],
    display: { title: 's.title', context: `''` },
  },
  {
    type: 'dilemma',
    code: 10,
    table: 'dilemmas',
    url: `'/dilemmas/' || s.id`,
    date: 's.created_at',
    title: ['s.title'],
    body: ['s.pole_a', 's.pole_b', 's.context'],
    display: { title: 's.title', context: `''` },
  },
  {
    type: 'forklar-eller-fjern',
    code: 11,
    table: 'fef_items',
    url: `'/forklar-eller-fjern/' || s.id`,
    date: 's.created_at',
    title: ['s.title'],
    body: ['s.applies_to', 's.rationale'],
    display: { title: 's.title', context: `''` },
  },
];

/** The rowid of a record's index row (an SQL expression over `id`). */
export const rowid = (source: Source, id: string) => `${id} * 16 + ${source.code}`;

/** The same "aa" → "å" replacements as normaliseAa() in ./query.ts, in the same order. */
const normaliseAa = (expr: string) => `replace(replace(replace(${expr}, 'aa', 'å'), 'Aa', 'Å'), 'AA', 'Å')`;

/**
 * Several text columns as one searchable text, the non-empty ones joined by " · " (punctuation,
 * so a separator to the tokenizer too). concat_ws needs SQLite 3.44, which better-sqlite3 12 bundles.
 */
const text = (exprs: string[]) => (exprs.length ? normaliseAa(`concat_ws(' · ', ${exprs.map((e) => `nullif(trim(${e}), '')`).join(', ')})`) : `''`);

/** INSERT … SELECT of the index rows for one kind of record, optionally only some of them. */
export function insertRows(source: Source, only?: string): string {
  const conditions = [source.where, only].filter(Boolean).map((c) => `(${c})`);
  return [
    'insert into search_index (rowid, type, ref_id, url, date, title, body)',
    `select ${rowid(source, 's.id')}, '${source.type}', s.id, ${source.url}, ${source.date}, ${text(source.title)}, ${text(source.body)}`,
    `from ${source.table} s ${source.joins ?? ''}`,
    conditions.length ? `where ${conditions.join(' and ')}` : '',
  ].join(' ');
}

/** The statements that create the index table (migration 0005 holds them as they were when it landed). */
export function createIndexStatements(): string[] {
  return [
    // unicode61 without diacritic removal: æ, ø and å stay letters of their own, but fold case.
    `create virtual table search_index using fts5(
       type unindexed, ref_id unindexed, url unindexed, date unindexed, title, body,
       tokenize = "unicode61 remove_diacritics 0"
     )`,
  ];
}

/** The triggers that keep the index in step with every insert, update and delete. */
export function triggerStatements(): string[] {
  const statements: string[] = [];
  for (const source of SOURCES) {
    const name = `search_${source.table}`;
    statements.push(
      `create trigger ${name}_ai after insert on ${source.table} begin ${insertRows(source, 's.id = new.id')}; end`,
      `create trigger ${name}_au after update on ${source.table} begin
         delete from search_index where rowid = ${rowid(source, 'old.id')};
         ${insertRows(source, 's.id = new.id')};
       end`,
      `create trigger ${name}_ad after delete on ${source.table} begin delete from search_index where rowid = ${rowid(source, 'old.id')}; end`,
    );
    for (const parent of source.parents ?? []) {
      const changed = parent.columns.map((c) => `old.${c} is not new.${c}`).join(' or ');
      statements.push(
        `create trigger ${name}_${parent.table}_au after update of ${parent.columns.join(', ')} on ${parent.table} when ${changed} begin
           delete from search_index where rowid in (select ${rowid(source, 's.id')} from ${source.table} s where s.${parent.childKey} = new.${parent.parentKey});
           ${insertRows(source, `s.${parent.childKey} = new.${parent.parentKey}`)};
         end`,
      );
    }
  }
  return statements;
}

/** Fills the index from the source tables (on an empty index). */
export function fillStatements(): string[] {
  return SOURCES.map((source) => insertRows(source));
}

async function run(db: Kysely<any>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** Empties the index and fills it again from the source tables, in one transaction. Returns the row count. */
export async function rebuildSearchIndex(db: Kysely<any>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await run(trx, ['delete from search_index', ...fillStatements(), `insert into search_index (search_index) values ('optimize')`]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from search_index`.execute(trx);
    return Number(rows[0].n);
  });
}

// ---- fragments for the search query (server/search/queries.ts) ----

/**
 * Start and end of a highlighted hit in snippets: control characters, so no escaping is needed
 * and the view can split plain text on them (service.ts drops any other control character).
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** `search_index MATCH ?`: the expression must come from toMatchExpression(). */
export function matches(expression: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`search_index match ${expression}`;
}

/**
 * Best first: bm25, a hit in the title weighing ten times one in the body (the UNINDEXED columns
 * weigh nothing). Written out rather than FTS5's `rank`: with LIMIT, SQLite then keeps only the
 * best rows while scanning, where `ORDER BY rank` sorts every hit first (about twice as slow
 * when a common word matches thousands).
 */
export const bestFirst = sql`bm25(search_index, 0, 0, 0, 0, 10.0, 1.0)`;

/** Index order from the highest rowid (newest records): FTS5 walks it without scoring each hit. */
export const newestRecordFirst = sql`search_index.rowid desc`;

/** A few words of the body around the hits, hits between MARK_START and MARK_END. */
export const bodySnippet = sql<string>`snippet(search_index, 5, char(2), char(3), '…', 14)`;

/**
 * A hit's kind read from its rowid (rowid = id * 16 + code): counting or filtering by kind then
 * needs no read of the stored row, which matters when a common word matches thousands.
 */
export const hitType = sql<SearchType>`${sql.raw(`case search_index.rowid & 15 ${SOURCES.map((s) => `when ${s.code} then '${s.type}'`).join(' ')} end`)}`;

/** Leaves out closed agenda items (lukket punkt) and the actions agreed under them, for a læser. */
export function outsideClosedItems(): RawBuilder<SqlBool> {
  const item = SOURCES.find((s) => s.type === 'dagsordenspunkt')!.code;
  const action = SOURCES.find((s) => s.type === 'opfoelgning')!.code;
  return sql<SqlBool>`not (
    ((search_index.rowid & 15) = ${item} and search_index.ref_id in (select id from agenda_items where closed = 1))
    or ((search_index.rowid & 15) = ${action} and search_index.ref_id in (select a.id from actions a join agenda_items i on i.id = a.agenda_item_id where i.closed = 1))
  )`;
}

export function isOfType(type: SearchType): RawBuilder<SqlBool> {
  const code = SOURCES.find((s) => s.type === type)!.code;
  return sql<SqlBool>`(search_index.rowid & 15) = ${code}`;
}

/** A CASE over the kinds of record, reading one display field of the hit's record by its id. */
function displayField(field: 'title' | 'context') {
  const branches = SOURCES.map((s) =>
    s.display[field] === `''`
      ? `when '${s.type}' then ''`
      : `when '${s.type}' then (select ${s.display[field]} from ${s.table} s ${s.joins ?? ''} where s.id = search_index.ref_id)`,
  );
  return sql<string>`${sql.raw(`coalesce(case search_index.type ${branches.join(' ')} end, '')`)}`;
}

/** The hit's heading as the user wrote it (the index holds the normalised copy). */
export const displayTitle = displayField('title');
/** Where the hit belongs: the meeting of an agenda item, the organisation of a person … */
export const displayContext = displayField('context');

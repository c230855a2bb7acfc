// Rewrites a piece of text wherever the database keeps it as text: every text column of every
// table, found through the schema at run time, so tables and columns added later are covered
// without a change here. A value holding a JSON object or array (a frozen minutes version, an
// audit snapshot) is parsed and rewritten string by string, so its structure is never touched.
// Used to pseudonymise a person's name (GDPR); plain Kysely, so it ports to PostgreSQL as is.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';

export interface TextRewrite {
  /** Literal text every value to rewrite contains: a quick LIKE filter before `rewrite` decides. */
  find: string;
  /** The value's new text; the same text when nothing in it is to change. */
  rewrite: (text: string) => string;
  /** Columns with a rule of their own, by column name (e.g. derived sort keys). */
  columnRules?: Record<string, { find: string; rewrite: (text: string) => string }>;
  /** Tables left alone: the caller deals with them itself. */
  skipTable: (name: string) => boolean;
  /** Rows left alone, by table (e.g. another person's own audit snapshots). */
  keepRows?: Record<string, (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>>;
}

const TEXT_TYPE = /char|clob|text/i;

/** Every string in a JSON value rewritten; keys and other values as they were. */
function rewriteJson(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((v) => rewriteJson(v, rewrite));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteJson(v, rewrite)]));
  }
  return value;
}

function parsedJson(text: string): object | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The value rewritten: as JSON when it is a JSON object or array, else as plain text. Only
 * strings holding `find` are handed to `rewrite`; a value with none comes back as it was.
 */
function rewriteValue(text: string, find: string, rewrite: (text: string) => string): string {
  const json = parsedJson(text);
  if (!json) return text.includes(find) ? rewrite(text) : text;
  let changed = false;
  const rewritten = rewriteJson(json, (s) => {
    if (!s.includes(find)) return s;
    const to = rewrite(s);
    if (to !== s) changed = true;
    return to;
  });
  return changed ? JSON.stringify(rewritten) : text; // unchanged JSON keeps its own spelling
}

/** `%text%` for LIKE, with LIKE's wildcards escaped. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/** Rows read at a time from a table with an id, so a large table is never held whole. */
const BATCH = 200;

/**
 * Rewrites the text in every table not skipped, in the caller's transaction. Returns, per table,
 * how many rows changed. A row is updated by its id; a table without one (a join table, a table
 * keyed by text) by the old value itself (`where column = old`), which needs no key at all.
 */
export async function rewriteTextEverywhere(trx: Kysely<any>, r: TextRewrite): Promise<Record<string, number>> {
  const changedRows: Record<string, number> = {};
  for (const table of await trx.introspection.getTables()) {
    if (table.isView || r.skipTable(table.name)) continue;
    const rules = table.columns
      .filter((c) => TEXT_TYPE.test(c.dataType))
      .map((c) => {
        const rule = r.columnRules?.[c.name] ?? r;
        // In stored JSON the text may be escaped ("…" → \"…\"): look for that spelling too.
        const finds = [...new Set([rule.find, JSON.stringify(rule.find).slice(1, -1)])];
        return { column: c.name, find: rule.find, finds, rewrite: rule.rewrite };
      });
    if (!rules.length) continue;
    const id = table.columns.find((c) => c.isAutoIncrementing)?.name;
    const keep = r.keepRows?.[table.name];
    const candidates = (after: number | null) => {
      let q = trx
        .selectFrom(table.name)
        .select(rules.map((rule) => rule.column))
        .where((eb) => eb.or(rules.flatMap((rule) => rule.finds.map((f) => sql<SqlBool>`${sql.ref(rule.column)} like ${likePattern(f)} escape '\\'`))));
      if (keep) q = q.where((eb) => eb.not(keep(eb)));
      if (!id) return q.execute();
      q = q.select(id).orderBy(id).limit(BATCH);
      if (after !== null) q = q.where(id, '>', after);
      return q.execute();
    };
    let rows = 0;
    let after: number | null = null;
    for (;;) {
      const batch = (await candidates(after)) as Array<Record<string, unknown>>;
      for (const row of batch) {
        const set: Record<string, string> = {};
        for (const rule of rules) {
          const value = row[rule.column];
          if (typeof value !== 'string') continue;
          const to = rewriteValue(value, rule.find, rule.rewrite);
          if (to === value) continue;
          set[rule.column] = to;
          if (!id) {
            let update = trx.updateTable(table.name).set({ [rule.column]: to }).where(rule.column, '=', value);
            if (keep) update = update.where((eb) => eb.not(keep(eb)));
            await update.execute();
          }
        }
        if (!Object.keys(set).length) continue;
        rows++;
        if (id) await trx.updateTable(table.name).set(set).where(id, '=', row[id] as number).execute();
      }
      if (!id || batch.length < BATCH) break;
      after = batch[batch.length - 1][id] as number;
    }
    if (rows) changedRows[table.name] = rows;
  }
  return changedRows;
}

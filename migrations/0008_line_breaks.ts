// Browsers send a textarea's line breaks as CRLF, and the app stored them so until the form edge
// normalised them: every stored text now gets LF-only line breaks (a CR drew a box in the PDFs).
// Tables and columns are found by Kysely's introspection, so this runs on any database; the search
// index (kept by triggers from the tables it indexes), the audit log (history as it was written),
// sessions and the migrator's own tables are left alone. The frozen minutes versions hold JSON,
// whose strings are rewritten value by value.
import { sql, type Kysely } from 'kysely';

const SKIP = /^(search|audit_log$|sessions$|kysely_)/;

function withoutCr(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (Array.isArray(value)) return value.map(withoutCr);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutCr(v)]));
  return value;
}

export async function up(db: Kysely<any>): Promise<void> {
  const tables = await db.introspection.getTables();
  for (const table of tables) {
    if (SKIP.test(table.name) || table.isView) continue;
    for (const column of table.columns) {
      if (!/char|text|clob/i.test(column.dataType)) continue;
      if (table.name === 'minutes_versions' && column.name === 'document') continue;
      const c = sql.ref(column.name);
      await db
        .updateTable(table.name)
        .set({ [column.name]: sql`replace(replace(${c}, ${'\r\n'}, ${'\n'}), ${'\r'}, ${'\n'})` })
        .where(column.name, 'like', '%\r%')
        .execute();
    }
  }
  const versions = await db.selectFrom('minutes_versions').select(['id', 'document']).where('document', 'like', '%\\r%').execute();
  for (const v of versions) {
    await db
      .updateTable('minutes_versions')
      .set({ document: JSON.stringify(withoutCr(JSON.parse(v.document))) })
      .where('id', '=', v.id)
      .execute();
  }
}

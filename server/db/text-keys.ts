// Keys stored beside names so lists sort and filter the Danish way in portable SQL:
// `search_key` is lower-cased for case-insensitive LIKE with æ, ø, å (SQLite's lower() is ASCII-only);
// `sort_key` puts æ, ø, å after z in that order, and treats "aa" as "å" as Danish phone books do.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

export function searchKey(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .toLocaleLowerCase('da-DK')
    .normalize('NFC');
}

export function sortKey(name: string): string {
  return name
    .toLocaleLowerCase('da-DK')
    .normalize('NFC')
    .replace(/aa/g, 'å')
    .replace(/[æä]/g, '{')
    .replace(/[øö]/g, '|')
    .replace(/å/g, '}');
}

/** A LIKE pattern that matches `text` anywhere, with LIKE's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${searchKey(text).replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** `column LIKE '%text%'` with the escape character declared: LIKE has none by default. */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${containsPattern(text)} escape '\\'`;
}

// SQLITE ADAPTER: full-text search. One FTS5 table, `search_index`, over meetings, agenda items,
// minutes, actions, initiatives and their progress updates, people (name and title only), role
// evidence, learnings, dilemmas and "forklar eller fjern" items; AFTER INSERT/UPDATE/DELETE
// triggers on each source table keep it in step with every write; existing rows are indexed here.
// FTS5 and triggers are SQLite-only: a PostgreSQL port would use tsvector columns and equivalent
// triggers. The statements live in server/search/fts.ts, shared with `npm run cli -- reindex`;
// if the sources ever change, a new migration re-creates the triggers and rebuilds the index.
import type { Kysely } from 'kysely';
import { installSearchIndex } from '../server/search/fts';

export async function up(db: Kysely<any>): Promise<void> {
  await installSearchIndex(db);
}

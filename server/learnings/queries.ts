// Reads of learnings (erfaringer): the list, one learning, and the initiatives and meetings linked.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/database';
import { containsPattern } from '../db/text-keys';
import type { LearningFilter } from './schemas';

/**
 * Case-insensitive "contains" over a learning's texts, also for æ, ø, å. The table has no
 * search_key column, and SQLite's lower() folds ASCII only, so the Danish capitals are folded first.
 */
function textContains(text: string) {
  const all = sql<string>`learnings.title || ' ' || learnings.what_we_did || ' ' || learnings.what_happened || ' ' || learnings.what_next`;
  const folded = sql<string>`lower(replace(replace(replace(replace(replace(replace(${all}, 'Æ', 'æ'), 'Ø', 'ø'), 'Å', 'å'), 'Ä', 'ä'), 'Ö', 'ö'), 'É', 'é'))`;
  return sql<SqlBool>`${folded} like ${containsPattern(text)} escape '\\'`;
}

function filtered(db: Db, f: LearningFilter) {
  let q = db.selectFrom('learnings');
  if (f.outcome) q = q.where('learnings.outcome', '=', f.outcome);
  if (f.initiative_id) {
    const initiativeId = f.initiative_id;
    q = q.where('learnings.id', 'in', (eb) => eb.selectFrom('learning_initiatives').select('learning_id').where('initiative_id', '=', initiativeId));
  }
  if (f.q) q = q.where(textContains(f.q));
  return q;
}

/** Newest first: a learning is most useful while it is fresh. */
export function listLearnings(db: Db, f: LearningFilter, limit: number, offset: number) {
  return filtered(db, f)
    .select(['learnings.id', 'learnings.title', 'learnings.date', 'learnings.outcome'])
    .orderBy('learnings.date', 'desc')
    .orderBy('learnings.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countLearnings(db: Db, f: LearningFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The initiatives linked to a page of learnings, in one query. */
export async function initiativesOfLearnings(db: Db, learningIds: number[]) {
  if (learningIds.length === 0) return [];
  return db
    .selectFrom('learning_initiatives')
    .innerJoin('initiatives', 'initiatives.id', 'learning_initiatives.initiative_id')
    .select(['learning_initiatives.learning_id', 'initiatives.id', 'initiatives.title'])
    .where('learning_initiatives.learning_id', 'in', learningIds)
    .orderBy('initiatives.sort_key')
    .execute();
}

export function findLearning(db: Db, id: number) {
  return db.selectFrom('learnings').selectAll().where('id', '=', id).executeTakeFirst();
}
export type LearningRow = NonNullable<Awaited<ReturnType<typeof findLearning>>>;

export function initiativesOfLearning(db: Db, learningId: number) {
  return db
    .selectFrom('learning_initiatives')
    .innerJoin('initiatives', 'initiatives.id', 'learning_initiatives.initiative_id')
    .select(['initiatives.id', 'initiatives.title'])
    .where('learning_initiatives.learning_id', '=', learningId)
    .orderBy('initiatives.sort_key')
    .execute();
}

export function meetingsOfLearning(db: Db, learningId: number) {
  return db
    .selectFrom('learning_meetings')
    .innerJoin('meetings', 'meetings.id', 'learning_meetings.meeting_id')
    .select(['meetings.id', 'meetings.title', 'meetings.starts_at'])
    .where('learning_meetings.learning_id', '=', learningId)
    .orderBy('meetings.starts_at', 'desc')
    .execute();
}

// Comments by representatives (and the consultant) on meetings, minutes drafts and initiatives.
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { CommentTable } from '../db/schema';

export type CommentTarget = CommentTable['target_type'];

export async function addComment(db: Db, target: CommentTarget, targetId: number, personId: number, body: string, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = { target_type: target, target_id: targetId, person_id: personId, body, created_at: at.toISOString() };
    const { id } = await trx.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'comment', entityId: id, after: row });
    return id;
  });
}

export function commentsOf(db: Db, target: CommentTarget, targetId: number) {
  return db
    .selectFrom('comments')
    .innerJoin('people', 'people.id', 'comments.person_id')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select(['comments.id', 'comments.body', 'comments.created_at', 'people.name as author', 'organisations.name as organisation_name'])
    .where('comments.target_type', '=', target)
    .where('comments.target_id', '=', targetId)
    .orderBy('comments.id')
    .execute();
}

// Learnings (erfaringer): create, change and delete with their links, each audited in the same transaction.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { Database } from '../db/schema';
import { Invalid, NotFound } from '../web/errors';
import type { LearningForm } from './schemas';
export { LEARNING_OUTCOME_LABELS } from './schemas';

type Trx = Kysely<Database>;

/** Ids from a form, without repeats and in a stable order (so audit diffs stay readable). */
export function distinctIds(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Links may only point at initiatives that exist; a stale form gets a field error, not a 500. */
export async function assertInitiativesExist(trx: Trx, ids: number[], field = 'initiative_ids'): Promise<void> {
  if (ids.length === 0) return;
  const found = await trx.selectFrom('initiatives').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw new Invalid({ [field]: 'Vælg initiativer fra listen' });
}

export async function assertMeetingsExist(trx: Trx, ids: number[], field = 'meeting_ids'): Promise<void> {
  if (ids.length === 0) return;
  const found = await trx.selectFrom('meetings').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw new Invalid({ [field]: ids.length === 1 ? 'Vælg et møde fra listen' : 'Vælg møder fra listen' });
}

// No person is stored on a learning (no owner, no author column): it is shared, not blamed.
function columns(input: LearningForm) {
  return {
    title: input.title,
    date: input.date,
    what_we_did: input.what_we_did,
    what_happened: input.what_happened,
    what_next: input.what_next,
    outcome: input.outcome,
  };
}

async function linksOf(trx: Trx, learningId: number) {
  const initiatives = await trx.selectFrom('learning_initiatives').select('initiative_id').where('learning_id', '=', learningId).orderBy('initiative_id').execute();
  const meetings = await trx.selectFrom('learning_meetings').select('meeting_id').where('learning_id', '=', learningId).orderBy('meeting_id').execute();
  return { initiative_ids: initiatives.map((r) => r.initiative_id), meeting_ids: meetings.map((r) => r.meeting_id) };
}

/** Replaces a learning's links with the ones chosen in the form. */
async function saveLinks(trx: Trx, learningId: number, links: { initiative_ids: number[]; meeting_ids: number[] }) {
  await trx.deleteFrom('learning_initiatives').where('learning_id', '=', learningId).execute();
  await trx.deleteFrom('learning_meetings').where('learning_id', '=', learningId).execute();
  if (links.initiative_ids.length) {
    await trx.insertInto('learning_initiatives').values(links.initiative_ids.map((initiative_id) => ({ learning_id: learningId, initiative_id }))).execute();
  }
  if (links.meeting_ids.length) {
    await trx.insertInto('learning_meetings').values(links.meeting_ids.map((meeting_id) => ({ learning_id: learningId, meeting_id }))).execute();
  }
}

async function checkedLinks(trx: Trx, input: LearningForm) {
  const links = { initiative_ids: distinctIds(input.initiative_ids), meeting_ids: distinctIds(input.meeting_ids) };
  await assertInitiativesExist(trx, links.initiative_ids);
  await assertMeetingsExist(trx, links.meeting_ids);
  return links;
}

export async function createLearning(db: Db, input: LearningForm, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const links = await checkedLinks(trx, input);
    const row = { ...columns(input), created_at: at.toISOString(), updated_at: at.toISOString() };
    const { id } = await trx.insertInto('learnings').values(row).returning('id').executeTakeFirstOrThrow();
    await saveLinks(trx, id, links);
    await audit(trx, { actor, at, action: 'create', entity: 'learning', entityId: id, after: { ...row, ...links } });
    return id;
  });
}

export async function updateLearning(db: Db, id: number, input: LearningForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('learnings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    const links = await checkedLinks(trx, input);
    const beforeLinks = await linksOf(trx, id);
    const set = { ...columns(input), updated_at: at.toISOString() };
    await trx.updateTable('learnings').set(set).where('id', '=', id).execute();
    await saveLinks(trx, id, links);
    await audit(trx, { actor, at, action: 'update', entity: 'learning', entityId: id, before: { ...before, ...beforeLinks }, after: { ...before, ...set, ...links } });
  });
}

/** Deletes a learning; its links go with it (the link tables cascade). */
export async function deleteLearning(db: Db, id: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('learnings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    const links = await linksOf(trx, id);
    await trx.deleteFrom('learnings').where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'learning', entityId: id, before: { ...before, ...links } });
  });
}

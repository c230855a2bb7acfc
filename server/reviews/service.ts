// Review dates ("tages op igen") on decisions, trial actions and forklar-eller-fjern items: set,
// cleared and marked handled (taken up), each audited; and the reviews due by a day, which the
// overview, the next meeting's agenda and the daily reminders read.
//
// "Taken up" means: marked handled ("Markér som taget op"), or a new day set (the old review is
// replaced by the new one). A trial action is reviewed at its trial end unless a day is set.
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { ReviewKind } from '../db/schema';
import { Conflict, NotFound } from '../web/errors';
import { dueReviewRows, findReviewRow, findReviewSubject, type DueReview, type ReviewSubject } from './queries';
import { REVIEW_KIND_LABELS, REVIEW_TEXTS as T } from './messages';
import { formatIsoDay } from '../web/format';

export type { DueReview, ReviewSubject };
export { initiativeContacts } from './queries';
export { REVIEW_KIND_LABELS } from './messages';

/** Every review due on or before `day` (a Copenhagen day) and not yet taken up, oldest first. */
export function dueReviews(db: Db, day: string): Promise<DueReview[]> {
  return dueReviewRows(db, day);
}

/**
 * The agenda item "Til opfølgning" for a partnership's meeting on `day`: the reviews due by that
 * day (the partnership's, and those of the register and initiatives without a partnership), or
 * null when there are none. The trial actions are linked to the item as its initiatives.
 */
export async function reviewAgendaItem(db: Db, partnershipId: number, day: string): Promise<{ title: string; background: string; initiativeIds: number[] } | null> {
  const due = (await dueReviewRows(db, day)).filter((r) => r.partnershipId === null || r.partnershipId === partnershipId);
  if (due.length === 0) return null;
  const lines = due.map(
    (r) =>
      `• ${REVIEW_KIND_LABELS[r.kind]}: ${r.title} (${r.context}) – ${r.isDefault ? 'prøveperioden sluttede' : 'tages op igen'} ${formatIsoDay(r.day)}, ansvarlig: ${r.ownerName ?? 'ikke angivet'}`,
  );
  return {
    title: T.agendaItemTitle,
    background: `${T.agendaIntro}\n\n${lines.join('\n')}`,
    initiativeIds: due.filter((r) => r.kind === 'afproevning').map((r) => r.subjectId),
  };
}

export interface ReviewState {
  subject: ReviewSubject;
  /** The day it is taken up again (a trial action: its end when none is set), or null. */
  day: string | null;
  isDefault: boolean;
  handledAt: string | null;
  handledByName: string | null;
}

export async function reviewOf(db: Db, kind: ReviewKind, id: number): Promise<ReviewState> {
  const subject = await findReviewSubject(db, kind, id);
  if (!subject) throw new NotFound();
  const row = await findReviewRow(db, kind, id);
  if (!row) return { subject, day: subject.trialEnd, isDefault: subject.trialEnd !== null, handledAt: null, handledByName: null };
  return { subject, day: row.review_day, isDefault: false, handledAt: row.handled_at, handledByName: row.handled_by_name };
}

/**
 * Sets the day a subject is taken up again (an earlier review is thereby replaced and open again),
 * or with null removes it: a trial action is then taken up at its trial end again.
 */
export async function setReviewDay(db: Db, kind: ReviewKind, id: number, day: string | null, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await findReviewSubject(trx, kind, id))) throw new NotFound();
    const before = await trx.selectFrom('reviews').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', id).executeTakeFirst();
    if (day === null) {
      if (!before) return;
      await trx.deleteFrom('reviews').where('id', '=', before.id).execute();
      await audit(trx, { actor, at, action: 'delete', entity: 'review', entityId: before.id, before });
      return;
    }
    const set = { review_day: day, handled_at: null, handled_by: null, updated_at: at.toISOString() };
    if (before) {
      await trx.updateTable('reviews').set(set).where('id', '=', before.id).execute();
      await audit(trx, { actor, at, action: 'update', entity: 'review', entityId: before.id, before, after: { ...before, ...set } });
    } else {
      const row = { subject_kind: kind, subject_id: id, ...set, created_at: at.toISOString() };
      const { id: reviewId } = await trx.insertInto('reviews').values(row).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actor, at, action: 'create', entity: 'review', entityId: reviewId, after: row });
    }
  });
}

/** Marks the open review as taken up by `personId`; refused when there is none open. */
export async function markReviewHandled(db: Db, kind: ReviewKind, id: number, personId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const subject = await findReviewSubject(trx, kind, id);
    if (!subject) throw new NotFound();
    const back = `/opfoelgning/${kind}/${id}`;
    const before = await trx.selectFrom('reviews').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', id).executeTakeFirst();
    const set = { handled_at: at.toISOString(), handled_by: personId, updated_at: at.toISOString() };
    if (before) {
      if (before.handled_at !== null) throw new Conflict(T.nothingToHandle, back);
      await trx.updateTable('reviews').set(set).where('id', '=', before.id).execute();
      await audit(trx, { actor, at, action: 'update', entity: 'review', entityId: before.id, before, after: { ...before, ...set } });
    } else {
      // A trial action's default review (its end), taken up: recorded with that day.
      if (!subject.trialEnd) throw new Conflict(T.nothingToHandle, back);
      const row = { subject_kind: kind, subject_id: id, review_day: subject.trialEnd, ...set, created_at: at.toISOString() };
      const { id: reviewId } = await trx.insertInto('reviews').values(row).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actor, at, action: 'create', entity: 'review', entityId: reviewId, after: row });
    }
  });
}

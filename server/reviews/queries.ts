// Reads of the review dates ("tages op igen"), for the reviews feature itself: the reviews due by a
// day, and one subject's review with what it is about. A trial action without a row of its own is
// reviewed at its trial end (the default) until its trial decision is written or it is stopped.
import type { Db } from '../db/database';
import type { ReviewKind } from '../db/schema';

export interface DueReview {
  kind: ReviewKind;
  subjectId: number;
  title: string;
  /** Where the subject is: its page (a decision: its meeting, at the item). */
  href: string;
  /** What it belongs to, e.g. the meeting a decision was made at. */
  context: string;
  day: string;
  /** True when the day is a trial action's end, not a day someone set. */
  isDefault: boolean;
  ownerId: number | null;
  ownerName: string | null;
  /** The partnership it belongs to; null for the forklar-eller-fjern register and initiatives without one. */
  partnershipId: number | null;
}

async function dueDecisions(db: Db, byDay: string): Promise<DueReview[]> {
  const rows = await db
    .selectFrom('reviews')
    .innerJoin('agenda_items', 'agenda_items.id', 'reviews.subject_id')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .leftJoin('people', 'people.id', 'meetings.convener_id')
    .select([
      'agenda_items.id',
      'agenda_items.title',
      'reviews.review_day',
      'meetings.id as meeting_id',
      'meetings.title as meeting_title',
      'meetings.partnership_id',
      'meetings.convener_id',
      'people.name as owner_name',
    ])
    .where('reviews.subject_kind', '=', 'beslutning')
    .where('reviews.handled_at', 'is', null)
    .where('reviews.review_day', '<=', byDay)
    .orderBy('reviews.review_day')
    .orderBy('agenda_items.id')
    .execute();
  return rows.map((r) => ({
    kind: 'beslutning',
    subjectId: r.id,
    title: r.title,
    href: `/meetings/${r.meeting_id}#punkt-${r.id}`,
    context: r.meeting_title,
    day: r.review_day,
    isDefault: false,
    ownerId: r.convener_id,
    ownerName: r.owner_name,
    partnershipId: r.partnership_id,
  }));
}

async function dueFef(db: Db, byDay: string): Promise<DueReview[]> {
  const rows = await db
    .selectFrom('reviews')
    .innerJoin('fef_items', 'fef_items.id', 'reviews.subject_id')
    .leftJoin('people', 'people.id', 'fef_items.raised_by')
    .select(['fef_items.id', 'fef_items.title', 'fef_items.raised_by', 'reviews.review_day', 'people.name as owner_name'])
    .where('reviews.subject_kind', '=', 'fef')
    .where('reviews.handled_at', 'is', null)
    .where('reviews.review_day', '<=', byDay)
    .orderBy('reviews.review_day')
    .orderBy('fef_items.id')
    .execute();
  return rows.map((r) => ({
    kind: 'fef',
    subjectId: r.id,
    title: r.title,
    href: `/forklar-eller-fjern/${r.id}`,
    context: 'Forklar eller fjern',
    day: r.review_day,
    isDefault: false,
    ownerId: r.raised_by,
    ownerName: r.owner_name,
    partnershipId: null,
  }));
}

async function dueTrials(db: Db, byDay: string): Promise<DueReview[]> {
  const rows = await db
    .selectFrom('initiatives')
    .leftJoin('reviews', (j) => j.onRef('reviews.subject_id', '=', 'initiatives.id').on('reviews.subject_kind', '=', 'afproevning'))
    .select(['initiatives.id', 'initiatives.title', 'initiatives.partnership_id', 'initiatives.trial_end', 'reviews.id as review_id', 'reviews.review_day'])
    .where('initiatives.kind', '=', 'proevehandling')
    .where((eb) =>
      eb.or([
        // Its own review day, not yet handled.
        eb.and([eb('reviews.id', 'is not', null), eb('reviews.handled_at', 'is', null), eb('reviews.review_day', '<=', byDay)]),
        // The default: the trial's end, while no decision is written and it is not stopped.
        eb.and([
          eb('reviews.id', 'is', null),
          eb('initiatives.trial_end', 'is not', null),
          eb('initiatives.trial_end', '<=', byDay),
          eb('initiatives.trial_decision', 'is', null),
          eb('initiatives.status', '!=', 'stoppet'),
        ]),
      ]),
    )
    .orderBy('initiatives.id')
    .execute();
  const owners = await initiativeContacts(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const owner = owners.get(r.id) ?? null;
    return {
      kind: 'afproevning',
      subjectId: r.id,
      title: r.title,
      href: `/initiatives/${r.id}`,
      context: 'Prøvehandling',
      day: (r.review_id === null ? r.trial_end : r.review_day)!,
      isDefault: r.review_id === null,
      ownerId: owner?.id ?? null,
      ownerName: owner?.name ?? null,
      partnershipId: r.partnership_id,
    };
  });
}

/** An initiative's contact: the first person named among its partners (the one added first). */
export async function initiativeContacts(db: Db, initiativeIds: number[]): Promise<Map<number, { id: number; name: string }>> {
  if (initiativeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('initiative_partners')
    .innerJoin('people', 'people.id', 'initiative_partners.person_id')
    .select(['initiative_partners.initiative_id', 'people.id', 'people.name'])
    .where('initiative_partners.initiative_id', 'in', [...new Set(initiativeIds)])
    .orderBy('initiative_partners.initiative_id')
    .orderBy('initiative_partners.id')
    .execute();
  const contacts = new Map<number, { id: number; name: string }>();
  for (const r of rows) if (!contacts.has(r.initiative_id)) contacts.set(r.initiative_id, { id: r.id, name: r.name });
  return contacts;
}

const KIND_ORDER: Record<ReviewKind, number> = { beslutning: 0, afproevning: 1, fef: 2 };

/** Every review due on or before `byDay` and not yet handled: oldest day first. */
export async function dueReviewRows(db: Db, byDay: string): Promise<DueReview[]> {
  const [decisions, trials, fef] = await Promise.all([dueDecisions(db, byDay), dueTrials(db, byDay), dueFef(db, byDay)]);
  return [...decisions, ...trials, ...fef].sort(
    (a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.subjectId - b.subjectId,
  );
}

export interface ReviewSubject {
  kind: ReviewKind;
  id: number;
  title: string;
  href: string;
  context: string;
  /** A trial action's end: its review day when none is set. */
  trialEnd: string | null;
}

/** The subject a review can be set on, or undefined (a decision must be a 'beslutning' item, an initiative a trial action). */
export async function findReviewSubject(db: Db, kind: ReviewKind, id: number): Promise<ReviewSubject | undefined> {
  if (kind === 'beslutning') {
    const r = await db
      .selectFrom('agenda_items')
      .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
      .select(['agenda_items.id', 'agenda_items.title', 'meetings.id as meeting_id', 'meetings.title as meeting_title'])
      .where('agenda_items.id', '=', id)
      .where('agenda_items.kind', '=', 'beslutning')
      .executeTakeFirst();
    return r && { kind, id: r.id, title: r.title, href: `/meetings/${r.meeting_id}#punkt-${r.id}`, context: r.meeting_title, trialEnd: null };
  }
  if (kind === 'afproevning') {
    const r = await db
      .selectFrom('initiatives')
      .select(['id', 'title', 'trial_end'])
      .where('id', '=', id)
      .where('kind', '=', 'proevehandling')
      .executeTakeFirst();
    return r && { kind, id: r.id, title: r.title, href: `/initiatives/${r.id}`, context: 'Prøvehandling', trialEnd: r.trial_end };
  }
  const r = await db.selectFrom('fef_items').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
  return r && { kind, id: r.id, title: r.title, href: `/forklar-eller-fjern/${r.id}`, context: 'Forklar eller fjern', trialEnd: null };
}

export function findReviewRow(db: Db, kind: ReviewKind, id: number) {
  return db
    .selectFrom('reviews')
    .leftJoin('people', 'people.id', 'reviews.handled_by')
    .select(['reviews.id', 'reviews.review_day', 'reviews.handled_at', 'reviews.handled_by', 'people.name as handled_by_name'])
    .where('reviews.subject_kind', '=', kind)
    .where('reviews.subject_id', '=', id)
    .executeTakeFirst();
}

// Making a meeting inside a transaction: the meeting and its invitations, then its agenda — the
// follow-up item with the open actions carried over, the partnership's standard items when asked
// for, and the postponed (udsat) items of an earlier meeting continued with a link back.
import type { Kysely } from 'kysely';
import { audit, type Actor } from '../db/audit';
import type { AgendaKind, Database } from '../db/schema';
import { carryOverOpenActions } from '../actions/service';
import type { StandardItem } from '../partnerships/service';
import { Invalid } from '../web/errors';
import { formatCount } from '../web/format';
import { copenhagenToUtc } from '../web/time';
import type { MeetingForm } from './schemas';

export const FOLLOW_UP_TITLE = 'Opfølgning fra sidste møde';

export async function assertPeopleExist(trx: Kysely<Database>, form: MeetingForm) {
  const partnership = await trx.selectFrom('partnerships').select('id').where('id', '=', form.partnership_id).executeTakeFirst();
  if (!partnership) throw new Invalid({ partnership_id: 'Vælg et partnerskab fra listen' });
  const named = { convener_id: form.convener_id, chair_id: form.chair_id, minute_taker_id: form.minute_taker_id };
  const ids = [...new Set([...form.participant_ids, ...Object.values(named).filter((v): v is number => !!v)])];
  if (ids.length === 0) return;
  const found = new Set((await trx.selectFrom('people').select('id').where('id', 'in', ids).execute()).map((p) => p.id));
  for (const [field, id] of Object.entries(named)) if (id && !found.has(id)) throw new Invalid({ [field]: 'Vælg en person fra listen' });
  if (form.participant_ids.some((id) => !found.has(id))) throw new Invalid({ participant_ids: 'Vælg deltagere fra listen' });
}

export function meetingColumns(form: MeetingForm) {
  return {
    partnership_id: form.partnership_id,
    title: form.title,
    kind: form.kind,
    starts_at: copenhagenToUtc(form.day, form.start_time).toISOString(),
    ends_at: copenhagenToUtc(form.day, form.end_time).toISOString(),
    place: form.place,
    convener_id: form.convener_id,
    chair_id: form.chair_id,
    minute_taker_id: form.minute_taker_id,
    journal_number: form.journal_number ?? '',
  };
}

/** The people a new partnership meeting proposes to invite: its representatives and conveners. */
export async function proposedParticipants(db: Kysely<Database>, partnershipId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('partnership_members')
    .innerJoin('people', 'people.id', 'partnership_members.person_id')
    .select('people.id')
    .where('partnership_members.partnership_id', '=', partnershipId)
    .where('people.active', '=', 1)
    .where((eb) => eb.or([eb('partnership_members.is_representative', '=', 1), eb('partnership_members.convenes_meetings', '=', 1)]))
    .execute();
  return rows.map((r) => r.id);
}

/** The person who convenes the partnership's meetings by default (the consultant first). */
export async function defaultConvener(db: Kysely<Database>, partnershipId: number): Promise<number | null> {
  const row = await db
    .selectFrom('partnership_members')
    .innerJoin('people', 'people.id', 'partnership_members.person_id')
    .select('people.id')
    .where('partnership_members.partnership_id', '=', partnershipId)
    .where('partnership_members.convenes_meetings', '=', 1)
    .orderBy(
      (eb) => eb.case().when('people.position', '=', 'konsulent').then(0).else(1).end(),
    )
    .orderBy('people.id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** An item of an earlier meeting that was postponed (udsat) to this one. */
export interface PostponedItem {
  id: number;
  title: string;
  kind: AgendaKind;
  background: string;
  proposal: string;
  presenter_id: number | null;
  duration_minutes: number | null;
}

export interface AgendaPlan {
  /** The partnership's standard items, in order, when the meeting starts from them. */
  standardItems?: StandardItem[];
  /** Items of an earlier meeting to continue on this one, each linked back to its original. */
  postponed?: PostponedItem[];
  /** The series the meeting is an occurrence of. */
  seriesId?: number | null;
  /** "Til opfølgning": the reviews due by the meeting's day, after the postponed items (reviews/service.ts). */
  reviewItem?: ReviewItem | null;
}

/** The item listing the decisions, trial actions and forklar-eller-fjern items to take up again. */
export interface ReviewItem {
  title: string;
  background: string;
  initiativeIds: number[];
}

type Slot = { type: 'follow-up' } | { type: 'standard'; item: StandardItem } | { type: 'postponed'; item: PostponedItem } | { type: 'review'; item: ReviewItem };

/**
 * Creates a meeting with its invitations and agenda. A partnership meeting, any meeting when the
 * partnership has open actions, and any meeting whose standard items include it, gets the item
 * "Opfølgning fra sidste møde" listing the open actions. Order: the standard items (the follow-up
 * item where the template has it, else first), the postponed items right after the follow-up item.
 */
export async function insertMeeting(trx: Kysely<Database>, form: MeetingForm, actor: Actor, at: Date, plan: AgendaPlan = {}): Promise<number> {
  const now = at.toISOString();
  await assertPeopleExist(trx, form);
  const row = {
    ...meetingColumns(form),
    status: 'planlagt' as const,
    sequence: 0,
    evaluation_note: '',
    ...(plan.seriesId ? { series_id: plan.seriesId } : {}),
    created_at: now,
    updated_at: now,
  };
  const { id } = await trx.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow();
  if (form.participant_ids.length) {
    await trx
      .insertInto('meeting_participants')
      .values([...new Set(form.participant_ids)].map((person_id) => ({ meeting_id: id, person_id, attendance: 'inviteret' as const })))
      .execute();
  }
  await audit(trx, { actor, at, action: 'create', entity: 'meeting', entityId: id, after: { ...row, participant_ids: form.participant_ids } });

  const template = plan.standardItems ?? null;
  const followUpTemplate = template?.find((t) => t.follow_up) ?? null;
  let slots: Slot[] = template ? template.map((item): Slot => (item.follow_up ? { type: 'follow-up' } : { type: 'standard', item })) : [];
  if (!followUpTemplate) slots.unshift({ type: 'follow-up' });
  const afterFollowUp = slots.findIndex((s) => s.type === 'follow-up') + 1;
  slots.splice(afterFollowUp, 0, ...(plan.postponed ?? []).map((item): Slot => ({ type: 'postponed', item })));
  if (plan.reviewItem) slots.splice(afterFollowUp + (plan.postponed?.length ?? 0), 0, { type: 'review', item: plan.reviewItem });

  // The follow-up item first (its id links the carried actions), placed once the order is known.
  const followUp = {
    meeting_id: id,
    position: 0,
    kind: followUpTemplate?.kind ?? ('orientering' as const),
    title: followUpTemplate?.title ?? FOLLOW_UP_TITLE,
    background: '',
    discussion: '',
    decision: '',
    created_at: now,
    updated_at: now,
  };
  const { id: followUpId } = await trx.insertInto('agenda_items').values(followUp).returning('id').executeTakeFirstOrThrow();
  const carried = await carryOverOpenActions(trx, form.partnership_id, followUpId, id);
  if (carried.length === 0 && form.kind !== 'partnerskabsmoede' && !followUpTemplate) {
    await trx.deleteFrom('agenda_items').where('id', '=', followUpId).execute();
    slots = slots.filter((s) => s.type !== 'follow-up');
  }

  for (const [i, slot] of slots.entries()) {
    const position = i + 1;
    if (slot.type === 'follow-up') {
      const status = carried.length
        ? `Status på partnerskabets ${formatCount(carried.length, 'åbne opfølgningspunkt', 'åbne opfølgningspunkter')} fra tidligere møder (listet nedenfor).`
        : 'Der var ingen åbne opfølgningspunkter fra tidligere møder, da mødet blev oprettet.';
      const background = followUpTemplate?.background ? `${status}\n\n${followUpTemplate.background}` : status;
      await trx.updateTable('agenda_items').set({ position, background }).where('id', '=', followUpId).execute();
      await audit(trx, {
        actor,
        at,
        action: 'create',
        entity: 'agenda_item',
        entityId: followUpId,
        after: { ...followUp, position, background, carried_over_action_ids: carried.map((a) => a.id) },
      });
    } else if (slot.type === 'standard') {
      const { title, kind, background } = slot.item;
      const item = { meeting_id: id, position, kind, title, background, discussion: '', decision: '', created_at: now, updated_at: now };
      const { id: itemId } = await trx.insertInto('agenda_items').values(item).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actor, at, action: 'create', entity: 'agenda_item', entityId: itemId, after: { ...item, standard_item_id: slot.item.id } });
    } else if (slot.type === 'review') {
      const { title, background, initiativeIds } = slot.item;
      const item = { meeting_id: id, position, kind: 'droeftelse' as const, title, background, discussion: '', decision: '', created_at: now, updated_at: now };
      const { id: itemId } = await trx.insertInto('agenda_items').values(item).returning('id').executeTakeFirstOrThrow();
      if (initiativeIds.length) await trx.insertInto('agenda_item_initiatives').values(initiativeIds.map((initiative_id) => ({ agenda_item_id: itemId, initiative_id }))).execute();
      await audit(trx, { actor, at, action: 'create', entity: 'agenda_item', entityId: itemId, after: { ...item, initiative_ids: initiativeIds } });
    } else {
      await continuePostponedItem(trx, id, position, slot.item, actor, at);
    }
  }
  return id;
}

/**
 * A copy of a postponed item on a later meeting, linked back to the original (which stays in its
 * meeting's minutes as decided): its text, indstilling, presenter, time and links, no discussion
 * or decision yet.
 */
export async function continuePostponedItem(trx: Kysely<Database>, meetingId: number, position: number, original: PostponedItem, actor: Actor, at: Date): Promise<number> {
  const now = at.toISOString();
  const item = {
    meeting_id: meetingId,
    position,
    kind: original.kind,
    title: original.title,
    background: original.background,
    proposal: original.proposal,
    presenter_id: original.presenter_id,
    duration_minutes: original.duration_minutes,
    discussion: '',
    decision: '',
    postponed_from_item_id: original.id,
    created_at: now,
    updated_at: now,
  };
  const { id } = await trx.insertInto('agenda_items').values(item).returning('id').executeTakeFirstOrThrow();
  const initiatives = await trx.selectFrom('agenda_item_initiatives').select('initiative_id').where('agenda_item_id', '=', original.id).execute();
  const dilemmas = await trx.selectFrom('agenda_item_dilemmas').select('dilemma_id').where('agenda_item_id', '=', original.id).execute();
  if (initiatives.length) await trx.insertInto('agenda_item_initiatives').values(initiatives.map((l) => ({ agenda_item_id: id, initiative_id: l.initiative_id }))).execute();
  if (dilemmas.length) await trx.insertInto('agenda_item_dilemmas').values(dilemmas.map((l) => ({ agenda_item_id: id, dilemma_id: l.dilemma_id }))).execute();
  await audit(trx, {
    actor,
    at,
    action: 'create',
    entity: 'agenda_item',
    entityId: id,
    after: { ...item, initiative_ids: initiatives.map((l) => l.initiative_id), dilemma_ids: dilemmas.map((l) => l.dilemma_id) },
  });
  return id;
}

// The agenda: items kept in order 1..n; add, edit, remove and move up or down.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { Conflict, Invalid } from '../web/errors';
import { AGENDA_TEXTS } from './messages';
import { MEETING_LIMITS } from './schemas';
import { audit, type Actor } from '../db/audit';
import { NotFound } from '../web/errors';
import { assertMeetingEditable } from './lock';
import { utcToCopenhagen } from '../web/time';
import type { AgendaItemForm } from './schemas';
import { notifyAgendaReleased, type Notifier } from '../notifications/service';

/** The item's links to initiatives and dilemmas become exactly the ones chosen. */
async function replaceLinks(trx: Kysely<Database>, itemId: number, form: AgendaItemForm) {
  const initiativeIds = [...new Set(form.initiative_ids)];
  const dilemmaIds = [...new Set(form.dilemma_ids)];
  if (initiativeIds.length) {
    const found = await trx.selectFrom('initiatives').select('id').where('id', 'in', initiativeIds).execute();
    if (found.length !== initiativeIds.length) throw new Invalid({ initiative_ids: 'Vælg initiativer fra listen' });
  }
  if (dilemmaIds.length) {
    const found = await trx.selectFrom('dilemmas').select('id').where('id', 'in', dilemmaIds).execute();
    if (found.length !== dilemmaIds.length) throw new Invalid({ dilemma_ids: 'Vælg dilemmaer fra listen' });
  }
  await trx.deleteFrom('agenda_item_initiatives').where('agenda_item_id', '=', itemId).execute();
  await trx.deleteFrom('agenda_item_dilemmas').where('agenda_item_id', '=', itemId).execute();
  if (initiativeIds.length) await trx.insertInto('agenda_item_initiatives').values(initiativeIds.map((id) => ({ agenda_item_id: itemId, initiative_id: id }))).execute();
  if (dilemmaIds.length) await trx.insertInto('agenda_item_dilemmas').values(dilemmaIds.map((id) => ({ agenda_item_id: itemId, dilemma_id: id }))).execute();
}

function itemColumns(form: AgendaItemForm) {
  return {
    kind: form.kind,
    title: form.title,
    background: form.background,
    proposal: form.proposal,
    discussion: form.discussion,
    decision: form.decision,
    presenter_id: form.presenter_id,
    duration_minutes: form.duration_minutes,
    postponed: form.postponed ? 1 : 0,
    closed: form.closed ? 1 : 0,
    closed_reason: form.closed ? form.closed_reason : '',
    msc_story_id: form.msc_story_id,
    msc_reason: form.msc_story_id ? form.msc_reason : '',
  } as const;
}

/** The presenter must be a person that exists. */
async function assertPresenter(trx: Kysely<Database>, form: AgendaItemForm) {
  if (!form.presenter_id) return;
  const found = await trx.selectFrom('people').select('id').where('id', '=', form.presenter_id).executeTakeFirst();
  if (!found) throw new Invalid({ presenter_id: 'Vælg en person fra listen' });
}

/** The chosen most significant story must exist and have been told by the day of the meeting. */
async function assertStory(trx: Kysely<Database>, meetingId: number, form: AgendaItemForm) {
  if (!form.msc_story_id) return;
  const found = await trx.selectFrom('citizen_stories').select('date').where('id', '=', form.msc_story_id).executeTakeFirst();
  if (!found) throw new Invalid({ msc_story_id: 'Vælg en historie fra listen' });
  const meeting = await trx.selectFrom('meetings').select('starts_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
  if (found.date > utcToCopenhagen(meeting.starts_at).day) throw new Invalid({ msc_story_id: 'Historien er fra efter mødet. Vælg en historie, der var fortalt inden mødet.' });
}

/**
 * After "Udsend dagsorden", any change to the agenda marks it revised (with the time), so
 * readers know the agenda they got is not the latest.
 */
export async function markAgendaRevised(trx: Kysely<Database>, meetingId: number, at: Date): Promise<void> {
  await trx
    .updateTable('meetings')
    .set({ agenda_revised_at: at.toISOString() })
    .where('id', '=', meetingId)
    .where('agenda_released_at', 'is not', null)
    .where('status', '=', 'planlagt') // once held, edits are the minutes, not a revised agenda
    .execute();
}

/** What the released agenda shows of an item (discussion and decision belong to the minutes). */
const AGENDA_FIELDS = ['title', 'kind', 'background', 'proposal', 'presenter_id', 'duration_minutes'] as const;

/** Adds an item last. `within` runs in the same transaction once it exists (e.g. taking a proposal into it). */
export async function addAgendaItem(
  db: Db,
  meetingId: number,
  form: AgendaItemForm,
  actor: Actor,
  at: Date,
  within?: (trx: Kysely<Database>, itemId: number) => Promise<void>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const last = await trx
      .selectFrom('agenda_items')
      .select((eb) => [eb.fn.max('position').as('max'), eb.fn.countAll<number>().as('n')])
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (Number(last?.n ?? 0) >= MEETING_LIMITS.items) throw new Invalid({ title: `Et møde kan højst have ${MEETING_LIMITS.items} punkter. Saml punkter, eller del mødet op.` });
    const row = {
      meeting_id: meetingId,
      position: Number(last?.max ?? 0) + 1,
      ...itemColumns(form),
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    await assertPresenter(trx, form);
    await assertStory(trx, meetingId, form);
    const { id } = await trx.insertInto('agenda_items').values(row).returning('id').executeTakeFirstOrThrow();
    await replaceLinks(trx, id, form);
    await markAgendaRevised(trx, meetingId, at);
    await audit(trx, { actor, at, action: 'create', entity: 'agenda_item', entityId: id, after: { ...row, initiative_ids: form.initiative_ids, dilemma_ids: form.dilemma_ids } });
    await within?.(trx, id);
    return id;
  });
}

export async function updateAgendaItem(db: Db, meetingId: number, itemId: number, form: AgendaItemForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const before = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!before) throw new NotFound();
    await assertPresenter(trx, form);
    await assertStory(trx, meetingId, form);
    const set = { ...itemColumns(form), updated_at: at.toISOString() };
    await trx.updateTable('agenda_items').set(set).where('id', '=', itemId).execute();
    await replaceLinks(trx, itemId, form);
    if (AGENDA_FIELDS.some((f) => before[f] !== set[f])) await markAgendaRevised(trx, meetingId, at);
    await audit(trx, { actor, at, action: 'update', entity: 'agenda_item', entityId: itemId, before, after: { ...before, ...set, initiative_ids: form.initiative_ids, dilemma_ids: form.dilemma_ids } });
  });
}

export async function removeAgendaItem(db: Db, meetingId: number, itemId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const before = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!before) throw new NotFound();
    await trx.deleteFrom('agenda_items').where('id', '=', itemId).execute();
    await trx
      .updateTable('agenda_items')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('meeting_id', '=', meetingId)
      .where('position', '>', before.position)
      .execute();
    await markAgendaRevised(trx, meetingId, at);
    await audit(trx, { actor, at, action: 'delete', entity: 'agenda_item', entityId: itemId, before });
  });
}

/** Swaps an item with its neighbour above or below; at either end nothing changes. */
export async function moveAgendaItem(db: Db, meetingId: number, itemId: number, direction: 'up' | 'down', actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await assertMeetingEditable(trx, meetingId);
    const item = await trx.selectFrom('agenda_items').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!item) throw new NotFound();
    let q = trx.selectFrom('agenda_items').select(['id', 'position']).where('meeting_id', '=', meetingId);
    q = direction === 'up'
      ? q.where('position', '<', item.position).orderBy('position', 'desc')
      : q.where('position', '>', item.position).orderBy('position', 'asc');
    const neighbour = await q.limit(1).executeTakeFirst();
    if (!neighbour) return;
    await trx.updateTable('agenda_items').set({ position: neighbour.position, updated_at: at.toISOString() }).where('id', '=', item.id).execute();
    await trx.updateTable('agenda_items').set({ position: item.position, updated_at: at.toISOString() }).where('id', '=', neighbour.id).execute();
    await markAgendaRevised(trx, meetingId, at);
    await audit(trx, {
      actor,
      at,
      action: 'update',
      entity: 'agenda_item',
      entityId: itemId,
      before: { position: item.position },
      after: { position: neighbour.position },
    });
  });
}

/**
 * "Udsend dagsorden": the agenda is released (time stamped); later changes mark it revised. With a
 * notifier, every participant is mailed the items and the bilag.
 */
export async function releaseAgenda(db: Db, meetingId: number, actor: Actor, at: Date, notifier?: Notifier): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('meetings').select(['id', 'status', 'agenda_released_at']).where('id', '=', meetingId).executeTakeFirst();
    if (!before) throw new NotFound();
    const back = `/meetings/${meetingId}#dagsorden`;
    if (before.status !== 'planlagt') throw new Conflict(AGENDA_TEXTS.releaseOnlyPlanned, back);
    if (before.agenda_released_at) throw new Conflict(AGENDA_TEXTS.alreadyReleased, back);
    const set = { agenda_released_at: at.toISOString(), agenda_revised_at: null };
    await trx.updateTable('meetings').set(set).where('id', '=', meetingId).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'meeting', entityId: meetingId, before, after: { ...before, ...set } });
    await notifyAgendaReleased(trx, notifier, meetingId, at);
  });
}

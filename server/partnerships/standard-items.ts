// A partnership's standard agenda items: the template every new meeting and every planned next
// meeting starts from. Kept in order 1..n; the konsulent adds, edits, removes and moves them.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { AgendaKind, Database } from '../db/schema';
import { NotFound } from '../web/errors';
import type { StandardItemForm } from './schemas';

/**
 * The five usual items (as migrations/0015 seeded them). "Opfølgning fra sidste møde" is where
 * the open actions of earlier meetings are listed (follow_up).
 */
export const DEFAULT_STANDARD_ITEMS: ReadonlyArray<{ title: string; kind: AgendaKind; follow_up: 0 | 1 }> = [
  { title: 'Godkendelse af dagsorden', kind: 'beslutning', follow_up: 0 },
  { title: 'Godkendelse af referat fra sidste møde', kind: 'beslutning', follow_up: 0 },
  { title: 'Opfølgning fra sidste møde', kind: 'orientering', follow_up: 1 },
  { title: 'Eventuelt', kind: 'orientering', follow_up: 0 },
  { title: 'Næste møde', kind: 'droeftelse', follow_up: 0 },
];

export function standardItemsOf(db: Kysely<Database>, partnershipId: number) {
  return db.selectFrom('standard_items').selectAll().where('partnership_id', '=', partnershipId).orderBy('position').orderBy('id').execute();
}

export type StandardItem = Awaited<ReturnType<typeof standardItemsOf>>[number];

export function findStandardItem(db: Db, partnershipId: number, itemId: number) {
  return db.selectFrom('standard_items').selectAll().where('id', '=', itemId).where('partnership_id', '=', partnershipId).executeTakeFirst();
}

/** Gives a new partnership the default template (inside the transaction that creates it). */
export async function addDefaultStandardItems(trx: Kysely<Database>, partnershipId: number, actor: Actor, at: Date): Promise<void> {
  const now = at.toISOString();
  for (const [i, item] of DEFAULT_STANDARD_ITEMS.entries()) {
    const row = { partnership_id: partnershipId, position: i + 1, ...item, background: '', created_at: now, updated_at: now };
    const { id } = await trx.insertInto('standard_items').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'standard_item', entityId: id, after: row });
  }
}

async function assertPartnership(trx: Kysely<Database>, partnershipId: number) {
  const found = await trx.selectFrom('partnerships').select('id').where('id', '=', partnershipId).executeTakeFirst();
  if (!found) throw new NotFound();
}

export async function addStandardItem(db: Db, partnershipId: number, form: StandardItemForm, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertPartnership(trx, partnershipId);
    const last = await trx.selectFrom('standard_items').select((eb) => eb.fn.max('position').as('max')).where('partnership_id', '=', partnershipId).executeTakeFirst();
    const now = at.toISOString();
    const row = { partnership_id: partnershipId, position: Number(last?.max ?? 0) + 1, ...form, follow_up: 0, created_at: now, updated_at: now };
    const { id } = await trx.insertInto('standard_items').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'standard_item', entityId: id, after: row });
    return id;
  });
}

async function loadItem(trx: Kysely<Database>, partnershipId: number, itemId: number) {
  const item = await trx.selectFrom('standard_items').selectAll().where('id', '=', itemId).where('partnership_id', '=', partnershipId).executeTakeFirst();
  if (!item) throw new NotFound();
  return item;
}

export async function updateStandardItem(db: Db, partnershipId: number, itemId: number, form: StandardItemForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadItem(trx, partnershipId, itemId);
    const set = { ...form, updated_at: at.toISOString() };
    await trx.updateTable('standard_items').set(set).where('id', '=', itemId).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'standard_item', entityId: itemId, before, after: { ...before, ...set } });
  });
}

export async function removeStandardItem(db: Db, partnershipId: number, itemId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadItem(trx, partnershipId, itemId);
    await trx.deleteFrom('standard_items').where('id', '=', itemId).execute();
    await trx
      .updateTable('standard_items')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('partnership_id', '=', partnershipId)
      .where('position', '>', before.position)
      .execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'standard_item', entityId: itemId, before });
  });
}

/** Swaps an item with its neighbour above or below; at either end nothing changes. */
export async function moveStandardItem(db: Db, partnershipId: number, itemId: number, direction: 'up' | 'down', actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await loadItem(trx, partnershipId, itemId);
    let q = trx.selectFrom('standard_items').select(['id', 'position']).where('partnership_id', '=', partnershipId);
    q = direction === 'up' ? q.where('position', '<', item.position).orderBy('position', 'desc') : q.where('position', '>', item.position).orderBy('position', 'asc');
    const neighbour = await q.limit(1).executeTakeFirst();
    if (!neighbour) return;
    const now = at.toISOString();
    await trx.updateTable('standard_items').set({ position: neighbour.position, updated_at: now }).where('id', '=', item.id).execute();
    await trx.updateTable('standard_items').set({ position: item.position, updated_at: now }).where('id', '=', neighbour.id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'standard_item', entityId: itemId, before: { position: item.position }, after: { position: neighbour.position } });
  });
}

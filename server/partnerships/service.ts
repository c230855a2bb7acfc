// Partnerships: the settings a consultant may change (name, purpose, area, start, cadence).
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { audit, type Actor } from '../db/audit';
import { Invalid, NotFound } from '../web/errors';
import type { PartnershipForm } from './schemas';

/** Reads other features use. */
export { listPartnerships, partiesOf } from './queries';
/** The template of standard agenda items new meetings start from. */
export { addDefaultStandardItems, DEFAULT_STANDARD_ITEMS, standardItemsOf, type StandardItem } from './standard-items';

/**
 * The partnership's meeting cadence in words, set when a meeting series is agreed ("Hver 6. uge,
 * tirsdag kl. 14.00–16.00"); inside the caller's transaction, with its audit row.
 */
export async function setMeetingCadence(trx: Kysely<Database>, id: number, cadence: string, actor: Actor, at: Date): Promise<void> {
  const before = await trx.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new NotFound();
  if (before.meeting_cadence === cadence) return;
  const set = { meeting_cadence: cadence, updated_at: at.toISOString() };
  await trx.updateTable('partnerships').set(set).where('id', '=', id).execute();
  await audit(trx, { actor, at, action: 'update', entity: 'partnership', entityId: id, before, after: { ...before, ...set } });
}

export async function updatePartnership(db: Db, id: number, input: PartnershipForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    const clash = await trx.selectFrom('partnerships').select('id').where('name', '=', input.name).where('id', '!=', id).executeTakeFirst();
    if (clash) throw new Invalid({ name: 'Der findes allerede et partnerskab med det navn' });
    const set = { ...input, updated_at: at.toISOString() };
    await trx.updateTable('partnerships').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'partnership', entityId: id, before, after: { ...before, ...set } });
  });
}


// Partnerships: the settings a consultant may change (name, purpose, area, start, cadence).
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { Invalid, NotFound } from '../web/errors';
import type { PartnershipForm } from './schemas';

/** Reads other features use. */
export { listPartnerships, partiesOf } from './queries';

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


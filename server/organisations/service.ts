// Organisations: create, change and delete, each audited in its own transaction.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { isForeignKeyViolation } from '../db/constraint';
import type { Database } from '../db/schema';
import { searchKey, sortKey } from '../db/text-keys';
import { Conflict, Invalid, NotFound } from '../web/errors';
import type { OrganisationForm } from './schemas';
import { ORGANISATION_TEXTS as T } from './messages';

export async function organisationOptions(db: Db): Promise<Array<{ value: number; label: string }>> {
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('active', '=', 1).orderBy('sort_key').execute();
  return rows.map((r) => ({ value: r.id, label: r.name }));
}

async function assertNameFree(trx: Kysely<Database>, name: string, exceptId?: number) {
  let q = trx.selectFrom('organisations').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new Invalid({ name: 'Der findes allerede en organisation med det navn' });
}

function columns(input: OrganisationForm) {
  return {
    name: input.name,
    kind: input.kind,
    description: input.description,
    active: input.active ? 1 : 0,
    sort_key: sortKey(input.name),
    search_key: searchKey(input.name),
  };
}

export async function createOrganisation(db: Db, input: OrganisationForm, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertNameFree(trx, input.name);
    const row = { ...columns(input), created_at: at.toISOString(), updated_at: at.toISOString() };
    const { id } = await trx.insertInto('organisations').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'organisation', entityId: id, after: row });
    return id;
  });
}

export async function updateOrganisation(db: Db, id: number, input: OrganisationForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    await assertNameFree(trx, input.name, id);
    const set = { ...columns(input), updated_at: at.toISOString() };
    await trx.updateTable('organisations').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'organisation', entityId: id, before, after: { ...before, ...set } });
  });
}

const IN_USE = 'Organisationen kan ikke slettes, fordi den bruges af personer, partnerskaber eller historik. Deaktivér den i stedet.';

/** Deletes an organisation nobody refers to; otherwise refuses and suggests deactivating. */
export async function deleteOrganisation(db: Db, id: number, actor: Actor, at: Date): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new NotFound();
      const people = await trx.selectFrom('people').select('id').where('organisation_id', '=', id).limit(1).executeTakeFirst();
      if (people) throw new Conflict(T.hasPeople, `/organisations/${id}`);
      await trx.deleteFrom('organisations').where('id', '=', id).execute();
      await audit(trx, { actor, at, action: 'delete', entity: 'organisation', entityId: id, before });
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new Conflict(IN_USE, `/organisations/${id}`);
    throw err;
  }
}

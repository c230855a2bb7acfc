// People: create, change, delete; the GDPR export (export.ts) and anonymisation (anonymise.ts). Each change audited.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { isForeignKeyViolation } from '../db/constraint';
import type { Database } from '../db/schema';
import { searchKey, sortKey } from '../db/text-keys';
import { Conflict, Invalid, NotFound } from '../web/errors';
import type { PersonForm } from './schemas';
import { PEOPLE_TEXTS as T } from './messages';

export { peopleInTheWork, personOptions } from './queries';
export { anonymisePerson, describeAnonymisation, type AnonymisationReport } from './anonymise';
export { exportPerson } from './export';

/** Reads other features use. */
export { findPerson, selectablePeople } from './queries';

async function assertOrganisationExists(trx: Kysely<Database>, organisationId: number | null) {
  if (!organisationId) return;
  const found = await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
  if (!found) throw new Invalid({ organisation_id: 'Vælg en organisation fra listen' });
}

function columns(input: PersonForm) {
  return {
    name: input.name,
    title: input.title,
    organisation_id: input.organisation_id,
    email: input.email,
    phone: input.phone,
    position: input.position,
    active: input.active ? 1 : 0,
    sort_key: sortKey(input.name),
    search_key: searchKey(input.name, input.title), // not the e-mail: a læser may search, but not see contact data
  };
}

export async function createPerson(db: Db, input: PersonForm, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertOrganisationExists(trx, input.organisation_id);
    const row = { ...columns(input), anonymised_at: null, created_at: at.toISOString(), updated_at: at.toISOString() };
    const { id } = await trx.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'person', entityId: id, after: row });
    return id;
  });
}

export async function updatePerson(db: Db, id: number, input: PersonForm, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound();
    if (before.anonymised_at) throw new Conflict(T.anonymisedCannotEdit, `/people/${id}`);
    await assertOrganisationExists(trx, input.organisation_id);
    const set = { ...columns(input), updated_at: at.toISOString() };
    await trx.updateTable('people').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'person', entityId: id, before, after: { ...before, ...set } });
  });
}

const IN_USE = 'Personen kan ikke slettes, fordi personen indgår i møder, partnerskaber eller historik. Deaktivér personen i stedet.';

/** Deletes a person nobody refers to; otherwise refuses and suggests deactivating. */
export async function deletePerson(db: Db, id: number, actor: Actor, at: Date): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw new NotFound();
      const account = await trx.selectFrom('users').select('id').where('person_id', '=', id).executeTakeFirst();
      if (account) throw new Conflict(T.hasAccount, `/people/${id}`);
      const member = await trx.selectFrom('partnership_members').select('person_id').where('person_id', '=', id).executeTakeFirst();
      if (member) throw new Conflict(T.isRepresentative, `/people/${id}`);
      await trx.deleteFrom('people').where('id', '=', id).execute();
      await audit(trx, { actor, at, action: 'delete', entity: 'person', entityId: id, before });
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new Conflict(IN_USE, `/people/${id}`);
    throw err;
  }
}

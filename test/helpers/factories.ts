// Factories: a test states only what matters to it; the rest gets sensible defaults.
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { createOrganisation } from '../../server/organisations/service';
import { createPerson } from '../../server/people/service';
import type { OrganisationForm } from '../../server/organisations/schemas';
import type { PersonForm } from '../../server/people/schemas';

const AT = new Date('2026-11-01T09:00:00Z');
let n = 0;

export async function anOrganisation(db: Db, over: Partial<OrganisationForm> = {}): Promise<number> {
  n++;
  return createOrganisation(db, { name: `Forening ${n}`, kind: 'forening', description: '', active: true, ...over }, SYSTEM_ACTOR, AT);
}

export async function aPerson(db: Db, over: Partial<PersonForm> = {}): Promise<number> {
  n++;
  return createPerson(
    db,
    { name: `Person ${n}`, title: '', organisation_id: null, email: null, phone: null, position: 'medarbejder', active: true, ...over },
    SYSTEM_ACTOR,
    AT,
  );
}

export async function organisationId(db: Db, name: string): Promise<number> {
  return (await db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

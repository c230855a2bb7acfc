// Reads of organisations: plain rows, one query per list.
import type { Db } from '../db/database';
import type { OrganisationKind } from '../db/schema';
import { containsText } from '../db/text-keys';

export interface OrganisationFilter {
  q: string;
  kind?: OrganisationKind;
}

function filtered(db: Db, f: OrganisationFilter) {
  let q = db.selectFrom('organisations');
  if (f.kind) q = q.where('organisations.kind', '=', f.kind);
  if (f.q) q = q.where(containsText('organisations.search_key', f.q));
  return q;
}

export async function listOrganisations(db: Db, f: OrganisationFilter, limit: number, offset: number) {
  return filtered(db, f)
    .select((eb) => [
      'organisations.id',
      'organisations.name',
      'organisations.kind',
      'organisations.active',
      eb.selectFrom('people').select((e) => e.fn.countAll<number>().as('n')).whereRef('people.organisation_id', '=', 'organisations.id').as('people_count'),
    ])
    .orderBy('organisations.sort_key')
    .orderBy('organisations.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countOrganisations(db: Db, f: OrganisationFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findOrganisation(db: Db, id: number) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export const ORGANISATION_PEOPLE_SHOWN = 100;

export function peopleOfOrganisation(db: Db, organisationId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'title', 'position', 'active'])
    .where('organisation_id', '=', organisationId)
    .orderBy('sort_key')
    .orderBy('id')
    .limit(ORGANISATION_PEOPLE_SHOWN + 1)
    .execute();
}

export function partnershipsOfOrganisation(db: Db, organisationId: number) {
  return db
    .selectFrom('partnership_parties')
    .innerJoin('partnerships', 'partnerships.id', 'partnership_parties.partnership_id')
    .select(['partnerships.id', 'partnerships.name'])
    .where('partnership_parties.organisation_id', '=', organisationId)
    .orderBy('partnerships.name')
    .execute();
}

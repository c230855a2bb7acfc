// Reads of partnerships with their parties and representatives.
import type { Db } from '../db/database';

export function listPartnerships(db: Db) {
  return db
    .selectFrom('partnerships')
    .select(['id', 'name', 'project_area', 'meeting_cadence', 'start_date'])
    .orderBy('name')
    .execute();
}

export function findPartnership(db: Db, id: number) {
  return db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
}

export function partiesOf(db: Db, partnershipIds: number[]) {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partnership_parties')
    .innerJoin('organisations', 'organisations.id', 'partnership_parties.organisation_id')
    .select(['partnership_parties.partnership_id', 'organisations.id', 'organisations.name'])
    .where('partnership_parties.partnership_id', 'in', partnershipIds)
    .orderBy('partnership_parties.sort_order')
    .execute();
}

export function membersOf(db: Db, partnershipId: number) {
  return db
    .selectFrom('partnership_members')
    .innerJoin('people', 'people.id', 'partnership_members.person_id')
    .select([
      'people.id',
      'people.name',
      'people.title',
      'people.organisation_id',
      'people.active',
      'partnership_members.is_representative',
      'partnership_members.convenes_meetings',
    ])
    .where('partnership_members.partnership_id', '=', partnershipId)
    .orderBy('people.sort_key')
    .execute();
}

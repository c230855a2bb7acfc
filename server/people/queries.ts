// Reads of people: plain rows, one query per list.
import type { Db } from '../db/database';
import { containsText } from '../db/text-keys';
import type { PersonFilter } from './schemas';

function filtered(db: Db, f: PersonFilter) {
  let q = db.selectFrom('people').leftJoin('organisations', 'organisations.id', 'people.organisation_id');
  if (f.q) q = q.where(containsText('people.search_key', f.q));
  if (f.kind) q = q.where('organisations.kind', '=', f.kind);
  if (f.organisation_id) q = q.where('people.organisation_id', '=', f.organisation_id);
  if (f.position) q = q.where('people.position', '=', f.position);
  return q;
}

export function listPeople(db: Db, f: PersonFilter, limit: number, offset: number) {
  return filtered(db, f)
    .select([
      'people.id',
      'people.name',
      'people.title',
      'people.email',
      'people.phone',
      'people.position',
      'people.active',
      'people.organisation_id',
      'organisations.name as organisation_name',
    ])
    .orderBy('people.sort_key')
    .orderBy('people.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countPeople(db: Db, f: PersonFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findPerson(db: Db, id: number) {
  return db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .selectAll('people')
    .select(['organisations.name as organisation_name'])
    .where('people.id', '=', id)
    .executeTakeFirst();
}

export function partnershipsOfPerson(db: Db, personId: number) {
  return db
    .selectFrom('partnership_members')
    .innerJoin('partnerships', 'partnerships.id', 'partnership_members.partnership_id')
    .select(['partnerships.id', 'partnerships.name', 'partnership_members.is_representative', 'partnership_members.convenes_meetings'])
    .where('partnership_members.person_id', '=', personId)
    .orderBy('partnerships.name')
    .execute();
}

export function accountOfPerson(db: Db, personId: number) {
  return db.selectFrom('users').select(['id', 'email', 'role', 'disabled']).where('person_id', '=', personId).executeTakeFirst();
}

/** The people a form may offer (active, not anonymised) with their organisation's name. */
export function selectablePeople(db: Db) {
  return db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select(['people.id', 'people.name', 'organisations.name as organisation_name'])
    .where('people.active', '=', 1)
    .where('people.anonymised_at', 'is', null);
}

/**
 * Who takes part in the work, and so is offered as an action's owner or found to invite: the
 * partnerships' members, anyone invited to a meeting, and people whose position is not "Andet".
 * A user account for an administrator or a reader comes with a person of position "Andet", so
 * accounts alone do not fill these lists. `keep` stays offered regardless (the current owner).
 */
export function peopleInTheWork(db: Db, keep: number[] = []) {
  return selectablePeople(db).where((eb) =>
    eb.or([
      eb('people.position', '!=', 'andet'),
      eb('people.id', 'in', eb.selectFrom('partnership_members').select('partnership_members.person_id')),
      eb('people.id', 'in', eb.selectFrom('meeting_participants').select('meeting_participants.person_id')),
      ...(keep.length ? [eb('people.id', 'in', keep)] : []),
    ]),
  );
}

/** People for a select box, active ones only, with their organisation. */
export function personOptions(db: Db) {
  return selectablePeople(db).orderBy('people.sort_key').execute();
}

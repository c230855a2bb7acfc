// Who gets a message, as plain queries: a meeting's participants, the representatives of the
// partnership's parties, the konsulent, and each person's name, address and account.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Trx = Kysely<Database>;

export interface Recipient {
  personId: number;
  name: string;
  /** The person's e-mail, else their account's; null: the message cannot be sent. */
  email: string | null;
  userId: number | null;
}

/** The people as recipients, in the order asked; anonymised people are left out. */
export async function recipientsOf(trx: Trx, personIds: readonly number[]): Promise<Recipient[]> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('people')
    .leftJoin('users', (join) => join.onRef('users.person_id', '=', 'people.id').on('users.disabled', '=', 0))
    .select(['people.id', 'people.name', 'people.email', 'people.anonymised_at', 'users.id as user_id', 'users.email as user_email'])
    .where('people.id', 'in', ids)
    .orderBy('users.id')
    .execute();
  const byId = new Map<number, Recipient>();
  for (const r of rows) {
    if (r.anonymised_at || byId.has(r.id)) continue;
    byId.set(r.id, { personId: r.id, name: r.name, email: r.email?.trim() || r.user_email?.trim() || null, userId: r.user_id });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function participantIds(trx: Trx, meetingId: number): Promise<number[]> {
  const rows = await trx.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', meetingId).orderBy('person_id').execute();
  return rows.map((r) => r.person_id);
}

/** Each representative of each party of the meeting's partnership: those who approve the minutes. */
export async function representativeIds(trx: Trx, meetingId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('meetings')
    .innerJoin('partnership_members', 'partnership_members.partnership_id', 'meetings.partnership_id')
    .innerJoin('people', 'people.id', 'partnership_members.person_id')
    .innerJoin('partnership_parties', (join) =>
      join.onRef('partnership_parties.partnership_id', '=', 'meetings.partnership_id').onRef('partnership_parties.organisation_id', '=', 'people.organisation_id'),
    )
    .select('people.id')
    .where('meetings.id', '=', meetingId)
    .where('partnership_members.is_representative', '=', 1)
    .where('people.active', '=', 1)
    .orderBy('partnership_parties.sort_order')
    .orderBy('people.sort_key')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The konsulent of a partnership: the people with an account in the konsulent role and the
 * partnership's members whose position is konsulent; without any, the meeting's convener.
 */
export async function konsulentIds(trx: Trx, partnershipId: number, convenerId: number | null = null): Promise<number[]> {
  const [accounts, members] = await Promise.all([
    trx.selectFrom('users').select('person_id').where('role', '=', 'konsulent').where('disabled', '=', 0).orderBy('id').execute(),
    trx
      .selectFrom('partnership_members')
      .innerJoin('people', 'people.id', 'partnership_members.person_id')
      .select('people.id as person_id')
      .where('partnership_members.partnership_id', '=', partnershipId)
      .where('people.position', '=', 'konsulent')
      .where('people.active', '=', 1)
      .execute(),
  ]);
  const ids = [...new Set([...accounts, ...members].map((r) => r.person_id))];
  return ids.length ? ids : convenerId ? [convenerId] : [];
}

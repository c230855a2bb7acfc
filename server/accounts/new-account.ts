// Writing a new account (and, when asked, its person) inside a transaction the caller holds:
// the web's and the CLI's createAccount, and an administrator granting an access request.
import type { Kysely } from 'kysely';
import { audit, type Actor } from '../db/audit';
import type { AppRole, Database } from '../db/schema';
import { searchKey, sortKey } from '../db/text-keys';
import { Invalid } from '../web/errors';
import { hashPassword } from './passwords';

export interface NewAccount {
  email: string;
  /** '' for an account that signs in with an OpenID provider only (no password works). */
  password: string;
  role: AppRole;
  /** An existing person, or … */
  personId?: number | null;
  /** … a new person made for the account. */
  name?: string;
  organisationId?: number | null;
}

/** The stored hash; '' (matching no password) for an account without one. Slow: call it before the transaction. */
export async function passwordHashFor(password: string): Promise<string> {
  return password ? hashPassword(password) : '';
}

export async function assertEmailFree(trx: Kysely<Database>, email: string, exceptUserId?: number) {
  let q = trx.selectFrom('users').select('id').where('email', '=', email);
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  if (await q.executeTakeFirst()) throw new Invalid({ email: 'Der findes allerede en bruger med denne e-mailadresse' });
}

/** Inserts the account (and its person), audited; returns the user id. */
export async function insertAccount(trx: Kysely<Database>, input: NewAccount, passwordHash: string, actor: Actor, at: Date): Promise<number> {
  const now = at.toISOString();
  await assertEmailFree(trx, input.email);
  let personId = input.personId ?? null;
  if (personId) {
    const person = await trx.selectFrom('people').select(['id', 'anonymised_at']).where('id', '=', personId).executeTakeFirst();
    if (!person || person.anonymised_at) throw new Invalid({ person_id: 'Vælg en eksisterende person' });
    const taken = await trx.selectFrom('users').select('id').where('person_id', '=', personId).executeTakeFirst();
    if (taken) throw new Invalid({ person_id: 'Personen har allerede en brugerkonto' });
  } else {
    const name = (input.name ?? '').trim();
    if (!name) throw new Invalid({ name: 'Skriv personens navn' });
    if (input.organisationId) {
      const organisation = await trx.selectFrom('organisations').select('id').where('id', '=', input.organisationId).executeTakeFirst();
      if (!organisation) throw new Invalid({ organisation_id: 'Vælg en organisation fra listen' });
    }
    const row = {
      name,
      title: '',
      organisation_id: input.organisationId ?? null,
      email: input.email,
      phone: null,
      position: input.role === 'konsulent' ? ('konsulent' as const) : input.role === 'repraesentant' ? ('repraesentant' as const) : ('andet' as const),
      active: 1,
      anonymised_at: null,
      sort_key: sortKey(name),
      search_key: searchKey(name), // not the e-mail: a læser may search, but not see contact data
      created_at: now,
      updated_at: now,
    };
    personId = (await trx.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow()).id;
    await audit(trx, { actor, at, action: 'create', entity: 'person', entityId: personId, after: row });
  }
  const user = {
    email: input.email,
    password_hash: passwordHash,
    role: input.role,
    person_id: personId,
    disabled: 0,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  };
  const { id } = await trx.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  await audit(trx, { actor, at, action: 'create', entity: 'user', entityId: id, after: user });
  return id;
}

// User accounts: the first administrator, sign-in, and the changes an administrator makes.
// Every account belongs to a person; that person's organisation is the party they act for.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { AppRole, Database } from '../db/schema';
import { searchKey, sortKey } from '../db/text-keys';
import { Conflict, Invalid, NotFound } from '../web/errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { ACCOUNT_TEXTS as A } from './messages';

export interface NewAccount {
  email: string;
  password: string;
  role: AppRole;
  /** An existing person, or … */
  personId?: number | null;
  /** … a new person made for the account. */
  name?: string;
  organisationId?: number | null;
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

async function assertEmailFree(trx: Kysely<Database>, email: string, exceptUserId?: number) {
  let q = trx.selectFrom('users').select('id').where('email', '=', email);
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  if (await q.executeTakeFirst()) throw new Invalid({ email: 'Der findes allerede en bruger med denne e-mailadresse' });
}

/** Creates the account (and, when asked, its person) in one transaction; returns the user id. */
export async function createAccount(db: Db, input: NewAccount, actor: Actor, at: Date, opts: { onlyIfNoUsers?: boolean } = {}): Promise<number> {
  const passwordHash = await hashPassword(input.password); // slow: done before the transaction
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    if (opts.onlyIfNoUsers && (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst())) {
      throw new NotFound(); // /setup after the first administrator exists
    }
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
  });
}

/** Returns the user id when e-mail and password match an enabled account. */
export async function authenticate(db: Db, email: string, password: string, at: Date): Promise<number | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) {
    await verifyAgainstDummy(password);
    return null;
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok || user.disabled) return null;
  await db.updateTable('users').set({ last_login_at: at.toISOString() }).where('id', '=', user.id).execute();
  return user.id;
}

async function loadUserRow(trx: Kysely<Database>, userId: number) {
  const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new NotFound(A.userNotFound);
  return user;
}

/** The last enabled administrator cannot be demoted or disabled: someone must be able to administer. */
async function assertAnotherAdmin(trx: Kysely<Database>, userId: number) {
  const other = await trx
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('id', '!=', userId)
    .executeTakeFirst();
  if (!other) throw new Conflict(A.lastAdmin, `/admin/users/${userId}/edit`);
}

export interface AccountChange {
  role: AppRole;
  disabled: boolean;
}

export async function updateAccount(db: Db, userId: number, change: AccountChange, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await loadUserRow(trx, userId);
    const losesAdmin = before.role === 'admin' && (change.role !== 'admin' || change.disabled);
    if (losesAdmin && !before.disabled) await assertAnotherAdmin(trx, userId);
    const set = { role: change.role, disabled: change.disabled ? 1 : 0, updated_at: at.toISOString() };
    await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    if (change.disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'user', entityId: userId, before, after: { ...before, ...set } });
  });
}

/** Sets a new password and ends the user's sessions, so an old sign-in stops working. */
export async function setPassword(db: Db, userId: number, password: string, actor: Actor, at: Date, keepSessionId?: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const before = await loadUserRow(trx, userId);
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: at.toISOString() }).where('id', '=', userId).execute();
    let end = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId) end = end.where('sid', '!=', keepSessionId);
    await end.execute();
    // The audit writer hides password_hash on both sides, so the change is recorded as a field of its own.
    await audit(trx, { actor, at, action: 'update', entity: 'user', entityId: userId, before, after: { ...before, adgangskode: 'ændret' } });
  });
}

/** A user renames their own person (the name everyone sees); audited as that user. */
export async function changeOwnName(db: Db, userId: number, name: string, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await loadUserRow(trx, userId);
    const before = await trx.selectFrom('people').selectAll().where('id', '=', user.person_id).executeTakeFirst();
    if (!before) throw new NotFound(A.personNotFound);
    if (before.anonymised_at) throw new Conflict(A.anonymisedCannotRename, '/profile');
    const set = { name, sort_key: sortKey(name), search_key: searchKey(name, before.title), updated_at: at.toISOString() };
    await trx.updateTable('people').set(set).where('id', '=', before.id).execute();
    await audit(trx, { actor: { userId }, at, action: 'update', entity: 'person', entityId: before.id, after: { ...before, ...set }, before });
  });
}

export async function changeOwnPassword(db: Db, userId: number, current: string, next: string, at: Date, sessionId: string): Promise<void> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, current))) {
    throw new Invalid({ current_password: 'Den nuværende adgangskode er forkert' });
  }
  await setPassword(db, userId, next, { userId }, at, sessionId);
}

// User accounts: the first administrator, sign-in, and the changes an administrator makes.
// Every account belongs to a person; that person's organisation is the party they act for.
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import type { AppRole, Database } from '../db/schema';
import { searchKey, sortKey } from '../db/text-keys';
import { Conflict, Invalid, NotFound } from '../web/errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { insertAccount, passwordHashFor, type NewAccount } from './new-account';
import { ACCOUNT_TEXTS as A } from './messages';

// What other features (the administration pages, the CLI) use of signing in.
export { addProvidersFromEnvironment, createProvider, findProvider, listProviders, setProviderEnabled, updateProvider, type Provider, type ProviderInput } from './providers';
export { countOpenAccessRequests, declineAccessRequest, findAccessRequest, grantAccessRequest, identitiesOf, listAccessRequests } from './identities';
export { removeTotp, twoFactorStatus } from './totp';
export { endSessionsOf, sessionsOf } from './sessions';
export { inviteAccount, reinviteAccount } from './by-email';

export type { NewAccount } from './new-account';

export async function hasAnyUser(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

/** Creates the account (and, when asked, its person) in one transaction; returns the user id. */
export async function createAccount(db: Db, input: NewAccount, actor: Actor, at: Date, opts: { onlyIfNoUsers?: boolean } = {}): Promise<number> {
  const passwordHash = await passwordHashFor(input.password); // slow: done before the transaction
  return db.transaction().execute(async (trx) => {
    if (opts.onlyIfNoUsers && (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst())) {
      throw new NotFound(); // /setup after the first administrator exists
    }
    return insertAccount(trx, input, passwordHash, actor, at);
  });
}

export interface Authenticated {
  id: number;
  role: AppRole;
  /** The account has a second factor: the password alone does not sign in. */
  totpEnabled: boolean;
}

/** The account when e-mail and password match an enabled one. */
export async function authenticate(db: Db, email: string, password: string, at: Date): Promise<Authenticated | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled', 'role', 'totp_secret_sealed'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user || !user.password_hash) {
    await verifyAgainstDummy(password); // no account, or one that signs in with a provider only
    return null;
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok || user.disabled) return null;
  await db.updateTable('users').set({ last_login_at: at.toISOString() }).where('id', '=', user.id).execute();
  return { id: user.id, role: user.role, totpEnabled: !!user.totp_secret_sealed };
}

/** Whether the account has a password (one made from an access request signs in with its provider only). */
export async function hasPassword(db: Db, userId: number): Promise<boolean> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return !!row?.password_hash;
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

/**
 * Changes an account's role and whether it is disabled. A disabled account's sessions end; so do
 * those of an account whose role changed (a change of privilege): the user signs in again and
 * gets the new role in a new session, with a second factor first if the new role requires one.
 * `keepSessionId` spares the administrator's own session when they change themselves (the route
 * then gives it a new id). Returns whether the role changed.
 */
export async function updateAccount(db: Db, userId: number, change: AccountChange, actor: Actor, at: Date, keepSessionId?: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await loadUserRow(trx, userId);
    const losesAdmin = before.role === 'admin' && (change.role !== 'admin' || change.disabled);
    if (losesAdmin && !before.disabled) await assertAnotherAdmin(trx, userId);
    const set = { role: change.role, disabled: change.disabled ? 1 : 0, updated_at: at.toISOString() };
    await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    const roleChanged = before.role !== change.role;
    if (change.disabled || roleChanged) {
      let end = trx.deleteFrom('sessions').where('user_id', '=', userId);
      if (!change.disabled && keepSessionId) end = end.where('sid', '!=', keepSessionId);
      await end.execute();
    }
    await audit(trx, { actor, at, action: 'update', entity: 'user', entityId: userId, before, after: { ...before, ...set } });
    return roleChanged;
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

// Who a provider's claims are: an account is found by the provider's stable subject (iss + sub),
// never by e-mail alone. An unknown subject is linked to the account with its e-mail only when
// the provider says the e-mail is verified and the administrator allowed linking for that
// provider; otherwise it becomes an access request an administrator grants or declines.
// A role claim (e.g. Entra app roles) sets the role at each sign-in when the provider maps it;
// never for an administrator, whose role is set in the app only.
import type { Kysely } from 'kysely';
import { audit, SYSTEM_ACTOR, type Actor } from '../db/audit';
import type { Db } from '../db/database';
import type { AppRole, Database } from '../db/schema';
import { Conflict, Invalid, NotFound } from '../web/errors';
import type { Claims } from './oidc';
import type { Provider } from './providers';
import { ACCOUNT_TEXTS as A } from './messages';
import { insertAccount } from './new-account';

/** Most rights first: when a person has several mapped values, the strongest counts. */
const ROLE_ORDER: AppRole[] = ['konsulent', 'repraesentant', 'laeser'];

export type Outcome =
  | { kind: 'signed-in'; userId: number; linked: boolean; roleChanged: boolean }
  | { kind: 'disabled' }
  | { kind: 'requested'; requestId: number; email: string; name: string };

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The role the provider's claim maps to, or null (no claim configured, none sent, or no value mapped). */
export function mappedRole(provider: Provider, claims: Claims): AppRole | null {
  if (!provider.roleClaim) return null;
  const raw = claims[provider.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const roles = values.map((v) => provider.roleMap[v]).filter((r): r is AppRole => !!r);
  return ROLE_ORDER.find((r) => roles.includes(r)) ?? null;
}

/** The provider says the e-mail is the person's: `email_verified`, or Entra's `xms_edov` (domain owner verified). */
function emailVerified(claims: Claims): boolean {
  return claims.email_verified === true || claims.email_verified === 'true' || claims.xms_edov === true || claims.xms_edov === '1';
}

function displayName(claims: Claims): string {
  return text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
}

async function applyRole(trx: Kysely<Database>, userId: number, role: AppRole | null, provider: Provider, at: Date): Promise<boolean> {
  if (!role) return false;
  const before = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  if (before.role === role || before.role === 'admin') return false;
  const set = { role, updated_at: at.toISOString() };
  await trx.updateTable('users').set(set).where('id', '=', userId).execute();
  // The user's other sessions end: they sign in again and get the new role in a new session.
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'update', entity: 'user', entityId: userId, before, after: { ...before, ...set, rolle_fra: provider.displayName } });
  return true;
}

/** Decides who signed in with the provider's claims (see the top of this file). */
export async function resolveIdentity(db: Db, provider: Provider, issuer: string, claims: Claims, at: Date): Promise<Outcome> {
  const subject = text(claims.sub);
  if (!subject) throw new Error('the ID token has no sub');
  const email = text(claims[provider.emailClaim]).toLowerCase();
  const role = mappedRole(provider, claims);
  return db.transaction().execute(async (trx) => {
    const identity = await trx.selectFrom('user_identities').select('user_id').where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
    let userId = identity?.user_id;
    let linked = false;
    if (!userId && provider.allowLinking && email && emailVerified(claims)) {
      const account = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      const taken = account && (await trx.selectFrom('user_identities').select('id').where('user_id', '=', account.id).where('issuer', '=', issuer).executeTakeFirst());
      if (account && !taken) {
        const row = { user_id: account.id, provider_id: provider.id, issuer, subject, email, created_at: at.toISOString() };
        const { id } = await trx.insertInto('user_identities').values(row).returning('id').executeTakeFirstOrThrow();
        await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'create', entity: 'user_identity', entityId: id, after: { ...row, udbyder: provider.displayName, koblet: 'verificeret e-mail' } });
        userId = account.id;
        linked = true;
      }
    }
    if (userId) {
      const user = await trx.selectFrom('users').select('disabled').where('id', '=', userId).executeTakeFirstOrThrow();
      if (user.disabled) return { kind: 'disabled' };
      const roleChanged = await applyRole(trx, userId, role, provider, at);
      await trx.updateTable('users').set({ last_login_at: at.toISOString() }).where('id', '=', userId).execute();
      return { kind: 'signed-in', userId, linked, roleChanged };
    }
    const name = displayName(claims);
    const open = await trx
      .selectFrom('access_requests')
      .select('id')
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .where('status', '=', 'aaben')
      .executeTakeFirst();
    if (open) return { kind: 'requested', requestId: open.id, email, name };
    const row = {
      provider_id: provider.id,
      issuer,
      subject,
      email,
      email_verified: emailVerified(claims) ? 1 : 0,
      name,
      claimed_role: role,
      status: 'aaben' as const,
      user_id: null,
      created_at: at.toISOString(),
      decided_at: null,
      decided_by: null,
    };
    const { id } = await trx.insertInto('access_requests').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor: SYSTEM_ACTOR, at, action: 'create', entity: 'access_request', entityId: id, after: { ...row, udbyder: provider.displayName } });
    return { kind: 'requested', requestId: id, email, name };
  });
}

// ---- the administrator's side: the access requests ----

export function listAccessRequests(db: Db, status: 'aaben' | 'afgjort') {
  let q = db
    .selectFrom('access_requests')
    .leftJoin('auth_providers', 'auth_providers.id', 'access_requests.provider_id')
    .leftJoin('users', 'users.id', 'access_requests.user_id')
    .select([
      'access_requests.id',
      'access_requests.email',
      'access_requests.email_verified',
      'access_requests.name',
      'access_requests.claimed_role',
      'access_requests.status',
      'access_requests.created_at',
      'access_requests.decided_at',
      'auth_providers.display_name as provider_name',
      'users.email as granted_email',
    ]);
  q = status === 'aaben' ? q.where('access_requests.status', '=', 'aaben') : q.where('access_requests.status', '!=', 'aaben');
  return q.orderBy('access_requests.created_at', status === 'aaben' ? 'asc' : 'desc').limit(200).execute();
}

export function countOpenAccessRequests(db: Db) {
  return db
    .selectFrom('access_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'aaben')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function findAccessRequest(db: Db, id: number) {
  const row = await db
    .selectFrom('access_requests')
    .leftJoin('auth_providers', 'auth_providers.id', 'access_requests.provider_id')
    .selectAll('access_requests')
    .select('auth_providers.display_name as provider_name')
    .where('access_requests.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound('Anmodningen findes ikke');
  return row;
}

export interface Grant {
  /** Link the subject to this existing account … */
  userId?: number | null;
  /** … or make a new account with this role (and a new person, or an existing one without an account). */
  role?: AppRole;
  personId?: number | null;
  name?: string;
  organisationId?: number | null;
}

async function decide(trx: Kysely<Database>, id: number) {
  const request = await trx.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!request) throw new NotFound('Anmodningen findes ikke');
  if (request.status !== 'aaben') throw new Conflict(A.accessRequestDecided, '/admin/access-requests');
  return request;
}

/**
 * Grants an access request: links the subject to an existing account, or makes a new account
 * (no password: it signs in with the provider only). The person signs in again to get in.
 */
export async function grantAccessRequest(db: Db, id: number, grant: Grant, actor: Actor, at: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const before = await decide(trx, id);
    let userId = grant.userId ?? null;
    if (userId) {
      const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
      if (!user) throw new Invalid({ user_id: 'Vælg en bruger fra listen' });
    } else {
      if (!grant.role) throw new Invalid({ role: 'Vælg en rolle' });
      if (!before.email) throw new Invalid({ user_id: 'Udbyderen sendte ingen e-mail: knyt adgangen til en eksisterende bruger' });
      // No password: the account signs in with the provider only.
      const account = { email: before.email, password: '', role: grant.role, personId: grant.personId ?? null, name: grant.name || before.name, organisationId: grant.organisationId ?? null };
      userId = await insertAccount(trx, account, '', actor, at);
    }
    const taken = await trx.selectFrom('user_identities').select('user_id').where('issuer', '=', before.issuer).where('subject', '=', before.subject).executeTakeFirst();
    if (!taken) {
      const row = { user_id: userId, provider_id: before.provider_id, issuer: before.issuer, subject: before.subject, email: before.email, created_at: at.toISOString() };
      const { id: identityId } = await trx.insertInto('user_identities').values(row).returning('id').executeTakeFirstOrThrow();
      await audit(trx, { actor, at, action: 'create', entity: 'user_identity', entityId: identityId, after: { ...row, koblet: 'adgang givet' } });
    }
    const set = { status: 'godkendt' as const, user_id: userId, decided_at: at.toISOString(), decided_by: actor.userId };
    await trx.updateTable('access_requests').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'access_request', entityId: id, before, after: { ...before, ...set } });
    return userId;
  });
}

export async function declineAccessRequest(db: Db, id: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await decide(trx, id);
    const set = { status: 'afvist' as const, decided_at: at.toISOString(), decided_by: actor.userId };
    await trx.updateTable('access_requests').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'access_request', entityId: id, before, after: { ...before, ...set } });
  });
}

/** The providers an account signs in with (the admin's user page). */
export function identitiesOf(db: Db, userId: number) {
  return db
    .selectFrom('user_identities')
    .leftJoin('auth_providers', 'auth_providers.id', 'user_identities.provider_id')
    .select(['user_identities.id', 'user_identities.email', 'user_identities.created_at', 'auth_providers.display_name as provider_name'])
    .where('user_identities.user_id', '=', userId)
    .execute();
}

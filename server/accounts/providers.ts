// The OpenID providers people sign in with: the administrator's list (/admin/providers), and the
// ones from the environment added at the first start. A client secret is sealed with a key
// derived from SESSION_SECRET (server/web/sealed.ts) and never shown again after it is saved.
import type { Kysely } from 'kysely';
import type { ProviderSeed } from '../config-providers';
import { audit, SYSTEM_ACTOR, type Actor } from '../db/audit';
import type { Db } from '../db/database';
import type { AuthProvider, Database } from '../db/schema';
import { Invalid, NotFound } from '../web/errors';
import { seal, unseal } from '../web/sealed';
import type { RoleMap } from '../web/sign-in-options';

const PURPOSE = 'oidc-client-secret';

export interface ProviderInput {
  slug: string;
  displayName: string;
  issuer: string;
  clientId: string;
  /** A new secret; '' keeps the stored one (or none, for a new provider). */
  clientSecret: string;
  /** Remove the stored secret (a public client). */
  clearSecret?: boolean;
  scopes: string;
  emailClaim: string;
  roleClaim: string;
  roleMap: RoleMap;
  allowLinking: boolean;
  enabled: boolean;
}

/** A provider as sign-in and the pages use it: the role map parsed, the secret only as "is there one". */
export interface Provider {
  id: number;
  slug: string;
  displayName: string;
  issuer: string;
  clientId: string;
  hasSecret: boolean;
  scopes: string;
  emailClaim: string;
  roleClaim: string;
  roleMap: RoleMap;
  allowLinking: boolean;
  enabled: boolean;
  updatedAt: string;
}

function toProvider(row: AuthProvider): Provider {
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    hasSecret: row.client_secret_sealed !== '',
    scopes: row.scopes,
    emailClaim: row.email_claim,
    roleClaim: row.role_claim,
    roleMap: JSON.parse(row.role_map) as RoleMap,
    allowLinking: row.allow_linking === 1,
    enabled: row.enabled === 1,
    updatedAt: row.updated_at,
  };
}

export async function listProviders(db: Db): Promise<Provider[]> {
  const rows = await db.selectFrom('auth_providers').selectAll().orderBy('position').orderBy('display_name').execute();
  return rows.map(toProvider);
}

/** The buttons of the login page. */
export async function enabledProviders(db: Db): Promise<Array<Pick<Provider, 'slug' | 'displayName'>>> {
  return (await listProviders(db)).filter((p) => p.enabled).map((p) => ({ slug: p.slug, displayName: p.displayName }));
}

export async function findProvider(db: Db, id: number): Promise<Provider | undefined> {
  const row = await db.selectFrom('auth_providers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProvider(row) : undefined;
}

export async function findProviderBySlug(db: Db, slug: string): Promise<Provider | undefined> {
  const row = await db.selectFrom('auth_providers').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toProvider(row) : undefined;
}

/** The client secret in clear, for the token request; '' when none (or sealed under another SESSION_SECRET). */
export async function providerClientSecret(db: Db, id: number, sessionSecret: string): Promise<string> {
  const row = await db.selectFrom('auth_providers').select('client_secret_sealed').where('id', '=', id).executeTakeFirst();
  if (!row?.client_secret_sealed) return '';
  return unseal(sessionSecret, PURPOSE, row.client_secret_sealed) ?? '';
}

async function assertSlugFree(trx: Kysely<Database>, slug: string, exceptId?: number) {
  let q = trx.selectFrom('auth_providers').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new Invalid({ slug: 'En anden udbyder har allerede denne korte betegnelse' });
}

function rowValues(input: ProviderInput) {
  return {
    slug: input.slug,
    display_name: input.displayName,
    issuer: input.issuer,
    client_id: input.clientId,
    scopes: input.scopes,
    email_claim: input.emailClaim,
    role_claim: input.roleClaim,
    role_map: JSON.stringify(input.roleMap),
    allow_linking: input.allowLinking ? 1 : 0,
    enabled: input.enabled ? 1 : 0,
  };
}

export async function createProvider(db: Db, input: ProviderInput, actor: Actor, at: Date, sessionSecret: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await assertSlugFree(trx, input.slug);
    const last = await trx.selectFrom('auth_providers').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    const row = {
      ...rowValues(input),
      client_secret_sealed: input.clientSecret ? seal(sessionSecret, PURPOSE, input.clientSecret) : '',
      position: Number(last?.p ?? 0) + 1,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    };
    const { id } = await trx.insertInto('auth_providers').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'auth_provider', entityId: id, after: row });
    return id;
  });
}

export async function updateProvider(db: Db, id: number, input: ProviderInput, actor: Actor, at: Date, sessionSecret: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('auth_providers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound('Udbyderen findes ikke');
    await assertSlugFree(trx, input.slug, id);
    const secret = input.clientSecret ? seal(sessionSecret, PURPOSE, input.clientSecret) : input.clearSecret ? '' : before.client_secret_sealed;
    const set = { ...rowValues(input), client_secret_sealed: secret, updated_at: at.toISOString() };
    await trx.updateTable('auth_providers').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'auth_provider', entityId: id, before, after: { ...before, ...set } });
  });
}

export async function setProviderEnabled(db: Db, id: number, enabled: boolean, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('auth_providers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound('Udbyderen findes ikke');
    const set = { enabled: enabled ? 1 : 0, updated_at: at.toISOString() };
    await trx.updateTable('auth_providers').set(set).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'auth_provider', entityId: id, before, after: { ...before, ...set } });
  });
}

/** Adds the environment's providers whose slug is not there yet (the first start); returns their names. */
export async function addProvidersFromEnvironment(db: Db, seeds: readonly ProviderSeed[], at: Date, sessionSecret: string): Promise<string[]> {
  const added: string[] = [];
  for (const seed of seeds) {
    if (await findProviderBySlug(db, seed.slug)) continue;
    await createProvider(db, { ...seed, enabled: true }, SYSTEM_ACTOR, at, sessionSecret);
    added.push(seed.displayName);
  }
  return added;
}

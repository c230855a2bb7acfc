// Signing in with the organisation's own account (OpenID Connect), two-factor for local accounts,
// and sessions a user can see: the configured providers, each account's links to a provider's
// subject (iss + sub), access requests from subjects no account has yet, the TOTP key and
// one-time recovery codes of an account, and when a session started, was last seen, from which
// browser and address.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_providers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // In the redirect URI: /login/oidc/<slug>/callback.
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    // Sealed (AES-256-GCM, key derived from SESSION_SECRET); '' for a public client.
    .addColumn('client_secret_sealed', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('openid email profile'))
    .addColumn('email_claim', 'text', (c) => c.notNull().defaultTo('email'))
    // '' when roles are set by the administrator only.
    .addColumn('role_claim', 'text', (c) => c.notNull().defaultTo(''))
    // JSON object: claim value → role.
    .addColumn('role_map', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('allow_linking', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_identities')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider_id', 'integer', (c) => c.references('auth_providers.id').onDelete('set null'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_identities_subject').unique().on('user_identities').columns(['issuer', 'subject']).execute();
  await db.schema.createIndex('user_identities_user').on('user_identities').column('user_id').execute();

  await db.schema
    .createTable('access_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('provider_id', 'integer', (c) => c.references('auth_providers.id').onDelete('set null'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    // The role the provider's claim maps to, as a suggestion; null when none.
    .addColumn('claimed_role', 'text')
    // 'aaben', 'godkendt' or 'afvist'.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('aaben'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('access_requests_subject').on('access_requests').columns(['issuer', 'subject', 'status']).execute();

  await db.schema.alterTable('users').addColumn('totp_secret_sealed', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute();
  // The time step of the last code accepted: a code of that step or earlier is refused (no replay).
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // SHA-256 of the code (80 random bits: beyond guessing, so a fast hash is enough).
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();

  await db.schema.alterTable('sessions').addColumn('created_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('sessions').addColumn('ip', 'text', (c) => c.notNull().defaultTo('')).execute();
}

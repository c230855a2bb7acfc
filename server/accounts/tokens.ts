// The links an account gets by e-mail: a password reset (valid one hour) and an invitation to
// set the first password (seven days). The token is 32 random bytes; only its SHA-256 is stored,
// and it works once.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import type { AccountTokenPurpose, Database } from '../db/schema';

export const TOKEN_VALID_MS: Record<AccountTokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
};

/** The token in a link: 43 characters of base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * Stores a new token for the user in the caller's transaction; earlier unused ones of the same
 * purpose stop working (only the newest link counts). Returns the token row's id.
 */
export async function storeToken(trx: Kysely<Database>, userId: number, purpose: AccountTokenPurpose, hash: string, at: Date): Promise<number> {
  await trx.deleteFrom('account_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  const row = await trx
    .insertInto('account_tokens')
    .values({ user_id: userId, purpose, token_hash: hash, expires_at: new Date(at.getTime() + TOKEN_VALID_MS[purpose]).toISOString(), used_at: null, created_at: at.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type TokenCheck =
  | { ok: true; tokenId: number; userId: number; email: string; name: string }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** What a link's token is worth now: its account, or why it does not work. */
export async function checkToken(db: Db | Kysely<Database>, token: string, purpose: AccountTokenPurpose, now: Date): Promise<TokenCheck> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'invalid' };
  const row = await db
    .selectFrom('account_tokens')
    .innerJoin('users', 'users.id', 'account_tokens.user_id')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['account_tokens.id', 'account_tokens.user_id', 'account_tokens.expires_at', 'account_tokens.used_at', 'users.email', 'users.disabled', 'people.name'])
    .where('account_tokens.token_hash', '=', hashToken(token))
    .where('account_tokens.purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.disabled) return { ok: false, reason: 'invalid' };
  if (row.used_at) return { ok: false, reason: 'used' };
  if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' };
  return { ok: true, tokenId: row.id, userId: row.user_id, email: row.email, name: row.name };
}

/** Marks the token used; false when it already was (two submits at once: only one wins). */
export async function useToken(trx: Kysely<Database>, tokenId: number, at: Date): Promise<boolean> {
  const result = await trx.updateTable('account_tokens').set({ used_at: at.toISOString() }).where('id', '=', tokenId).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

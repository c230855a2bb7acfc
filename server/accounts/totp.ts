// Two-factor for local accounts: TOTP (RFC 6238: 6 digits, 30-second steps, SHA-1, as every
// authenticator app expects) and ten one-time recovery codes. The key is sealed in the database
// (server/web/sealed.ts); the recovery codes are stored as SHA-256 hashes (80 random bits each,
// beyond guessing, so a slow hash buys nothing). A code is accepted one step either side of now,
// and never twice: the last accepted step is kept, and only a later step is accepted after it.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { audit, type Actor } from '../db/audit';
import type { Db } from '../db/database';
import type { AppRole, Database } from '../db/schema';
import { Conflict, NotFound } from '../web/errors';
import { seal, unseal } from '../web/sealed';
import { ACCOUNT_TEXTS as A } from './messages';

const PURPOSE = 'totp';
const ISSUER = 'Uldum Samskabelse';
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud and typed from paper

/** The roles that must use a second factor with a password (REQUIRE_TOTP_FOR; default admin and konsulent). */
export function totpRequiredFor(role: AppRole, required: readonly AppRole[] | undefined): boolean {
  return (required ?? ['admin', 'konsulent']).includes(role);
}

export function newTotpKey(): string {
  return generateSecret();
}

export function sealTotpKey(sessionSecret: string, key: string): string {
  return seal(sessionSecret, PURPOSE, key);
}

export function unsealTotpKey(sessionSecret: string, sealed: string | null | undefined): string | null {
  return sealed ? unseal(sessionSecret, PURPOSE, sealed) : null;
}

export interface Enrolment {
  key: string;
  /** The key in groups of four, to type into an app by hand. */
  keyForHumans: string;
  uri: string;
  /** The QR code as an SVG data URI, drawn here (no outside service sees the key). */
  qrDataUri: string;
}

export async function enrolmentFor(email: string, key: string): Promise<Enrolment> {
  const uri = generateURI({ issuer: ISSUER, label: email, secret: key });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return {
    key,
    keyForHumans: key.replace(/(.{4})/g, '$1 ').trim(),
    uri,
    qrDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

/** The time step of `code` for `key` at `at` (one step either side), or null. Later than `after` only. */
async function acceptedStep(key: string, code: string, at: Date, after: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret: key,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: 30,
    ...(after === null ? {} : { afterTimeStep: after }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(16);
  let code = '';
  for (let i = 0; i < 16; i++) code += RECOVERY_ALPHABET[bytes[i] % RECOVERY_ALPHABET.length];
  return code.replace(/(.{4})(?!$)/g, '$1-');
}

/** Upper case, without spaces and dashes: how a typed recovery code is compared. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

function hashRecoveryCode(code: string): string {
  return crypto.createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}

/** A typed recovery code: 16 of its letters and digits (dashes and spaces ignored). */
export function looksLikeRecoveryCode(typed: string): boolean {
  return new RegExp(`^[${RECOVERY_ALPHABET}]{16}$`).test(normaliseRecoveryCode(typed));
}

async function replaceRecoveryCodes(trx: Kysely<Database>, userId: number, at: Date): Promise<string[]> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await trx
    .insertInto('recovery_codes')
    .values(codes.map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(c), used_at: null, created_at: at.toISOString() })))
    .execute();
  return codes;
}

async function userRow(trx: Kysely<Database>, userId: number) {
  const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new NotFound(A.userNotFound);
  return user;
}

/**
 * Turns two-factor on with the key the user was shown, once they typed a code from it; returns
 * the ten recovery codes (shown once, stored hashed). Null when the code is wrong.
 */
export async function enableTotp(db: Db, userId: number, key: string, code: string, at: Date, sessionSecret: string): Promise<string[] | null> {
  const step = await acceptedStep(key, code, at, null);
  if (step === null) return null;
  return db.transaction().execute(async (trx) => {
    const before = await userRow(trx, userId);
    const set = { totp_secret_sealed: sealTotpKey(sessionSecret, key), totp_enabled_at: at.toISOString(), totp_last_step: step, updated_at: at.toISOString() };
    await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    const codes = await replaceRecoveryCodes(trx, userId, at);
    await audit(trx, { actor: { userId }, at, action: 'update', entity: 'user', entityId: userId, before, after: { ...before, ...set, totpfaktor: 'slået til', reservekoder: 'nye' } });
    return codes;
  });
}

export type SecondFactor = 'totp' | 'recovery';

/**
 * Checks the second step: a 6-digit code from the app (not one already used) or an unused
 * recovery code (used up by this). Returns which it was, or null.
 */
export async function checkSecondFactor(db: Db, userId: number, typed: string, at: Date, sessionSecret: string): Promise<SecondFactor | null> {
  const user = await db.selectFrom('users').select(['totp_secret_sealed', 'totp_last_step']).where('id', '=', userId).executeTakeFirst();
  if (!user?.totp_secret_sealed) return null;
  const code = typed.trim().replace(/\s/g, '');
  if (/^\d{6}$/.test(code)) {
    const key = unsealTotpKey(sessionSecret, user.totp_secret_sealed);
    if (!key) return null; // sealed under another SESSION_SECRET: only a recovery code helps now
    const step = await acceptedStep(key, code, at, user.totp_last_step);
    if (step === null) return null;
    // Only a later step: two requests racing with the same code cannot both win.
    const updated = await db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n ? 'totp' : null;
  }
  if (!looksLikeRecoveryCode(code)) return null;
  const hash = hashRecoveryCode(code);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('recovery_codes').select('id').where('user_id', '=', userId).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    await trx.updateTable('recovery_codes').set({ used_at: at.toISOString() }).where('id', '=', row.id).execute();
    const left = await trx.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
    await audit(trx, { actor: { userId }, at, action: 'update', entity: 'user', entityId: userId, after: { reservekode: 'brugt', reservekoder_tilbage: Number(left.n) } });
    return 'recovery';
  });
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(db: Db, userId: number): Promise<TwoFactorStatus> {
  const user = await db.selectFrom('users').select(['totp_secret_sealed', 'totp_enabled_at']).where('id', '=', userId).executeTakeFirst();
  const left = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return { enabled: !!user?.totp_secret_sealed, enabledAt: user?.totp_enabled_at ?? null, recoveryCodesLeft: Number(left.n) };
}

/** New recovery codes for a user with two-factor (the old ones stop working); audited as the user. */
export async function renewRecoveryCodes(db: Db, userId: number, at: Date): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const user = await userRow(trx, userId);
    if (!user.totp_secret_sealed) throw new Conflict(A.twoFactorNotEnabled, '/profile/two-factor');
    const codes = await replaceRecoveryCodes(trx, userId, at);
    await audit(trx, { actor: { userId }, at, action: 'update', entity: 'user', entityId: userId, after: { reservekoder: 'nye' } });
    return codes;
  });
}

/**
 * Removes the user's second factor (key and recovery codes). By the user themselves (only when
 * their role does not require it), or by an administrator who resets it: then the user's
 * sessions end too, and they set it up again at their next sign-in.
 */
export async function removeTotp(db: Db, userId: number, actor: Actor, at: Date, opts: { endSessions: boolean; keepSid?: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await userRow(trx, userId);
    const set = { totp_secret_sealed: null, totp_enabled_at: null, totp_last_step: null, updated_at: at.toISOString() };
    await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (opts.endSessions) {
      let end = trx.deleteFrom('sessions').where('user_id', '=', userId);
      if (opts.keepSid) end = end.where('sid', '!=', opts.keepSid);
      await end.execute();
    }
    await audit(trx, { actor, at, action: 'update', entity: 'user', entityId: userId, before, after: { ...before, ...set, totpfaktor: 'fjernet' } });
  });
}

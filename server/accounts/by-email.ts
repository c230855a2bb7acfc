// Accounts by e-mail: "Glemt adgangskode?" mails a reset link (one hour); an administrator (or the
// CLI) invites a new user, who sets their own password from the link (seven days). Either link
// works once, and setting the password ends every session of the account.
import type { Kysely } from 'kysely';
import { audit, type Actor } from '../db/audit';
import type { Db } from '../db/database';
import type { AccountTokenPurpose, Database } from '../db/schema';
import { enqueueMail, renderMail, type MailContent } from '../mail/service';
import { Conflict } from '../web/errors';
import { insertAccount, type NewAccount } from './new-account';
import { hashPassword } from './passwords';
import { checkToken, newToken, storeToken, TOKEN_VALID_MS, useToken, type TokenCheck } from './tokens';
import { ACCOUNT_TEXTS as A } from './messages';

export const RESET_PATH = '/nulstil/';
export const INVITATION_PATH = '/invitation/';

function resetMail(name: string, email: string, token: string): MailContent {
  return {
    greeting: name ? `Hej ${name}` : 'Hej',
    paragraphs: [`Nogen – forhåbentlig dig – har bedt om at nulstille adgangskoden til din konto (${email}) i Uldum Samskabelse.`],
    action: { label: 'Vælg en ny adgangskode', href: `${RESET_PATH}${token}` },
    after: ['Linket virker i en time og kun én gang. Har du ikke bedt om det, kan du se bort fra denne e-mail: din adgangskode er ikke ændret.'],
  };
}

function invitationMail(name: string, email: string, token: string): MailContent {
  return {
    greeting: `Hej ${name}`,
    paragraphs: [
      `Der er oprettet en konto til dig (${email}) i Uldum Samskabelse, partnerskabets værktøj til møder, dagsordener, referater og opfølgning.`,
      'Du vælger selv din adgangskode via linket herunder; ingen andre kender den.',
    ],
    action: { label: 'Vælg din adgangskode', href: `${INVITATION_PATH}${token}` },
    after: ['Linket virker i 7 dage og kun én gang. Er det udløbet, kan en administrator sende dig en ny invitation.'],
  };
}

/** An enabled account a reset link may be sent to: one with a password, or one not yet signed in with a provider. */
async function resettableAccount(db: Db, email: string) {
  const user = await db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .select(['users.id', 'users.email', 'users.password_hash', 'people.name'])
    .select((eb) => eb.exists(eb.selectFrom('user_identities').select('user_identities.id').whereRef('user_identities.user_id', '=', 'users.id')).as('has_identity'))
    .where('users.email', '=', email)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  return user && (user.password_hash || !user.has_identity) ? user : undefined;
}

/**
 * "Glemt adgangskode?": queues a reset link when an account may have one and `mail` allows it.
 * The same work is done for any e-mail (a token made, a message written), so the answer and
 * its time do not tell whether the account exists.
 */
export async function requestPasswordReset(db: Db, email: string, opts: { at: Date; appUrl: string; mail: boolean }): Promise<void> {
  const { token, hash } = newToken();
  const user = await resettableAccount(db, email);
  const body = renderMail(opts.appUrl, resetMail(user?.name ?? '', email, token));
  if (!user || !opts.mail) return;
  await db.transaction().execute(async (trx) => {
    const tokenId = await storeToken(trx, user.id, 'reset', hash, opts.at);
    await enqueueMail(trx, { kind: 'password_reset', to: { address: user.email, name: user.name, userId: user.id }, subject: 'Nulstil din adgangskode til Uldum Samskabelse', ...body, at: opts.at });
    await audit(trx, { actor: { userId: null }, at: opts.at, action: 'create', entity: 'account_token', entityId: tokenId, after: { bruger: user.id, formaal: 'nulstil adgangskode', udloeber: new Date(opts.at.getTime() + TOKEN_VALID_MS.reset).toISOString() } });
  });
}

/** Queues an invitation to the account (which has no password yet) in the caller's transaction; returns the link. */
async function queueInvitation(trx: Kysely<Database>, userId: number, actor: Actor, at: Date, appUrl: string): Promise<string> {
  const user = await trx.selectFrom('users').innerJoin('people', 'people.id', 'users.person_id').select(['users.email', 'people.name']).where('users.id', '=', userId).executeTakeFirstOrThrow();
  const { token, hash } = newToken();
  const tokenId = await storeToken(trx, userId, 'invitation', hash, at);
  const body = renderMail(appUrl, invitationMail(user.name, user.email, token));
  await enqueueMail(trx, { kind: 'invitation', to: { address: user.email, name: user.name, userId }, subject: 'Du er inviteret til Uldum Samskabelse', ...body, at });
  await audit(trx, { actor, at, action: 'create', entity: 'account_token', entityId: tokenId, after: { bruger: userId, formaal: 'invitation', udloeber: new Date(at.getTime() + TOKEN_VALID_MS.invitation).toISOString() } });
  return `${appUrl}${INVITATION_PATH}${token}`;
}

/** Creates the account without a password and mails the invitation, in one transaction. */
export async function inviteAccount(db: Db, input: Omit<NewAccount, 'password'>, actor: Actor, at: Date, appUrl: string): Promise<{ userId: number; link: string }> {
  return db.transaction().execute(async (trx) => {
    const userId = await insertAccount(trx, { ...input, password: '' }, '', actor, at);
    return { userId, link: await queueInvitation(trx, userId, actor, at, appUrl) };
  });
}

/** A new invitation to an account that has no password yet; the earlier link stops working. */
export async function reinviteAccount(db: Db, userId: number, actor: Actor, at: Date, appUrl: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['password_hash', 'disabled']).where('id', '=', userId).executeTakeFirst();
    if (!user || user.password_hash || user.disabled) throw new Conflict(A.cannotInvite, `/admin/users/${userId}/edit`);
    return queueInvitation(trx, userId, actor, at, appUrl);
  });
}

export function checkLink(db: Db, token: string, purpose: AccountTokenPurpose, now: Date): Promise<TokenCheck> {
  return checkToken(db, token, purpose, now);
}

/**
 * Sets the password from a link (reset or invitation), uses the link up and ends every session
 * of the account, audited as the user. Returns why not when the link no longer works.
 */
export async function setPasswordFromLink(db: Db, token: string, purpose: AccountTokenPurpose, password: string, at: Date): Promise<TokenCheck> {
  const passwordHash = await hashPassword(password); // slow: before the transaction
  return db.transaction().execute(async (trx) => {
    const check = await checkToken(trx, token, purpose, at);
    if (!check.ok) return check;
    if (!(await useToken(trx, check.tokenId, at))) return { ok: false, reason: 'used' } as const;
    const before = await trx.selectFrom('users').selectAll().where('id', '=', check.userId).executeTakeFirstOrThrow();
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: at.toISOString() }).where('id', '=', check.userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', check.userId).execute();
    const how = purpose === 'reset' ? 'nulstillet via e-mail' : 'valgt fra invitation';
    await audit(trx, { actor: { userId: check.userId }, at, action: 'update', entity: 'user', entityId: check.userId, before, after: { ...before, adgangskode: how } });
    return check;
  });
}

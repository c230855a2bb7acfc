// Read-only links to the public version of approved minutes: no login, an unguessable token,
// revocable at once. Made and revoked by the konsulent; every step audited.
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { Conflict, NotFound } from '../web/errors';
import { MINUTES_TEXTS } from './messages';

export const publicLinkPath = (token: string) => `/offentlig/${token}`;

/** 32 random bytes: beyond guessing. */
const newToken = () => crypto.randomBytes(32).toString('base64url');

/** Tokens are base64url of 32 bytes; anything else is not one of ours (and is not looked up). */
export const looksLikeToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

export async function createPublicLink(db: Db, meetingId: number, actor: Actor, at: Date): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const approved = await trx
      .selectFrom('minutes_versions')
      .innerJoin('minutes', 'minutes.id', 'minutes_versions.minutes_id')
      .select('minutes_versions.version')
      .where('minutes.meeting_id', '=', meetingId)
      .where('minutes_versions.locked_at', 'is not', null)
      .executeTakeFirst();
    if (!approved) throw new Conflict(MINUTES_TEXTS.publicLinkNeedsApproval, `/meetings/${meetingId}/minutes/public`);
    const row = { meeting_id: meetingId, token: newToken(), created_at: at.toISOString(), revoked_at: null };
    const { id } = await trx.insertInto('public_links').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'public_link', entityId: id, after: { meeting_id: meetingId, created_at: row.created_at } });
    return row.token;
  });
}

export async function revokePublicLink(db: Db, meetingId: number, linkId: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const link = await trx.selectFrom('public_links').select(['id', 'revoked_at']).where('id', '=', linkId).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!link) throw new NotFound();
    if (link.revoked_at) return;
    await trx.updateTable('public_links').set({ revoked_at: at.toISOString() }).where('id', '=', linkId).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'public_link', entityId: linkId, before: { revoked_at: null }, after: { revoked_at: at.toISOString() } });
  });
}

/** The meeting's links, the active ones first, newest first. */
export async function publicLinksOf(db: Db, meetingId: number) {
  const rows = await db.selectFrom('public_links').selectAll().where('meeting_id', '=', meetingId).orderBy('id', 'desc').execute();
  return rows.sort((a, b) => Number(a.revoked_at !== null) - Number(b.revoked_at !== null));
}

/** The meeting a live link opens, or undefined (unknown or revoked: the same to the visitor). */
export async function meetingOfPublicLink(db: Db, token: string): Promise<number | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await db.selectFrom('public_links').select('meeting_id').where('token', '=', token).where('revoked_at', 'is', null).executeTakeFirst();
  return row?.meeting_id;
}

// The open-data API: bearer tokens (issued and revoked by an administrator, kept only as a
// SHA-256), and the public resources it serves. Only meetings whose minutes every party approved,
// without closed items and what was agreed under them, and no person's name or contact data.
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import { audit, type Actor } from '../db/audit';
import { Conflict, NotFound } from '../web/errors';
import { API_TEXTS as T } from './messages';
import * as q from './queries';
import type { Page } from './queries';

export const TOKENS_PAGE = '/admin/api-tokens';

const hashOf = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

/** Issues a token: returns it (shown once, never stored) and its id. */
export async function issueToken(db: Db, name: string, actor: Actor, at: Date): Promise<{ id: number; token: string }> {
  const token = `uldum_${crypto.randomBytes(32).toString('base64url')}`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ name, token_hash: hashOf(token), created_by: actor.userId, created_at: at.toISOString(), revoked_at: null, last_used_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { actor, at, action: 'create', entity: 'api_token', entityId: row.id, after: { name } });
    return row.id;
  });
  return { id, token };
}

export async function revokeToken(db: Db, id: number, actor: Actor, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_tokens').select(['id', 'name', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound();
    if (row.revoked_at) throw new Conflict(T.tokenAlreadyRevoked, TOKENS_PAGE);
    const revokedAt = at.toISOString();
    await trx.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
    await audit(trx, { actor, at, action: 'update', entity: 'api_token', entityId: id, before: { name: row.name, revoked_at: null }, after: { name: row.name, revoked_at: revokedAt } });
  });
}

export const listTokens = q.apiTokens;

/** The token's id when it is valid and not revoked (and notes its use), else undefined. */
export async function authenticateToken(db: Db, token: string, at: Date): Promise<number | undefined> {
  const row = await q.activeTokenByHash(db, hashOf(token));
  if (!row) return undefined;
  // Bookkeeping like a sign-in's last_login_at: no audit row (test/helpers/audit-rule.ts).
  await db.updateTable('api_tokens').set({ last_used_at: at.toISOString() }).where('id', '=', row.id).execute();
  return row.id;
}

// ---- the resources ----

export interface Listed<T> {
  data: T[];
  meta: { total: number; limit: number; offset: number };
}

const listed = <R, T>(page: Page, r: { rows: R[]; total: number }, map: (row: R) => T): Listed<T> => ({
  data: r.rows.map(map),
  meta: { total: r.total, limit: page.limit, offset: page.offset },
});

function found<T>(row: T | undefined): T {
  if (row === undefined) throw new NotFound();
  return row;
}

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof q.publicMeeting>>>;
const meetingOut = (m: MeetingRow) => ({
  id: m.id,
  title: m.title,
  kind: m.kind,
  starts_at: m.starts_at,
  ends_at: m.ends_at,
  place: m.place,
  status: m.status,
  journal_number: m.journal_number,
});

export const meetings = async (db: Db, page: Page) => listed(page, await q.publicMeetings(db, page), meetingOut);
export const meeting = async (db: Db, id: number) => meetingOut(found(await q.publicMeeting(db, id)));

export type ItemRow = NonNullable<Awaited<ReturnType<typeof q.publicItem>>>;
const itemOut = (i: ItemRow) => ({
  id: i.id,
  meeting_id: i.meeting_id,
  number: i.position,
  kind: i.kind,
  title: i.title,
  background: i.background,
  discussion: i.discussion,
  decision: i.decision,
});
const decisionOut = (i: ItemRow) => ({ id: i.id, meeting_id: i.meeting_id, agenda_item_id: i.id, title: i.title, decision: i.decision, meeting_starts_at: i.starts_at });

export const agendaItems = async (db: Db, page: Page, meetingId?: number) => {
  if (meetingId !== undefined) found(await q.publicMeeting(db, meetingId));
  return listed(page, await q.publicItems(db, page, { decisionsOnly: false, meetingId }), itemOut);
};
export const agendaItem = async (db: Db, id: number) => itemOut(found(await q.publicItem(db, id, false)));
export const decisions = async (db: Db, page: Page) => listed(page, await q.publicItems(db, page, { decisionsOnly: true }), decisionOut);
export const decision = async (db: Db, id: number) => decisionOut(found(await q.publicItem(db, id, true)));

export const actions = async (db: Db, page: Page) => listed(page, await q.publicActions(db, page), (a) => ({ ...a }));
export const action = async (db: Db, id: number) => ({ ...found(await q.publicAction(db, id)) });

async function withLinks<T extends { id: number }>(db: Db, rows: T[]) {
  const links = await q.initiativeLinks(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    ...r,
    kerneopgaver: links.kerneopgaver.filter((k) => k.initiative_id === r.id).map((k) => k.key),
    roles: links.roles.filter((k) => k.initiative_id === r.id).map((k) => k.key),
  }));
}

export async function initiatives(db: Db, page: Page) {
  const r = await q.initiatives(db, page);
  return listed(page, { rows: await withLinks(db, r.rows), total: r.total }, (x) => x);
}
export const initiative = async (db: Db, id: number) => (await withLinks(db, [found(await q.initiative(db, id))]))[0];

async function withMeasurements<T extends { id: number }>(db: Db, rows: T[]) {
  const values = await q.measurementsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, measurements: values.filter((v) => v.effect_measure_id === r.id).map((v) => ({ date: v.date, value: v.value })) }));
}

export async function effects(db: Db, page: Page) {
  const r = await q.effectMeasures(db, page);
  return listed(page, { rows: await withMeasurements(db, r.rows), total: r.total }, (x) => x);
}
export const effect = async (db: Db, id: number) => (await withMeasurements(db, [found(await q.effectMeasure(db, id))]))[0];

type RoleRow = NonNullable<Awaited<ReturnType<typeof q.role>>>;
const roleOut = (r: RoleRow) => ({ key: r.key, kind: r.kind, name: r.name, description: r.description, source: r.source, retired: r.retired === 1 });
export const roles = async (db: Db, page: Page) => listed(page, await q.roles(db, page), roleOut);
export const role = async (db: Db, key: string) => roleOut(found(await q.role(db, key)));

// The rows themselves, for the OParl export (oparl.ts), which maps them to its own objects.
export { partnerships, publicItem, publicItemsOfMeetings, publicMeeting, publicMeetings } from './queries';

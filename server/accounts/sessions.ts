// A user's sessions, as they see them on /profile/sessions, and ending them: one, all but the
// current, or (an administrator) all. A session is named on the page by an HMAC of its id,
// never the id itself, which is a live sign-in.
import crypto from 'node:crypto';
import { audit, type Actor } from '../db/audit';
import type { Db } from '../db/database';
import type { SignInMethod } from '../db/session-store';

export interface SessionView {
  handle: string;
  startedAt: string | null;
  lastSeenAt: string | null;
  browser: string;
  ip: string;
  current: boolean;
  method: SignInMethod | null;
}

export function sessionHandle(secret: string, sid: string): string {
  return crypto.createHmac('sha256', secret).update(`session|${sid}`).digest('base64url').slice(0, 22);
}

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox på Windows" from a User-Agent header; "Ukendt browser" when it says nothing we know. */
export function browserLabel(userAgent: string): string {
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (browser && system) return `${browser} på ${system}`;
  return browser ?? system ?? 'Ukendt browser';
}

/** The user's signed-in sessions that have not expired, the current one first, then the latest seen. */
export async function sessionsOf(db: Db, userId: number, currentSid: string, now: Date, secret: string): Promise<SessionView[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['sid', 'data', 'created_at', 'last_seen_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .execute();
  return rows
    .map((r) => {
      const data = JSON.parse(r.data) as { userId?: number; method?: SignInMethod };
      return {
        signedIn: data.userId === userId,
        view: {
          handle: sessionHandle(secret, r.sid),
          startedAt: r.created_at,
          lastSeenAt: r.last_seen_at,
          browser: browserLabel(r.user_agent),
          ip: r.ip,
          current: r.sid === currentSid,
          method: data.method ?? null,
        },
      };
    })
    .filter((r) => r.signedIn)
    .map((r) => r.view)
    .sort((a, b) => Number(b.current) - Number(a.current) || String(b.lastSeenAt).localeCompare(String(a.lastSeenAt)));
}

/** Ends the user's session named by `handle`; false when there is none (already ended). */
export async function endSessionByHandle(db: Db, userId: number, handle: string, actor: Actor, at: Date, secret: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('sessions').select('sid').where('user_id', '=', userId).execute();
    const row = rows.find((r) => sessionHandle(secret, r.sid) === handle);
    if (!row) return false;
    await trx.deleteFrom('sessions').where('sid', '=', row.sid).execute();
    await audit(trx, { actor, at, action: 'delete', entity: 'session', entityId: userId, before: { bruger: userId, session: handle } });
    return true;
  });
}

/** Ends every session of the user but `keepSid` (none kept when it is undefined); returns how many ended. */
export async function endSessionsOf(db: Db, userId: number, actor: Actor, at: Date, keepSid?: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSid) q = q.where('sid', '!=', keepSid);
    const ended = Number((await q.executeTakeFirst()).numDeletedRows);
    await audit(trx, { actor, at, action: 'delete', entity: 'session', entityId: userId, before: { bruger: userId, sessioner: ended, undtagen_denne: !!keepSid } });
    return ended;
  });
}

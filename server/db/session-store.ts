// express-session's store on our own database (the ready-made SQLite stores are GPL or unmaintained).
// Sessions survive a restart; the user id is a column so disabling a user can end their sessions,
// and when it started, was last seen, the browser and the address are columns so a user can see
// their sessions (/profile/sessions).
//
// A session ends at the first of: its cookie's expiry, `maxMs` after sign-in (the absolute
// limit) and `idleMs` after it was last seen (the idle limit). `expires_at` holds that moment,
// so a read and the prune compare one column.
import session from 'express-session';
import type { CompiledQuery, InferResult } from 'kysely';
import type { Db } from './database';
import { dataVersionColumn, rememberDataVersion } from './data-version';
import { rememberSessionUser } from './request-scope';

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;
/** A session's expiry is only rewritten when it moved this much, so a page view is not a write. */
const TOUCH_GRANULARITY_MS = 10 * 60 * 1000;

export interface SessionLimits {
  /** Ended this long after it was last seen (the idle timeout). */
  idleMs?: number;
  /** Ended this long after sign-in, however active (the absolute timeout). */
  maxMs?: number;
}

type Callback = (err?: unknown, value?: any) => void;

/** The expiries read by get(), for the touch() at the end of the same request (bounded: a touch may never come). */
const REMEMBERED_EXPIRIES = 1000;

/** Stands for the session id in the compiled query; each read puts the real one in its place. */
const SID_SLOT = Symbol('sid');

/**
 * One round trip for what every page needs first: the session, its active account and the data
 * version (server/db/request-scope.ts).
 */
function sessionQuery(db: Db, sid: unknown) {
  return db
    .selectFrom('sessions')
    .leftJoin('users', (join) => join.onRef('users.id', '=', 'sessions.user_id').on('users.disabled', '=', 0))
    .leftJoin('people', 'people.id', 'users.person_id')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select((eb) => [
      'sessions.data',
      'sessions.expires_at',
      'sessions.user_id',
      'users.id as account_id',
      'users.email',
      'users.role',
      'people.id as person_id',
      'people.name as person_name',
      'people.organisation_id',
      'organisations.name as organisation_name',
      dataVersionColumn(eb),
    ])
    .where('sessions.sid', '=', sid as string);
}

type SessionRead = InferResult<ReturnType<typeof sessionQuery>>[number];

export class KyselySessionStore extends session.Store {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly limits: SessionLimits = {},
  ) {
    super();
  }

  private readonly expiriesRead = new Map<string, string>();

  private rememberExpiry(sid: string, expiresAt: string): void {
    this.expiriesRead.delete(sid);
    if (this.expiriesRead.size >= REMEMBERED_EXPIRIES) this.expiriesRead.delete(this.expiriesRead.keys().next().value!);
    this.expiriesRead.set(sid, expiresAt);
  }

  private expiry(sess: session.SessionData): string {
    const now = this.now().getTime();
    const limits = [sess.cookie?.expires ? new Date(sess.cookie.expires).getTime() : now + DEFAULT_TTL_MS];
    if (this.limits.idleMs) limits.push(now + this.limits.idleMs);
    if (this.limits.maxMs && sess.signedInAt) limits.push(new Date(sess.signedInAt).getTime() + this.limits.maxMs);
    return new Date(Math.min(...limits)).toISOString();
  }

  /** The session's query, built and compiled once: Kysely's builder costs more than running it, and every request runs it. */
  private compiledRead?: CompiledQuery<SessionRead>;

  private readSession(sid: string): Promise<SessionRead | undefined> {
    const compiled = (this.compiledRead ??= sessionQuery(this.db, SID_SLOT).compile());
    const withSid: CompiledQuery<SessionRead> = { ...compiled, parameters: compiled.parameters.map((p) => (p === SID_SLOT ? sid : p)) };
    return this.db.executeQuery(withSid).then((result) => result.rows[0]);
  }

  override get(sid: string, cb: Callback): void {
    this.readSession(sid)
      .then((row) => {
        if (!row || row.expires_at <= this.now().toISOString()) return cb(null, null);
        if (row.data_version !== null) rememberDataVersion(this.db, Number(row.data_version));
        if (row.user_id !== null) {
          const active = row.account_id !== null && row.person_id !== null;
          rememberSessionUser(
            row.user_id,
            active
              ? {
                  id: row.account_id!,
                  email: row.email!,
                  role: row.role!,
                  personId: row.person_id!,
                  personName: row.person_name!,
                  organisationId: row.organisation_id ?? null,
                  organisationName: row.organisation_name ?? null,
                }
              : undefined,
          );
        }
        this.rememberExpiry(sid, row.expires_at);
        cb(null, JSON.parse(row.data));
      }, cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    const now = this.now().toISOString();
    const values = {
      sid,
      data: JSON.stringify(sess),
      user_id: sess.userId ?? sess.pending?.userId ?? null,
      expires_at: this.expiry(sess),
      created_at: sess.signedInAt ?? now,
      last_seen_at: now,
      user_agent: (sess.userAgent ?? '').slice(0, 300),
      ip: (sess.ip ?? '').slice(0, 64),
    };
    this.db
      .insertInto('sessions')
      .values(values)
      .onConflict((oc) =>
        oc.column('sid').doUpdateSet({
          data: values.data,
          user_id: values.user_id,
          expires_at: values.expires_at,
          ...(sess.signedInAt ? { created_at: sess.signedInAt } : {}),
          last_seen_at: values.last_seen_at,
          user_agent: values.user_agent,
          ip: values.ip,
        }),
      )
      .execute()
      .then(() => cb?.(), (err) => cb?.(err));
  }

  override destroy(sid: string, cb?: Callback): void {
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => cb?.(), (err) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    const expires = this.expiry(sess);
    const threshold = new Date(new Date(expires).getTime() - TOUCH_GRANULARITY_MS).toISOString();
    // Read first: an UPDATE takes the write lock even when it changes nothing, and a page view
    // must not wait for a CLI job's lock. The request's own get() has usually just read it: an
    // expiry only ever moves later, so a value read earlier never skips a touch that is needed.
    const read = this.expiriesRead.get(sid);
    this.expiriesRead.delete(sid);
    (read !== undefined ? Promise.resolve({ expires_at: read }) : this.db.selectFrom('sessions').select('expires_at').where('sid', '=', sid).executeTakeFirst())
      .then(async (row) => {
        if (!row || row.expires_at >= threshold) return;
        await this.db
          .updateTable('sessions')
          .set({ expires_at: expires, last_seen_at: this.now().toISOString() })
          .where('sid', '=', sid)
          .where('expires_at', '<', threshold)
          .execute();
      })
      .then(() => cb?.(), (err) => cb?.(err));
  }

  /** Removes expired sessions; run at start-up and now and then. */
  async prune(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', this.now().toISOString()).execute();
  }
}

/** How a session signed in, shown on the sessions page. */
export type SignInMethod = 'password' | 'password+totp' | 'password+recovery' | 'oidc';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    flash?: Array<{ kind: 'success' | 'error' | 'info'; text: string }>;
    /** When the user signed in (ISO): the absolute timeout counts from here. */
    signedInAt?: string;
    userAgent?: string;
    ip?: string;
    method?: SignInMethod;
    /** The OpenID provider signed in with, and its ID token (the hint for signing out there too). */
    providerId?: number;
    idToken?: string;
    /** The password was right; the second step (a code, or enrolling one) is still to do. */
    pending?: { userId: number; enrol: boolean; next: string; at: string };
    /** A TOTP key shown for enrolment, sealed, until the user confirms it with a code. */
    totpEnrolment?: string;
  }
}

// express-session's store on our own database (the ready-made SQLite stores are GPL or unmaintained).
// Sessions survive a restart; the user id is a column so disabling a user can end their sessions.
import session from 'express-session';
import type { Db } from './database';

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;
/** A session's expiry is only rewritten when it moved this much, so a page view is not a write. */
const TOUCH_GRANULARITY_MS = 10 * 60 * 1000;

type Callback = (err?: unknown, value?: any) => void;

export class KyselySessionStore extends session.Store {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  private expiry(sess: session.SessionData): string {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(this.now().getTime() + DEFAULT_TTL_MS);
    return expires.toISOString();
  }

  override get(sid: string, cb: Callback): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at <= this.now().toISOString()) return cb(null, null);
        cb(null, JSON.parse(row.data));
      }, cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    const values = {
      sid,
      data: JSON.stringify(sess),
      user_id: sess.userId ?? null,
      expires_at: this.expiry(sess),
    };
    this.db
      .insertInto('sessions')
      .values(values)
      .onConflict((oc) => oc.column('sid').doUpdateSet({ data: values.data, user_id: values.user_id, expires_at: values.expires_at }))
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
    // must not wait for a CLI job's lock.
    this.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then(async (row) => {
        if (!row || row.expires_at >= threshold) return;
        await this.db.updateTable('sessions').set({ expires_at: expires }).where('sid', '=', sid).where('expires_at', '<', threshold).execute();
      })
      .then(() => cb?.(), (err) => cb?.(err));
  }

  /** Removes expired sessions; run at start-up and now and then. */
  async prune(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', this.now().toISOString()).execute();
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    flash?: Array<{ kind: 'success' | 'error' | 'info'; text: string }>;
  }
}

import type session from 'express-session';
import { KyselySessionStore } from '../../server/db/session-store';
import { fixedClock } from '../../server/web/clock';
import { freshDb } from '../helpers/app';
import { aPerson } from '../helpers/factories';
import { withoutAuditRule } from '../helpers/audit-rule';

const NOW = '2026-11-24T10:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

function sessionData(expires: string | undefined, extra: Partial<session.SessionData> = {}): session.SessionData {
  return { cookie: { expires: expires ? new Date(expires) : undefined, originalMaxAge: 12 * HOUR }, ...extra } as unknown as session.SessionData;
}

async function setUp(limits: { idleMs?: number; maxMs?: number } = {}) {
  const { db } = await freshDb();
  const clock = fixedClock(NOW);
  const store = new KyselySessionStore(db, () => clock.now(), limits);
  const call = <T = void>(fn: (cb: (err?: unknown, value?: T) => void) => void) =>
    new Promise<T | undefined>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
  const row = (sid: string) => db.selectFrom('sessions').selectAll().where('sid', '=', sid).executeTakeFirst();
  return {
    db,
    clock,
    store,
    row,
    get: (sid: string) => call<session.SessionData | null>((cb) => store.get(sid, cb)),
    set: (sid: string, sess: session.SessionData) => call((cb) => store.set(sid, sess, cb)),
    destroy: (sid: string) => call((cb) => store.destroy(sid, cb)),
    touch: (sid: string, sess: session.SessionData) => call((cb) => store.touch(sid, sess, cb)),
  };
}

/** A user id that exists, since sessions.user_id refers to users. */
async function aUserId(db: Awaited<ReturnType<typeof freshDb>>['db']): Promise<number> {
  const personId = await aPerson(db);
  const at = NOW;
  const { id } = await withoutAuditRule(db, () =>
    db
      .insertInto('users')
      .values({ email: `u${personId}@test.dk`, password_hash: 'x', role: 'laeser', person_id: personId, disabled: 0, last_login_at: null, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return id;
}

describe('KyselySessionStore', () => {
  it('stores a session and gives it back, with the user id in its own column', async () => {
    const s = await setUp();
    const userId = await aUserId(s.db);
    await s.set('abc', sessionData('2026-11-24T22:00:00.000Z', { userId, flash: [{ kind: 'success', text: 'Gemt' }] }));
    const back = await s.get('abc');
    expect(back).toMatchObject({ userId, flash: [{ kind: 'success', text: 'Gemt' }] });
    expect(await s.row('abc')).toMatchObject({ user_id: userId, expires_at: '2026-11-24T22:00:00.000Z' });
  });

  it('gives nothing for an unknown session', async () => {
    const s = await setUp();
    expect(await s.get('ukendt')).toBeNull();
  });

  it('replaces a session when it is set again', async () => {
    const s = await setUp();
    const userId = await aUserId(s.db);
    await s.set('abc', sessionData('2026-11-24T22:00:00.000Z'));
    await s.set('abc', sessionData('2026-11-24T23:00:00.000Z', { userId }));
    expect(await s.row('abc')).toMatchObject({ user_id: userId, expires_at: '2026-11-24T23:00:00.000Z' });
    expect(await s.db.selectFrom('sessions').select('sid').execute()).toHaveLength(1);
  });

  it('uses 12 hours from now when the cookie has no expiry', async () => {
    const s = await setUp();
    await s.set('abc', sessionData(undefined));
    expect((await s.row('abc'))!.expires_at).toBe('2026-11-24T22:00:00.000Z');
  });

  it('destroys a session', async () => {
    const s = await setUp();
    await s.set('abc', sessionData('2026-11-24T22:00:00.000Z'));
    await s.destroy('abc');
    expect(await s.get('abc')).toBeNull();
    expect(await s.row('abc')).toBeUndefined();
  });

  it('treats a session as gone once it has expired', async () => {
    const s = await setUp();
    await s.set('abc', sessionData('2026-11-24T11:00:00.000Z'));
    s.clock.advance(HOUR - 1);
    expect(await s.get('abc')).not.toBeNull();
    s.clock.advance(1);
    expect(await s.get('abc')).toBeNull();
  });

  it('touch moves the expiry, but only when it moved more than 10 minutes', async () => {
    const s = await setUp();
    await s.set('abc', sessionData('2026-11-24T22:00:00.000Z'));
    await s.touch('abc', sessionData('2026-11-24T22:05:00.000Z'));
    expect((await s.row('abc'))!.expires_at).toBe('2026-11-24T22:00:00.000Z');
    await s.touch('abc', sessionData('2026-11-24T22:10:00.001Z'));
    expect((await s.row('abc'))!.expires_at).toBe('2026-11-24T22:10:00.001Z');
  });

  it('a page view (get, then touch) reads the session once, and still moves an expiry read before', async () => {
    const { db } = await freshDb();
    let statements = 0;
    const counted = db.withPlugin({ transformQuery: (args) => args.node, transformResult: async (args) => (statements++, args.result) });
    const clock = fixedClock(NOW);
    const store = new KyselySessionStore(counted, () => clock.now());
    const call = (fn: (cb: (err?: unknown) => void) => void) => new Promise<void>((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));
    await call((cb) => store.set('abc', sessionData('2026-11-24T22:00:00.000Z'), cb));
    statements = 0;
    await call((cb) => store.get('abc', cb));
    await call((cb) => store.touch('abc', sessionData('2026-11-24T22:05:00.000Z'), cb));
    expect(statements).toBe(1);
    statements = 0;
    await call((cb) => store.get('abc', cb)); // the compiled query, run again
    expect(statements).toBe(1);
    // The expiry read by get() is older than the row (another request moved it): the update's own condition decides.
    await call((cb) => store.get('abc', cb));
    await call((cb) => store.touch('abc', sessionData('2026-11-24T23:00:00.000Z'), cb));
    await call((cb) => store.touch('abc', sessionData('2026-11-24T23:05:00.000Z'), cb));
    expect((await db.selectFrom('sessions').select('expires_at').where('sid', '=', 'abc').executeTakeFirstOrThrow()).expires_at).toBe('2026-11-24T23:00:00.000Z');
  });

  it('touch keeps an expiring session alive', async () => {
    const s = await setUp();
    await s.set('abc', sessionData('2026-11-24T11:00:00.000Z'));
    s.clock.advance(50 * MINUTE);
    await s.touch('abc', sessionData(new Date(s.clock.now().getTime() + 12 * HOUR).toISOString()));
    s.clock.advance(2 * HOUR);
    expect(await s.get('abc')).not.toBeNull();
  });

  it('prunes expired sessions only', async () => {
    const s = await setUp();
    await s.set('old', sessionData('2026-11-24T09:00:00.000Z'));
    await s.set('now', sessionData(NOW));
    await s.set('new', sessionData('2026-11-24T12:00:00.000Z'));
    await s.store.prune();
    expect((await s.db.selectFrom('sessions').select('sid').execute()).map((r) => r.sid)).toEqual(['new']);
  });

  it('loses the sessions of a deleted user', async () => {
    const s = await setUp();
    const userId = await aUserId(s.db);
    await s.set('abc', sessionData('2026-11-24T22:00:00.000Z', { userId }));
    await withoutAuditRule(s.db, () => s.db.deleteFrom('users').where('id', '=', userId).execute());
    expect(await s.get('abc')).toBeNull();
  });

  it('keeps when it started, when it was last seen, the browser and the address in columns', async () => {
    const s = await setUp();
    const userId = await aUserId(s.db);
    await s.set('abc', sessionData('2026-11-24T22:00:00.000Z', { userId, signedInAt: '2026-11-24T09:55:00.000Z', userAgent: 'Firefox', ip: '10.0.0.7' }));
    expect(await s.row('abc')).toMatchObject({ created_at: '2026-11-24T09:55:00.000Z', last_seen_at: NOW, user_agent: 'Firefox', ip: '10.0.0.7' });
    s.clock.advance(30 * MINUTE);
    await s.touch('abc', sessionData('2026-11-24T22:30:00.000Z', { userId, signedInAt: '2026-11-24T09:55:00.000Z' }));
    expect(await s.row('abc')).toMatchObject({ created_at: '2026-11-24T09:55:00.000Z', last_seen_at: '2026-11-24T10:30:00.000Z' });
  });

  it('ends a session idleMs after it was last seen; a touch moves that on', async () => {
    const s = await setUp({ idleMs: 2 * HOUR });
    await s.set('abc', sessionData('2026-11-24T22:00:00.000Z'));
    expect((await s.row('abc'))!.expires_at).toBe('2026-11-24T12:00:00.000Z');
    s.clock.advance(HOUR);
    await s.touch('abc', sessionData('2026-11-24T23:00:00.000Z'));
    expect((await s.row('abc'))!.expires_at).toBe('2026-11-24T13:00:00.000Z');
    s.clock.advance(2 * HOUR - 1);
    expect(await s.get('abc')).not.toBeNull();
    s.clock.advance(1);
    expect(await s.get('abc')).toBeNull();
  });

  it('ends a session maxMs after sign-in however often it is touched', async () => {
    const s = await setUp({ idleMs: 2 * HOUR, maxMs: 3 * HOUR });
    const signedIn = { signedInAt: NOW };
    await s.set('abc', sessionData('2026-11-24T22:00:00.000Z', signedIn));
    for (let i = 0; i < 5; i++) {
      s.clock.advance(30 * MINUTE);
      await s.touch('abc', sessionData(new Date(s.clock.now().getTime() + 12 * HOUR).toISOString(), signedIn));
    }
    expect((await s.row('abc'))!.expires_at).toBe('2026-11-24T13:00:00.000Z');
    s.clock.advance(30 * MINUTE - 1);
    expect(await s.get('abc')).not.toBeNull();
    s.clock.advance(1);
    expect(await s.get('abc')).toBeNull();
  });
});

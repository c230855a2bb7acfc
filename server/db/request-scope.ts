// What one request has already read, so it is not read twice: the data version and the signed-in
// user, both read with the session in its one query (server/db/session-store.ts). On PostgreSQL
// every query is a round trip, and this one is made by every page.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './database';
import type { AppRole } from './schema';

/** The signed-in user as the session's query reads them (an active account only). */
export interface SessionUser {
  id: number;
  email: string;
  role: AppRole;
  personId: number;
  personName: string;
  organisationId: number | null;
  organisationName: string | null;
}

export interface RequestMemo {
  /** The data version, read for `db` when this process had made `localWrites` writes. */
  db?: Db;
  localWrites?: number;
  version?: Promise<number>;
  /** The session's account: undefined user when it is disabled or gone. */
  sessionUser?: { userId: number; user: SessionUser | undefined };
}

const scope = new AsyncLocalStorage<RequestMemo>();

/** Runs `fn` (the rest of a request) with its own memo. */
export function inRequestScope<T>(fn: () => T): T {
  return scope.run({}, fn);
}

/** The memo of the request running now, if any (a CLI job or a timer has none). */
export function requestMemo(): RequestMemo | undefined {
  return scope.getStore();
}

export function rememberSessionUser(userId: number, user: SessionUser | undefined): void {
  const memo = scope.getStore();
  if (memo) memo.sessionUser = { userId, user };
}

/** The account read with the session, when it is the one asked for. */
export function sessionUserRead(userId: number): { user: SessionUser | undefined } | undefined {
  const read = scope.getStore()?.sessionUser;
  return read && read.userId === userId ? { user: read.user } : undefined;
}

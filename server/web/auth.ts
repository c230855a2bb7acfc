// Who is signed in, and what their role lets them do. Every route passes through these guards.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/database';
import type { AppRole } from '../db/schema';
import { Forbidden } from './errors';
import { sessionUserRead, type SessionUser } from '../db/request-scope';

/** The signed-in user: what the session's query reads (server/db/request-scope.ts). */
export type CurrentUser = SessionUser;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: CurrentUser;
    }
  }
}

export const ROLE_LABELS: Record<AppRole, string> = {
  admin: 'Administrator',
  konsulent: 'Konsulent',
  repraesentant: 'Repræsentant',
  laeser: 'Læser',
};

/** What a role may do, in one place; views and routes both ask these. */
export const permissions = {
  edit: (role: AppRole) => role === 'admin' || role === 'konsulent',
  administer: (role: AppRole) => role === 'admin',
  seeContactData: (role: AppRole) => role !== 'laeser',
  comment: (role: AppRole) => role !== 'laeser',
  /** A closed agenda item's content and bilag: the konsulent, administrators and the representatives. */
  seeClosedItems: (role: AppRole) => role !== 'laeser',
};

export function permissionsFor(role: AppRole) {
  return {
    edit: permissions.edit(role),
    administer: permissions.administer(role),
    seeContactData: permissions.seeContactData(role),
    comment: permissions.comment(role),
    seeClosedItems: permissions.seeClosedItems(role),
  };
}
export type Permissions = ReturnType<typeof permissionsFor>;

export async function findActiveUser(db: Db, userId: number): Promise<CurrentUser | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('people', 'people.id', 'users.person_id')
    .leftJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select([
      'users.id',
      'users.email',
      'users.role',
      'users.person_id as personId',
      'people.name as personName',
      'people.organisation_id as organisationId',
      'organisations.name as organisationName',
    ])
    .where('users.id', '=', userId)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  return row;
}

/** Loads req.user from the session; a disabled or deleted account is signed out. */
export function loadUser(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const userId = req.session?.userId;
    if (userId) {
      // Usually read with the session in the same query; read afresh on every request either way.
      const user = (sessionUserRead(userId) ?? { user: await findActiveUser(db, userId) }).user;
      if (user) req.user = user;
      else delete req.session.userId;
    }
    next();
  };
}

/** Until the first administrator exists, every page leads to /setup. */
export function requireSetupDone(db: Db): RequestHandler {
  let done = false;
  return async (req, res, next) => {
    if (!done) {
      done = !!(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
    }
    if (done || req.path === '/setup') return next();
    res.redirect(303, '/setup');
  };
}

export function requireLogin(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  const wanted = req.method === 'GET' ? req.originalUrl : '/';
  res.redirect(303, `/login?next=${encodeURIComponent(wanted)}`);
}

/** Lets the listed roles through; administrators may always. */
export function requireRole(...allowed: AppRole[]): RequestHandler {
  return (req, _res, next) => {
    const role = req.user?.role;
    if (!role) throw new Forbidden();
    if (role === 'admin' || allowed.includes(role)) return next();
    throw new Forbidden();
  };
}

export function requireUser(req: Request): CurrentUser {
  if (!req.user) throw new Forbidden();
  return req.user;
}

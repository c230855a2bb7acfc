// Starting and ending signed-in sessions. Every change of privilege gets a new session id
// (sign-in, the second step, a new second factor), so an id seen before it is worth nothing.
import type { Request, Response } from 'express';
import type { SessionData } from 'express-session';
import type { Clock } from '../web/clock';

/** How long the second step may wait after the password was right. */
export const PENDING_MS = 10 * 60 * 1000;

export const SESSION_COOKIE = 'uldum.sid';

type Fields = Partial<Omit<SessionData, 'cookie'>>;

/** A fresh session id with `fields` (and the browser, address and time) in it; the old session is gone. */
export function rotateSession(req: Request, clock: Clock, fields: Fields): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      Object.assign(req.session, {
        signedInAt: clock.now().toISOString(),
        userAgent: String(req.get('user-agent') ?? '').slice(0, 300),
        ip: req.ip ?? '',
        ...fields,
      });
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

/** Signs the user in fully. */
export function startSignedInSession(req: Request, clock: Clock, userId: number, fields: Fields = {}): Promise<void> {
  return rotateSession(req, clock, { method: 'password', ...fields, userId });
}

/** The password was right; the second step (a code, or setting one up) comes next. */
export function startPendingSession(req: Request, clock: Clock, userId: number, enrol: boolean, next: string): Promise<void> {
  return rotateSession(req, clock, { pending: { userId, enrol, next, at: clock.now().toISOString() } });
}

/** The pending sign-in of this session, while it is fresh. */
export function pendingOf(req: Request, clock: Clock): SessionData['pending'] | undefined {
  const pending = req.session?.pending;
  if (!pending) return undefined;
  return clock.now().getTime() - new Date(pending.at).getTime() < PENDING_MS ? pending : undefined;
}

export function endSession(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.destroy((err) => {
      if (err) return reject(err);
      res.clearCookie(SESSION_COOKIE);
      resolve();
    });
  });
}

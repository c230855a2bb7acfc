// express-session saves a changed session at the end of a response, but sends the headers first
// and holds back only the last byte while it saves. A browser follows a redirect on its headers,
// so the next page could read the session before the save: the form's message ("Punktet er
// tilføjet") was lost, most often on PostgreSQL, where the save is a round trip. A redirect
// after a change to the session therefore waits for the save.
import type { Request, RequestHandler } from 'express';

/** The session as express-session compares it (without the cookie), or undefined without one. */
function stateOf(req: Request): string | undefined {
  if (!req.session) return undefined;
  const { cookie: _cookie, ...data } = req.session;
  return JSON.stringify(data);
}

export const redirectAfterSessionSave: RequestHandler = (req, res, next) => {
  const before = stateOf(req);
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    // Unchanged (a signed-out visitor sent to /login, say): nothing to wait for, and no row written.
    if (!req.session || stateOf(req) === before) return redirect(...args);
    req.session.save((err) => (err ? next(err) : redirect(...args)));
  }) as typeof res.redirect;
  next();
};

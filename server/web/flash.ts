// One-time messages shown on the next page ("Personen er gemt").
import type { Request, RequestHandler } from 'express';

type FlashKind = 'success' | 'error' | 'info';

export function flash(req: Request, text: string, kind: FlashKind = 'success'): void {
  if (!req.session) return;
  req.session.flash = [...(req.session.flash ?? []), { kind, text }];
}

/** Moves pending messages into the page's locals and clears them from the session. */
export const takeFlash: RequestHandler = (req, res, next) => {
  const messages = req.session?.flash;
  res.locals.flash = messages ?? [];
  if (messages) delete req.session.flash;
  next();
};

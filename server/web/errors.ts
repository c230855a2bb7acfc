// The few typed errors domain code throws, and the one handler that turns them into pages.
import crypto from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DatabaseBusy } from '../db/database';
import { isPostgresUnavailable } from '../db/postgres';
import { flash } from './flash';

export class NotFound extends Error {
  constructor(message = 'Siden findes ikke') {
    super(message);
  }
}
export class Forbidden extends Error {
  constructor(message = 'Du har ikke adgang til denne handling') {
    super(message);
  }
}
/**
 * The request is valid but clashes with the state of the data (e.g. deleting a person in use).
 * With `backTo`, the error handler shows the message on that page (flash and redirect); without
 * it, on a 409 page.
 */
export class Conflict extends Error {
  constructor(
    message: string,
    public readonly backTo?: string,
  ) {
    super(message);
  }
}
/** Field errors found by domain rules after zod parsing (e.g. an e-mail already in use). */
export class Invalid extends Error {
  constructor(public readonly fieldErrors: Record<string, string>) {
    super('Ugyldige oplysninger');
  }
}

export const notFoundHandler: RequestHandler = () => {
  throw new NotFound();
};

export const DATABASE_UNAVAILABLE = 'Databasen svarer ikke lige nu (den er optaget eller ved at genstarte). Vent lidt, og prøv igen.';

/** Maps errors from libraries (body parser, CSRF) and our own to a status and a Danish message. */
function classify(err: unknown): { status: number; message: string } {
  if (err instanceof NotFound) return { status: 404, message: err.message };
  if (err instanceof Forbidden) return { status: 403, message: err.message };
  if (err instanceof Conflict) return { status: 409, message: err.message };
  if (err instanceof DatabaseBusy) return { status: 503, message: err.message };
  if (isPostgresUnavailable(err)) return { status: 503, message: DATABASE_UNAVAILABLE };
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 403) return { status, message: 'Formularen er udløbet eller ugyldig. Gå tilbage, genindlæs siden og prøv igen.' };
    if (status === 413) return { status, message: 'Indholdet er for stort.' };
    return { status, message: 'Forespørgslen kunne ikke behandles.' };
  }
  return { status: 500, message: '' };
}

export function errorHandler(log: (line: string) => void = console.error): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof Conflict && err.backTo && req.session && !res.headersSent) {
      flash(req, err.message, 'error');
      return res.redirect(303, err.backTo);
    }
    const { status, message } = classify(err);
    let reference: string | undefined;
    if (status >= 500) {
      reference = crypto.randomBytes(4).toString('hex');
      log(`[${reference}] ${req.method} ${req.originalUrl}: ${err instanceof Error ? err.stack : String(err)}`);
    }
    if (res.headersSent) return;
    res.status(status);
    if (status === 503) res.set('Retry-After', '10');
    const view = status === 404 ? 'errors/404' : status === 403 ? 'errors/403' : status >= 500 && status !== 503 ? 'errors/500' : 'errors/error';
    // An error raised before the page locals exist (CSRF check, body parser, session store) still
    // gets a whole page: the layout needs at least `user` and `flash`.
    const layout = { user: res.locals.user ?? null, flash: res.locals.flash ?? [] };
    res.render(view, { ...layout, title: titleFor(status), message, reference, status }, (renderErr, html) => {
      if (renderErr) {
        log(`error page failed: ${renderErr.message}`);
        res.type('text/plain').send(status >= 500 ? `Der opstod en fejl. Reference: ${reference}` : message);
        return;
      }
      res.send(html);
    });
  };
}

function titleFor(status: number): string {
  if (status === 404) return 'Siden findes ikke';
  if (status === 403) return 'Ingen adgang';
  if (status === 409) return 'Handlingen kunne ikke gennemføres';
  if (status === 429) return 'For mange forsøg';
  if (status === 503) return 'Prøv igen om lidt';
  if (status >= 500) return 'Der opstod en fejl';
  return 'Forespørgslen kunne ikke behandles';
}

// Security headers (helmet with a strict CSP), CSRF tokens on every POST, and no caching of
// signed-in pages.
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { csrfSync } from 'csrf-sync';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        styleSrcAttr: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * A form with files (multipart) carries its token in the address it posts to (`?_csrf=…`): the
 * check runs before the body is read, so a forged upload is refused before a byte is stored.
 * Every other form carries it in its hidden `_csrf` field.
 */
function tokenOf(req: Request): string | undefined {
  if (req.body && typeof req.body._csrf === 'string') return req.body._csrf;
  const multipart = /^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '');
  return multipart && typeof req.query._csrf === 'string' ? req.query._csrf : undefined;
}

const csrf = csrfSync({
  size: 32, // 32 random bytes: plenty, and a page with hundreds of small forms stays light
  getTokenFromRequest: tokenOf,
  errorConfig: { statusCode: 403, message: 'Ugyldig eller manglende CSRF-nøgle', code: 'EBADCSRFTOKEN' },
});

/** Rejects a POST without the session's token (403); GET, HEAD and OPTIONS pass. */
export const csrfProtection: RequestHandler = csrf.csrfSynchronisedProtection;

/** The token the page's forms carry in their hidden `_csrf` field. */
export function csrfToken(req: Parameters<typeof csrf.generateToken>[0]): string {
  return csrf.generateToken(req, false);
}

export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

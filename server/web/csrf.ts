// CSRF for every POST, in two kinds. A signed-in browser (a session in the store) gets csrf-sync's
// token kept in its session. A signed-out browser (the login and set-up forms) gets a signed
// double-submit token instead: a random value in a cookie and its HMAC in the form, so showing
// the login page writes no session row. Which check applies is decided by the server's session,
// never by what the request offers.
import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { csrfProtection as sessionCsrfProtection, csrfToken as sessionCsrfToken } from './security';

const COOKIE = 'uldum.csrf';
/** On HTTPS the cookie is `__Host-`: only this host over TLS can have set it (no cookie tossing). */
const SECURE_COOKIE = '__Host-uldum.csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One cookie's value from the request's Cookie header (no cookie parser in the app). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** A session with a user in it, or one half-way through signing in (password right, second step due). */
export function hasSignedInSession(req: Request): boolean {
  return Boolean(req.session?.userId || req.session?.pending);
}

function cookieName(req: Request): string {
  return req.secure ? SECURE_COOKIE : COOKIE;
}

function tokenFor(secret: string, nonce: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf|${nonce}`).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function formToken(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  return body && typeof body._csrf === 'string' ? body._csrf : undefined;
}

const NONCE = Symbol('csrf nonce');
type WithNonce = Request & { [NONCE]?: string };

/** The token for the page's forms (the partial `csrf.ejs` calls it through `res.locals.csrf`). */
export function csrfToken(req: Request, res: Response, secret: string): string {
  if (hasSignedInSession(req)) return sessionCsrfToken(req);
  const r = req as WithNonce;
  let nonce = r[NONCE] ?? readCookie(req, cookieName(req));
  if (!nonce || !/^[A-Za-z0-9_-]{22,64}$/.test(nonce)) {
    nonce = crypto.randomBytes(24).toString('base64url');
    res.cookie(cookieName(req), nonce, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
  }
  r[NONCE] = nonce;
  return tokenFor(secret, nonce);
}

/**
 * Rejects an unsafe request without the right token (403, like csrf-sync), and gives the pages
 * `csrf()`: the token for their forms, made only when a page shows a form.
 */
export function csrfProtection(secret: string): RequestHandler {
  return (req, res, next) => {
    res.locals.csrf = () => csrfToken(req, res, secret);
    if (SAFE_METHODS.has(req.method)) return next();
    if (hasSignedInSession(req)) return sessionCsrfProtection(req, res, next);
    const nonce = readCookie(req, cookieName(req));
    const given = formToken(req);
    if (nonce && given && sameText(given, tokenFor(secret, nonce))) return next();
    next(Object.assign(new Error('Ugyldig eller manglende CSRF-nøgle'), { status: 403, code: 'EBADCSRFTOKEN' }));
  };
}

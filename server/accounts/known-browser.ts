// A long-lived cookie saying "this browser has signed in to this e-mail's account before", signed
// with the session secret. It lets a regular user sign in while their address (an office NAT, a
// proxy without TRUST_PROXY) is refused for a password spray; it never replaces the password.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';

const COOKIE = 'uldum.known';
const MAX_AGE_MS = 180 * 24 * 60 * 60 * 1000;

function signature(secret: string, email: string, nonce: string): string {
  return crypto.createHmac('sha256', secret).update(`known-browser|${email}|${nonce}`).digest('base64url');
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function isKnownBrowser(req: Request, secret: string, email: string): boolean {
  const [nonce, given] = (cookieValue(req, COOKIE) ?? '').split('.');
  if (!nonce || !given) return false;
  const expected = Buffer.from(signature(secret, email, nonce));
  const actual = Buffer.from(given);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

export function rememberBrowser(req: Request, res: Response, secret: string, email: string): void {
  const nonce = crypto.randomBytes(16).toString('base64url');
  res.cookie(COOKIE, `${nonce}.${signature(secret, email, nonce)}`, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/login',
    maxAge: MAX_AGE_MS,
  });
}

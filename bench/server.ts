// Starting the production server on the bench database and signing in: shared by `npm run bench`
// and `npm run bench:probe`.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BENCH_PASSWORD } from './generate';

export const ROOT = path.resolve(__dirname, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The node options `npm start` gives the server (package.json "config.serverNodeOptions", read by
 * bin/serve.mjs): the bench measures the server as users run it, without the supervisor around it.
 */
export function startOptions(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config: { serverNodeOptions: string } };
  return pkg.config.serverNodeOptions.trim().split(/\s+/);
}

/** The SQLite file (DATABASE_PATH) or the PostgreSQL database (DATABASE_URL) the server runs on. */
export type BenchDatabase = { path: string } | { url: string };

/** Starts `server/main.ts` as in production; resolves once /healthz first answers 200. */
export async function startServer(port: number, database: BenchDatabase, nodeArgs: string[] = []): Promise<{ child: ChildProcess; startMs: number }> {
  const started = Date.now();
  // Exactly one of the two, whatever the calling shell has set.
  const where = 'url' in database ? { DATABASE_URL: database.url, DATABASE_PATH: undefined } : { DATABASE_PATH: database.path, DATABASE_URL: undefined };
  const child = spawn(process.execPath, [...nodeArgs, ...startOptions(), 'server/main.ts'], {
    cwd: ROOT,
    // The bench measures pages, not sign-in: its konsulent signs in with the password alone (no second factor to type).
    env: { ...process.env, NODE_ENV: 'production', BENCH_BASELINE: '1', ...where, PORT: String(port), SESSION_SECRET: crypto.randomBytes(32).toString('hex'), REQUIRE_TOTP_FOR: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  while (Date.now() - started < 30_000) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode}):\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return { child, startMs: Date.now() - started };
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill();
  throw new Error(`the server did not answer /healthz within 30 s:\n${output}`);
}

function sessionCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith('uldum.sid='))?.split(';')[0];
}

/** Signs in through the login form like a browser; returns the session cookie. */
export async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/login`, { redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  // The login page keeps its CSRF secret in a cookie of its own (no session before signing in): send back whatever it set.
  const firstCookies = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!csrf || !firstCookies) throw new Error('GET /login gave no CSRF token or cookie');
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: firstCookies, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: BENCH_PASSWORD, next: '/' }),
  });
  const cookie = sessionCookie(res);
  if (res.status !== 303 || !cookie) throw new Error(`POST /login answered ${res.status}, not 303 with a session`);
  return cookie;
}


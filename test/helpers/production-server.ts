// The real server started as `npm start` starts it (the same heap flags, NODE_ENV=production), for
// the tests that measure its memory; and a password sign-in through its login form.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startOptions } from '../../bench/server';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ProductionServer {
  child: ChildProcess;
  base: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string;
}

/** Starts the server on `dbFile`; resolves once /healthz answers. A password alone signs anyone in. */
export async function startProductionServer(dbFile: string): Promise<ProductionServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...startOptions(), 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_PATH: dbFile, PORT: String(port), SESSION_SECRET: crypto.randomBytes(32).toString('hex'), REQUIRE_TOTP_FOR: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped:\n${output}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, base, output: () => output };
}

/** Signs in through the login form; returns the session cookie. */
export async function signInWithPassword(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const cookie = page.headers.getSetCookie()[0].split(';')[0];
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  });
  return res.headers.getSetCookie().find((c) => c.startsWith('uldum.sid='))!.split(';')[0];
}

/** The process's peak resident memory so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

// The real server for the browser tests: `npm start`'s entry (server/main.ts under tsx) as a child
// process on a free port, with its own database in a fresh temporary folder.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from './paths';
import { e2eState } from './state';

// tsx's require hook, as `npm start` loads the server (package.json "config.serverNodeOptions"),
// so the browser tests run the same loader as production; one process to stop, and Ctrl-C in the
// terminal reaches it too.
const TSX = ['--require', 'tsx/cjs'];
const START_TIMEOUT_MS = 30_000;

export interface TestServer {
  readonly baseUrl: string;
  readonly databasePath: string;
  /** The settings that name its database (DATABASE_PATH, or on the PostgreSQL run DATABASE_URL), for the CLI. */
  readonly databaseEnv: Record<string, string>;
  /** Everything the server printed so far (start-up lines, error references). */
  log(): string;
  stop(): Promise<void>;
}

/** A port the OS has just handed out (free at that moment). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

/**
 * The browser tests sign in with a password only: two-factor sign-in (REQUIRE_TOTP_FOR, by default
 * admin and konsulent) is off unless a test turns it on with `env`.
 */
const TEST_ENV: Record<string, string> = { REQUIRE_TOTP_FOR: 'none' };

/**
 * Starts the server on a fresh database and resolves once /healthz answers 200; `env` adds or
 * overrides settings, or is made from the server's own base URL (e.g. APP_URL for e-mailed links).
 */
/**
 * On the PostgreSQL run (TEST_DATABASE_URL, scripts/with-postgres.sh) each server gets an empty
 * database of its own on the test cluster, which the server migrates and seeds as on SQLite.
 */
async function postgresDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> } | null> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return null;
  const name = `e2e_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), SESSION_SECRET: crypto.randomBytes(32).toString('hex') },
    drop: () => query(`drop database if exists ${name} with (force)`),
  };
}

export async function startServer(options: { env?: Record<string, string> | ((baseUrl: string) => Record<string, string>) } = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-e2e-'));
  const databasePath = path.join(dir, 'uldum.sqlite');
  const postgres = await postgresDatabase();
  const databaseEnv = postgres?.env ?? { DATABASE_PATH: databasePath };
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const output: string[] = [];

  const child = spawn(process.execPath, [...TSX, 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...TEST_ENV, ...(typeof options.env === 'function' ? options.env(baseUrl) : options.env), PORT: String(port), ...databaseEnv, NODE_ENV: 'production', TRUST_PROXY: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If jest itself dies, do not leave servers behind.
  const onExit = () => kill(child, 'SIGKILL');
  process.once('exit', onExit);

  let stopped = false;
  const server: TestServer = {
    baseUrl,
    databasePath,
    databaseEnv,
    log: () => output.join(''),
    async stop() {
      if (stopped) return;
      stopped = true;
      const servers = e2eState().servers;
      if (servers.includes(server)) servers.splice(servers.indexOf(server), 1);
      process.removeListener('exit', onExit);
      kill(child, 'SIGTERM');
      const timer = setTimeout(() => kill(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
  e2eState().servers.push(server); // the harness stops it after the test file

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await healthy(`${baseUrl}/healthz`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`The server did not answer ${baseUrl}/healthz (exit code ${child.exitCode}). Its output:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The start-up line names the database: the PostgreSQL run must really be on PostgreSQL.
  const expected = postgres ? '(database: PostgreSQL ' : `(database: ${databasePath}`;
  for (let i = 0; i < 50 && !output.join('').includes(expected); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!output.join('').includes(expected)) {
    await server.stop();
    throw new Error(`The server did not start on the expected database (${expected}). Its output:\n${output.join('')}`);
  }
  return server;
}

export interface CliUser {
  email: string;
  password: string;
  role: 'admin' | 'konsulent' | 'repraesentant' | 'laeser';
  name?: string;
  /** A person's id or exact name (e.g. a seeded representative). */
  person?: string;
}

/** `npm run cli -- <args>` against the server's database (e.g. `seed --demo`); resolves with its output. */
export function runCli(server: Pick<TestServer, 'databaseEnv'>, args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, 'server/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...server.databaseEnv, NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`cli ${args.join(' ')} exited with ${code}: ${out.trim()}`))));
    child.stdin.end(input);
  });
}

/** `npm run cli -- user add …` against the server's database, the password on standard input. */
export function createUserViaCli(server: Pick<TestServer, 'databaseEnv'>, user: CliUser): Promise<string> {
  const args = ['user', 'add', '--email', user.email, '--role', user.role];
  if (user.name) args.push('--name', user.name);
  if (user.person) args.push('--person', user.person);
  return runCli(server, args, user.password + '\n');
}

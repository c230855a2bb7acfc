// `restore` while the server runs would be undone by the server's next checkpoint: it must refuse
// until the server (a real second process here) has stopped.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const MARK = 'Oprettet efter kopien';

let dir: string;
let database: string;
let server: ChildProcess | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-restore-'));
  database = path.join(dir, 'uldum.sqlite');
});
afterEach(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  server = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ ...process.env, NODE_ENV: 'test', DATABASE_PATH: database, ...extra });

function cli(args: string[]) {
  const result = spawnSync(TSX, ['server/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: env(), timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function organisationNames(): string[] {
  const db = new SQLite(database, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select name from organisations').all() as Array<{ name: string }>).map((o) => o.name);
  } finally {
    db.close();
  }
}

function addMark(): void {
  const db = new SQLite(database);
  try {
    const now = new Date().toISOString();
    db.prepare("insert into organisations (name, kind, sort_key, search_key, created_at, updated_at) values (?, 'andet', ?, ?, ?, ?)").run(MARK, MARK, MARK, now, now);
  } finally {
    db.close();
  }
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts the real server on the database and resolves when it listens. */
async function startServer(): Promise<number> {
  const port = await freePort();
  server = spawn(TSX, ['server/main.ts'], { cwd: ROOT, env: env({ PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('kører på')) resolve();
    });
    server!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server!.once('exit', () => reject(new Error(`the server stopped: ${output}`)));
  });
  return port;
}

async function stopServer(): Promise<void> {
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  server!.kill('SIGTERM');
  await exited;
}

describe('npm run cli -- restore', () => {
  it('refuses in Danish while the server has the database open, changing nothing; restores once it has stopped', async () => {
    expect(cli(['seed']).status).toBe(0);
    const copy = path.join(dir, 'kopi.sqlite');
    expect(cli(['backup', copy]).status).toBe(0);
    addMark();

    const port = await startServer();
    const refused = cli(['restore', copy]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr.trim()).toBe('Databasen er i brug af en anden proces (kører serveren?). Stop serveren først, og prøv igen.');
    expect(refused.stdout).toBe('');
    expect(organisationNames()).toContain(MARK);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.restore-'))).toEqual([]);
    // The server did not notice.
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok');

    await stopServer();
    expect(organisationNames()).toContain(MARK);
    const restored = cli(['restore', copy]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('er gendannet fra');
    expect(organisationNames()).not.toContain(MARK);
    expect(organisationNames().length).toBeGreaterThan(0);

    // The restored database is the one a new server start uses.
    await startServer();
    await stopServer();
    expect(organisationNames()).not.toContain(MARK);
  }, 120_000);
});

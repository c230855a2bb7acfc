// `npm start` (bin/serve.mjs) keeps the server up: a server that dies (here: killed, as the
// kernel or an out-of-memory abort would) is started again and answers; a start-up that cannot
// work (a wrong setting) is not retried for ever; stopping the supervisor stops the server.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function supervise(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/serve.mjs'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

/** Resolves when the condition holds; polls (this waits for an event, it measures no time). */
async function until(what: string, check: () => boolean | Promise<boolean>, log: () => string, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen. Output:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('bin/serve.mjs', () => {
  it('starts the server again after it dies, and stops it with itself', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-supervisor-'));
    const port = await freePort();
    const { child, output } = supervise({ PORT: String(port), DATABASE_PATH: path.join(dir, 'uldum.sqlite') });
    const healthy = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    const pids = () => [...output().matchAll(/server startet \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    try {
      await until('the first start', healthy, output);
      const [first] = pids();
      process.kill(first, 'SIGKILL');
      await until('a second start', () => pids().length === 2, output);
      expect(output()).toMatch(/serveren stoppede uventet \(signal SIGKILL\); starter igen om \d+ s/);
      await until('the restarted server answering', healthy, output);
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
      expect(() => process.kill(pids()[1], 0)).toThrow(); // the server is gone too
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('gives up at once on a start-up that cannot work, saying why', async () => {
    const { child, output } = supervise({ PORT: 'ikke-en-port' });
    expect(await exited(child)).toBe(1);
    expect(output()).toMatch(/PORT/);
    expect(output()).toContain('den startes ikke igen');
    expect(output().match(/server startet/g)).toHaveLength(1);
  }, 60_000);
});

// `npm start`: runs the server (server/main.ts) as a child process and starts it again if it ever
// stops unexpectedly (out of memory, an uncaught error, a kill), so one bad request cannot take the
// tool down for everyone. Plain JavaScript without dependencies, so it stays small and always runs.
// A deployment under systemd or a container may run the server directly and let the supervisor
// there restart it (README, "Running in production").
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The server's node options, kept in package.json ("config.serverNodeOptions") for the bench and the
 * browser tests too: the heap limits, and tsx's require hook alone (the server is CommonJS; tsx's
 * ESM loader would add a fifth of a second to every start).
 */
const OPTIONS = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).config.serverNodeOptions.split(/\s+/);
/** Exit code of a start-up the server itself judged hopeless (bad configuration, port taken). */
const EXIT_CONFIG = 78;
const MAX_DELAY_MS = 30_000;
/** A server that ran this long is healthy again: the next crash restarts it at once. */
const STABLE_MS = 60_000;

let child = null;
let stopping = false;
let delay = 0;

function log(line) {
  console.error(`[supervisor] ${line}`);
}

function start() {
  const startedAt = Date.now();
  child = spawn(process.execPath, [...OPTIONS, 'server/main.ts'], { cwd: ROOT, stdio: 'inherit' });
  log(`server startet (pid ${child.pid})`);
  child.on('exit', (code, signal) => {
    child = null;
    if (stopping) process.exit(0);
    if (code === 0) process.exit(0);
    if (code === EXIT_CONFIG) {
      log('serveren kunne ikke starte (se beskeden ovenfor); den startes ikke igen');
      process.exit(1);
    }
    delay = Date.now() - startedAt > STABLE_MS ? 0 : Math.min(MAX_DELAY_MS, Math.max(1000, delay * 2));
    log(`serveren stoppede uventet (${signal ? `signal ${signal}` : `kode ${code}`}); starter igen om ${Math.round(delay / 1000)} s`);
    setTimeout(start, delay);
  });
}

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    stopping = true;
    if (child) child.kill(sig);
    else process.exit(0);
  });
}

start();

// `npm run bench:probe [-- name …]`: one request at a time per bench route (no load), to see which
// routes are slow and why. Reuses bench/tmp/probe.sqlite between runs (delete it to regenerate);
// with --pg (and BENCH_DATABASE_URL or TEST_DATABASE_URL naming a cluster) the same on a PostgreSQL copy of it;
// SLOW_QUERY_MS=2 lists the queries slower than 2 ms; PROBE_SAVE=1 keeps each answer in bench/tmp/; PROBE_CPU_PROFILE=1 writes a V8 CPU profile of the server to bench/tmp/ for Chrome's DevTools.
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_USERS, generateDataset, type DatasetIds } from './generate';
import { BASELINE, ROUTES } from './routes';
import { clusterUrl, createBenchPostgres } from './postgres';
import { freePort, ROOT, signIn, startServer, type BenchDatabase } from './server';

const DB_FILE = path.join(ROOT, 'bench', 'tmp', 'probe.sqlite');
const IDS_FILE = `${DB_FILE}.ids.json`;
const REPEAT = Number(process.env.PROBE_REPEAT ?? 20);

async function dataset(): Promise<DatasetIds> {
  if (fs.existsSync(DB_FILE) && fs.existsSync(IDS_FILE)) return JSON.parse(fs.readFileSync(IDS_FILE, 'utf8')) as DatasetIds;
  fs.mkdirSync(path.dirname(DB_FILE), { recursive: true });
  const { ids } = await generateDataset(DB_FILE, () => undefined);
  fs.writeFileSync(IDS_FILE, JSON.stringify(ids));
  return ids;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const ids = await dataset();
  const only = process.argv.slice(2).filter((a) => a !== '--pg').map((a) => a.toLowerCase());
  const cluster = process.argv.includes('--pg') ? clusterUrl() : undefined;
  if (process.argv.includes('--pg') && !cluster) throw new Error('--pg needs BENCH_DATABASE_URL or TEST_DATABASE_URL (scripts/with-postgres.sh sets the latter)');
  const postgres = cluster ? await createBenchPostgres(cluster, DB_FILE, () => undefined) : undefined;
  // PROBE_DATABASE_URL: a PostgreSQL copy kept from before (e.g. to read its server log), used as it is.
  const database: BenchDatabase = process.env.PROBE_DATABASE_URL ? { url: process.env.PROBE_DATABASE_URL } : postgres ? { url: postgres.url } : { path: DB_FILE };
  const routes = [BASELINE, ...ROUTES].filter((r) => r === BASELINE || only.length === 0 || only.some((o) => r.name.toLowerCase().includes(o)));
  const profile = process.env.PROBE_CPU_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, 'bench', 'tmp')}`] : [];
  const port = await freePort();
  const { child } = await startServer(port, database, profile);
  // With SLOW_QUERY_MS=n the server names its slow queries; they print above the route they belong to.
  if (process.env.SLOW_QUERY_MS) child.stderr!.on('data', (d) => process.stderr.write(d));
  const base = `http://127.0.0.1:${port}`;
  try {
    const cookie = await signIn(base, BENCH_USERS.konsulent);
    for (const r of routes) {
      const url = base + encodeURI(typeof r.path === 'function' ? r.path(ids) : r.path);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < REPEAT; i++) {
        const started = performance.now();
        const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
        const body = Buffer.from(await res.arrayBuffer());
        bytes = body.byteLength;
        if (i === 0 && process.env.PROBE_SAVE) fs.writeFileSync(path.join(ROOT, 'bench', 'tmp', `${r.name.replace(/\W+/g, '-')}.out`), body);
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        times.push(performance.now() - started);
      }
      console.log(`${r.name.padEnd(26)} median ${median(times).toFixed(1).padStart(7)} ms  first ${times[0].toFixed(0).padStart(5)} ms  ${Math.round(bytes / 1024)} KB`);
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    await postgres?.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// `npm run bench`: generates the data set, starts the production server on it and load-tests bench/routes.ts against /baseline.
// `npm run bench -- --pg`: the same on PostgreSQL (the data set copied into a new database; see bench/postgres.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { describePostgresUrl } from '../server/db/open';
import { compareFiles } from './compare';
import { BENCH_USERS, generateDataset, type DatasetIds } from './generate';
import { BASELINE, missedTargets, ROUTES, RSS_TARGET_MB, START_TARGET_MS, type BenchRoute } from './routes';
import { clusterUrl, createBenchPostgres, type BenchPostgres } from './postgres';
import { freePort, ROOT, signIn, startServer } from './server';
import { markdownTable } from './table';
const PG = process.argv.includes('--pg');
const DB_FILE = path.join(ROOT, 'bench', 'tmp', 'bench.sqlite');
const RESULTS_FILE = path.join(ROOT, 'bench', PG ? 'results-pg.json' : 'results.json');
const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP_S = 1;
const SIGN_IN_AS: keyof typeof BENCH_USERS = 'konsulent';

interface Load {
  rps: number;
  /** null when not one request finished within the run. */
  p50_ms: number | null;
  p99_ms: number | null;
  /** Average response size. */
  kb: number;
}

/** A route that answers anything but 200 (a redirect to /login, a 404, a 500) fails the bench. */
async function checkAnswers(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''}, not 200`);
}

async function load(url: string, cookie: string, seconds: number): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 60, headers: { cookie } });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  const done = result.requests.total;
  const rps = done / result.duration;
  return {
    rps: rps < 100 ? Math.round(rps * 10) / 10 : Math.round(rps),
    p50_ms: done ? result.latency.p50 : null,
    p99_ms: done ? result.latency.p99 : null,
    kb: Math.round(result.throughput.total / Math.max(1, done) / 1024),
  };
}

/**
 * Waits until the server is idle again: autocannon stops at its deadline, but the server still
 * finishes the requests it had begun (a slow export can keep it busy for seconds).
 */
async function settle(base: string): Promise<void> {
  const until = Date.now() + 60_000;
  for (let quick = 0; quick < 2 && Date.now() < until; ) {
    const started = Date.now();
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
    quick = Date.now() - started < 20 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Samples the server's resident memory; `max()` is the highest seen, `sinceMark()` the highest since `mark()`. */
function rssSampler(pid: number) {
  let maxKb = 0;
  let markKb = 0;
  const sample = () => {
    let kb = 0;
    try {
      kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim() || 0);
    }
    maxKb = Math.max(maxKb, kb);
    markKb = Math.max(markKb, kb);
  };
  const timer = setInterval(sample, 100);
  return {
    stop: () => clearInterval(timer),
    max: () => (sample(), Math.round(maxKb / 1024)),
    mark: () => (markKb = 0),
    sinceMark: () => (sample(), Math.round(markKb / 1024)),
  };
}

const routePath = (route: BenchRoute, ids: DatasetIds) => encodeURI(typeof route.path === 'function' ? route.path(ids) : route.path);

/** --pg without a cluster to use: the whole bench once more inside scripts/with-postgres.sh, which starts one (and removes it afterwards). */
function runOnThrowAwayCluster(): never {
  if (process.env.BENCH_ON_THROW_AWAY_CLUSTER) throw new Error('scripts/with-postgres.sh set no TEST_DATABASE_URL');
  console.log('Neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set: starting a throw-away PostgreSQL cluster (scripts/with-postgres.sh).');
  const run = spawnSync(path.join(ROOT, 'scripts', 'with-postgres.sh'), ['npx', 'tsx', 'bench/run.ts', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_ON_THROW_AWAY_CLUSTER: '1' },
  });
  process.exit(run.status ?? 1);
}

async function main(): Promise<void> {
  const cluster = PG ? clusterUrl() : undefined;
  if (PG && !cluster) runOnThrowAwayCluster();
  const benchStarted = Date.now();
  console.log(`Generating the data set into ${path.relative(ROOT, DB_FILE)} …`);
  const dataset = await generateDataset(DB_FILE);
  console.log(`Data set ready in ${(dataset.totalMs / 1000).toFixed(1)} s.\n`);

  let postgres: BenchPostgres | undefined;
  if (cluster) {
    console.log(`Copying it into a new database on ${describePostgresUrl(cluster)} (copySqliteToPostgres, as \`npm run cli -- copy-to-postgres\`) …`);
    postgres = await createBenchPostgres(cluster, DB_FILE, () => undefined);
    console.log(
      `PostgreSQL ${postgres.version}, database ${postgres.name}: ${postgres.rows} rows in ${postgres.tables} tables copied in ${(postgres.copy_ms / 1000).toFixed(1)} s, VACUUM ANALYZE ${(postgres.analyze_ms / 1000).toFixed(1)} s.\n`,
    );
  }
  try {
    await measureAll(benchStarted, dataset, postgres);
  } finally {
    await postgres?.drop();
  }
}

async function measureAll(benchStarted: number, dataset: Awaited<ReturnType<typeof generateDataset>>, postgres: BenchPostgres | undefined): Promise<void> {
  const port = await freePort();
  const { child, startMs } = await startServer(port, postgres ? { url: postgres.url } : { path: DB_FILE });
  const rss = rssSampler(child.pid!);
  const base = `http://127.0.0.1:${port}`;
  try {
    console.log(`Server up in ${startMs} ms; signing in as ${SIGN_IN_AS}, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per route.`);
    const cookie = await signIn(base, BENCH_USERS[SIGN_IN_AS]);
    const routes = [BASELINE, ...ROUTES].map((r) => ({ ...r, path: routePath(r, dataset.ids) }));
    for (const r of routes) await checkAnswers(base + r.path, cookie);

    const measure = async (r: (typeof routes)[number]) => {
      process.stdout.write(`  ${r.name.padEnd(24)} ${r.path} … `);
      await load(base + r.path, cookie, WARMUP_S);
      await settle(base);
      rss.mark();
      const m = await load(base + r.path, cookie, DURATION_S);
      const rssMb = rss.sinceMark();
      await settle(base);
      console.log(`${m.rps} req/s, p50 ${m.p50_ms} ms, p99 ${m.p99_ms} ms, ${m.kb} KB, RSS ${rssMb} MB`);
      return { ...r, ...m, rss_mb: rssMb };
    };
    // One warm-up pass over every route first: the shared code (session, auth, layout) is then
    // compiled by the JIT before the baseline is measured, as it is for the routes after it.
    process.stdout.write('  warming up every route … ');
    for (const r of routes) await load(base + r.path, cookie, WARMUP_S);
    await settle(base);
    console.log('done');
    const measured = [];
    for (const r of routes) measured.push(await measure(r));
    // The baseline once more at the end: if it moved much, something else was using the machine.
    const baselineAgain = await measure(routes[0]);
    const rssMb = rss.max();
    const [baselineFirst, ...rest] = measured;
    const drift = Math.abs(baselineAgain.rps - baselineFirst.rps) / baselineFirst.rps;
    // Ratios are against the mean of the two baseline runs, so a slow start or end flatters no route.
    const baseline = { ...baselineFirst, rps: Math.round((baselineFirst.rps + baselineAgain.rps) / 2) };
    const results = rest.map((r) => {
      const ratio = Math.round((r.rps / baseline.rps) * 100) / 100;
      const missed = r.p50_ms === null || r.p99_ms === null ? [`not one answer within ${DURATION_S} s`] : missedTargets(r, { ratio, p50_ms: r.p50_ms, p99_ms: r.p99_ms });
      return { name: r.name, path: decodeURI(r.path), kind: r.kind, spec_target: r.kind !== 'export' || !!r.specTarget, rps: r.rps, ratio, p50_ms: r.p50_ms, p99_ms: r.p99_ms, kb: r.kb, rss_mb: r.rss_mb, meets_target: missed.length === 0, missed };
    });

    const rows = [
      ['route', 'kind', 'req/s', 'ratio', 'p50 ms', 'p99 ms', 'SPEC target'],
      ['baseline', 'page', String(baseline.rps), '1.00', String(baseline.p50_ms), String(baseline.p99_ms), '(yardstick)'],
      ...results.map((r) => [r.name, r.kind, String(r.rps), r.ratio.toFixed(2), String(r.p50_ms ?? '–'), String(r.p99_ms ?? '–'), r.kind === 'export' && !r.spec_target ? '(no SPEC target)' : r.meets_target ? 'ok' : `MISS: ${r.missed.join(', ')}`]),
    ];
    const cpu = os.cpus()[0]?.model ?? 'unknown';
    const totalS = Math.round((Date.now() - benchStarted) / 1000);
    const on = postgres ? `PostgreSQL ${postgres.version}` : 'SQLite';
    console.log(`\n${new Date().toISOString().slice(0, 10)}, ${on}, ${cpu}, ${os.cpus().length} cores, Node ${process.version}, signed in as ${SIGN_IN_AS}\n`);
    console.log(markdownTable(rows));
    console.log(`\nbaseline: ${baselineFirst.rps} req/s first, ${baselineAgain.rps} req/s again at the end, ratios against the mean (${drift > 0.15 ? `WARNING: ${Math.round(drift * 100)} % off the first; was the machine busy?` : 'steady'})`);
    console.log(`rss_mb ${rssMb} (target ≤ ${RSS_TARGET_MB}: ${rssMb <= RSS_TARGET_MB ? 'ok' : 'MISS'}), start_ms ${startMs} (target ≤ ${START_TARGET_MS}: ${startMs <= START_TARGET_MS ? 'ok' : 'MISS'}), whole bench ${totalS} s`);

    const output = {
      date: new Date().toISOString(),
      machine: { cpu, cores: os.cpus().length, node: process.version, memory_gb: Math.round(os.totalmem() / 2 ** 30) },
      settings: { connections: CONNECTIONS, warmup_s: WARMUP_S, duration_s: DURATION_S, signed_in_as: SIGN_IN_AS },
      database: postgres
        ? { kind: 'postgres', version: postgres.version, rows: postgres.rows, tables: postgres.tables, copy_ms: postgres.copy_ms, vacuum_analyze_ms: postgres.analyze_ms }
        : { kind: 'sqlite' },
      dataset: dataset.counts,
      generate_ms: dataset.timings,
      baseline: { rps: baseline.rps, p50_ms: baseline.p50_ms, p99_ms: baseline.p99_ms, rps_first: baselineFirst.rps, rps_at_end: baselineAgain.rps },
      routes: results,
      rss_mb: rssMb,
      start_ms: startMs,
      total_s: totalS,
    };
    fs.writeFileSync(RESULTS_FILE, JSON.stringify(output, null, 2) + '\n');
    console.log(`Wrote ${path.relative(ROOT, RESULTS_FILE)}.`);
    const comparison = postgres ? compareFiles() : undefined;
    if (comparison) console.log(`\nSide by side (npx tsx bench/compare.ts):\n${comparison}`);
  } finally {
    rss.stop();
    child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(`\nBENCH FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

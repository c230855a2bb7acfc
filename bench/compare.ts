// `npx tsx bench/compare.ts`: the SQLite run (bench/results.json) and the PostgreSQL run
// (bench/results-pg.json) side by side, as a Markdown table for README. `npm run bench -- --pg`
// prints it at the end too.
import fs from 'node:fs';
import path from 'node:path';
import { markdownTable } from './table';

export const SQLITE_RESULTS = path.join(__dirname, 'results.json');
export const PG_RESULTS = path.join(__dirname, 'results-pg.json');

interface RouteResult {
  name: string;
  kind: string;
  spec_target: boolean;
  rps: number;
  p50_ms: number | null;
  meets_target: boolean;
}

export interface BenchResults {
  date: string;
  machine: { cpu: string; cores: number; node: string };
  settings: { duration_s: number };
  baseline: { rps: number; p50_ms: number | null; rps_first: number; rps_at_end: number };
  routes: RouteResult[];
  database?: { kind: string; version?: string };
}

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '–' : String(v));

function targetOnBoth(a: RouteResult | undefined, b: RouteResult | undefined): string {
  if (!a || !b) return '–';
  if (!a.spec_target && !b.spec_target) return '(no SPEC target)';
  if (a.meets_target && b.meets_target) return 'yes';
  if (a.meets_target) return 'no (SQLite only)';
  if (b.meets_target) return 'no (PostgreSQL only)';
  return 'no (neither)';
}

/** One row per route, in the SQLite run's order (routes only one run has come last). */
export function compareTable(sqlite: BenchResults, pg: BenchResults): string {
  const names = [...new Set([...sqlite.routes.map((r) => r.name), ...pg.routes.map((r) => r.name)])];
  const find = (results: BenchResults, name: string) => results.routes.find((r) => r.name === name);
  return markdownTable([
    ['route', 'SQLite req/s', 'SQLite p50 ms', 'PostgreSQL req/s', 'PostgreSQL p50 ms', 'SPEC target met on both'],
    ['baseline', cell(sqlite.baseline.rps), cell(sqlite.baseline.p50_ms), cell(pg.baseline.rps), cell(pg.baseline.p50_ms), '(yardstick)'],
    ...names.map((name) => {
      const a = find(sqlite, name);
      const b = find(pg, name);
      return [name, cell(a?.rps), cell(a?.p50_ms), cell(b?.rps), cell(b?.p50_ms), targetOnBoth(a, b)];
    }),
  ]);
}

const describe = (label: string, file: string, r: BenchResults) =>
  `${label}: ${path.basename(file)}, ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.settings.duration_s} s per route, baseline ${r.baseline.rps_first} → ${r.baseline.rps_at_end} req/s`;

/** The comparison with a line on where each run comes from; undefined when a results file is missing. */
export function compareFiles(): string | undefined {
  if (!fs.existsSync(SQLITE_RESULTS) || !fs.existsSync(PG_RESULTS)) return undefined;
  const sqlite = JSON.parse(fs.readFileSync(SQLITE_RESULTS, 'utf8')) as BenchResults;
  const pg = JSON.parse(fs.readFileSync(PG_RESULTS, 'utf8')) as BenchResults;
  return [describe('SQLite', SQLITE_RESULTS, sqlite), describe(`PostgreSQL${pg.database?.version ? ` ${pg.database.version}` : ''}`, PG_RESULTS, pg), '', compareTable(sqlite, pg)].join('\n');
}

if (require.main === module) {
  const text = compareFiles();
  if (!text) {
    console.error('Both bench/results.json (npm run bench) and bench/results-pg.json (npm run bench -- --pg) are needed.');
    process.exit(1);
  }
  console.log(text);
}

// `npm run cli -- reindex` as an operator runs it: a child process on a database file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-search-cli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], database: string) {
  const result = spawnSync(TSX, ['server/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_PATH: database },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- reindex', () => {
  it('rebuilds a search index that has drifted from the records', () => {
    const database = path.join(dir, 'uldum.sqlite');
    expect(cli(['seed'], database).status).toBe(0);
    const raw = new SQLite(database);
    const indexed = () => raw.prepare("select count(*) as n from search_index where type = 'person' and search_index match 'hanne'").get() as { n: number };
    const total = (raw.prepare('select count(*) as n from search_index').get() as { n: number }).n;
    expect(indexed().n).toBe(1);
    raw.exec('delete from search_index');
    expect(indexed().n).toBe(0);

    const run = cli(['reindex'], database);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`Søgeindekset er genopbygget: ${total} poster.`);
    expect(indexed().n).toBe(1);
    raw.close();
  });
});

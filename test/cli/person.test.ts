// `person export` and `person anonymise` as an operator runs them: child processes on a database
// file (about a second each, so one test checks the whole round).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-cli-person-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  const result = spawnSync(TSX, ['server/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_PATH: path.join(dir, 'uldum.sqlite') },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- person', () => {
  it('export prints the JSON with its Danish explanation; anonymise says what it replaced; the next export shows the pseudonym', () => {
    expect(cli(['seed']).status).toBe(0);
    const db = new SQLite(path.join(dir, 'uldum.sqlite'), { readonly: true });
    const { id } = db.prepare("select id from people where name = 'Hanne M. Petersen'").get() as { id: number };
    db.close();

    const exported = cli(['person', 'export', String(id)]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const data = JSON.parse(exported.stdout);
    expect(Object.keys(data)[0]).toBe('om_udtrækket');
    expect(data.om_udtrækket.indhold.partnerskaber).toMatch(/repræsentant/);
    expect(data.person).toMatchObject({ id, name: 'Hanne M. Petersen' });
    expect(data.partnerskaber).toHaveLength(1);

    const anonymised = cli(['person', 'anonymise', String(id)]);
    expect(anonymised.stderr).toBe('');
    expect(anonymised.status).toBe(0);
    expect(anonymised.stdout.trim()).toMatch(new RegExp(`^Navn erstattet med 'Anonymiseret person ${id}' i: personen, \\d+ logpost(er)?\\.$`));

    const again = JSON.parse(cli(['person', 'export', String(id)]).stdout);
    expect(again.person).toMatchObject({ id, name: `Anonymiseret person ${id}`, title: '' });
    expect(JSON.stringify(again)).not.toContain('Hanne');
    expect(cli(['person', 'anonymise', String(id)]).stdout.trim()).toBe(`Person ${id} er allerede anonymiseret.`);

    const unknown = cli(['person', 'export', '99999']);
    expect(unknown.status).toBe(1);
  });
});

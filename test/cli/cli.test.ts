// The command line as an operator runs it: a child process on a database file. Each run costs
// about a second, so the tests are few and each checks several things.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-cli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], opts: { stdin?: string; database?: string } = {}) {
  const result = spawnSync(TSX, ['server/cli.ts', ...args], {
    cwd: ROOT,
    input: opts.stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_PATH: opts.database ?? path.join(dir, 'uldum.sqlite') },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function openReadonly(file: string) {
  return new SQLite(file, { readonly: true, fileMustExist: true });
}

describe('npm run cli', () => {
  it('user add: creates the account with an argon2id hash, linked to the person named by --person; backup copies the database', async () => {
    const database = path.join(dir, 'uldum.sqlite');
    const added = cli(
      ['user', 'add', '--email', 'Hanne@FOA.dk', '--name', 'Hanne M. Petersen', '--role', 'repraesentant', '--person', 'Hanne M. Petersen'],
      { stdin: 'en-lang-adgangskode\n' },
    );
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^Bruger hanne@foa\.dk oprettet \(id \d+, rolle repraesentant\)/);

    const db = openReadonly(database);
    try {
      const user = db
        .prepare('select users.email, users.role, users.password_hash, people.name, people.title from users join people on people.id = users.person_id')
        .get() as Record<string, string>;
      expect(user).toMatchObject({ email: 'hanne@foa.dk', role: 'repraesentant', name: 'Hanne M. Petersen', title: 'Afdelingsformand' });
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      const hannes = db.prepare("select count(*) as n from people where name = 'Hanne M. Petersen'").get() as { n: number };
      expect(hannes.n).toBe(1);
    } finally {
      db.close();
    }

    const copy = path.join(dir, 'kopi.sqlite');
    const backup = cli(['backup', copy]);
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(`Kopi skrevet til ${copy}`);
    const restored = openReadonly(copy);
    try {
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((restored.prepare('select email from users').all() as Array<{ email: string }>).map((u) => u.email)).toEqual(['hanne@foa.dk']);
      expect((restored.prepare('select count(*) as n from partnership_members where is_representative = 1').get() as { n: number }).n).toBe(8);
    } finally {
      restored.close();
    }
  });

  it('user add: refuses a too-short password in Danish with exit code 1, creating nobody', async () => {
    const database = path.join(dir, 'uldum.sqlite');
    const res = cli(['user', 'add', '--email', 'kort@uldum.dk', '--name', 'Kort Kode', '--role', 'laeser'], { stdin: 'kort\n' });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe('Adgangskoden skal have mindst 10 tegn');
    expect(res.stdout).toBe('');
    // The password is checked before the database is even opened.
    expect(fs.existsSync(database)).toBe(false);
  });

  it('migrate: builds a fresh database file', async () => {
    const database = path.join(dir, 'ny', 'uldum.sqlite');
    const res = cli(['migrate'], { database });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^Migreret: 0001_foundation/);
    const db = openReadonly(database);
    try {
      const tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['users', 'people', 'organisations', 'sessions', 'audit_log', 'partnerships']));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});

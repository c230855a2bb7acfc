// `npm run cli -- user add --invite`: an account without a password and an invitation in the
// outbox, its link printed for the operator.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

it('user add --invite creates the account without a password and queues the invitation, printing its link', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-cli-'));
  try {
    const database = path.join(dir, 'uldum.sqlite');
    const result = spawnSync(TSX, ['server/cli.ts', 'user', 'add', '--email', 'Nanna@FOA.dk', '--name', 'Nanna Ny', '--role', 'repraesentant', '--invite'], {
      cwd: ROOT,
      input: '',
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test', DATABASE_PATH: database, APP_URL: 'https://uldum.hedensted.dk' },
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Bruger nanna@foa\.dk oprettet \(id \d+, rolle repraesentant\) uden adgangskode\.$/);
    expect(lines[1]).toBe('Invitationen ligger i udbakken og sendes af serveren, når e-mail er sat op (SMTP_URL). Linket virker i 7 dage:');
    expect(lines[2]).toMatch(/^https:\/\/uldum\.hedensted\.dk\/invitation\/[A-Za-z0-9_-]{43}$/);

    const db = new SQLite(database, { readonly: true });
    try {
      expect(db.prepare('select password_hash from users').get()).toEqual({ password_hash: '' });
      const mail = db.prepare('select kind, to_address, to_name, status, text_body from outbox').get() as Record<string, string>;
      expect(mail).toMatchObject({ kind: 'invitation', to_address: 'nanna@foa.dk', to_name: 'Nanna Ny', status: 'queued' });
      expect(mail.text_body).toContain(lines[2]);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// POSTGRESQL ADAPTER for backup and restore: PostgreSQL's own pg_dump and pg_restore, run by the
// CLI (`npm run cli -- backup FIL` / `restore FIL` with DATABASE_URL set). The dump is pg_dump's
// custom format; sign-in sessions and failure counts are left out of it as on SQLite (their
// tables are dumped empty). Unlike the SQLite copy, the dump keeps calendar addresses: keep it
// as safe as the database itself.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

/** Tables whose rows a backup leaves out: who is signed in and who has been failing to. */
const NOT_BACKED_UP = ['sessions', 'failures'];

export class PostgresToolMissing extends Error {}

function findTool(name: string): string {
  const dirs = [process.env.PG_BINDIR, ...(process.env.PATH ?? '').split(':')].filter(Boolean) as string[];
  for (const dir of dirs) {
    const file = `${dir}/${name}`;
    if (fs.existsSync(file)) return file;
  }
  // Debian keeps the versioned programs under /usr/lib/postgresql/<version>/bin.
  const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(`/usr/lib/postgresql/${v}/bin/${name}`)) return `/usr/lib/postgresql/${v}/bin/${name}`;
  throw new PostgresToolMissing(name);
}

function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim() || `${tool} sluttede med kode ${code}`))));
  });
}

/** The command an administrator can run by hand (the password stays out of it: use ~/.pgpass or PGPASSWORD). */
export function dumpCommand(url: string, file: string): string {
  const u = new URL(url);
  u.password = '';
  return `pg_dump --format=custom ${NOT_BACKED_UP.map((t) => `--exclude-table-data=${t}`).join(' ')} --file=${file} '${u.toString()}'`;
}

export async function dumpPostgres(url: string, file: string): Promise<void> {
  await run(findTool('pg_dump'), ['--format=custom', ...NOT_BACKED_UP.map((t) => `--exclude-table-data=${t}`), `--file=${file}`, `--dbname=${url}`]);
}

/** pg_dump's custom format starts with these bytes. */
export function isPostgresDump(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    return head.toString('latin1') === 'PGDMP';
  } finally {
    fs.closeSync(fd);
  }
}

/** Other connections of the app to the database: a restore must wait until the servers are stopped. */
export async function otherAppConnections(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = 'uldum-samskabelse'`,
    );
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

/** Replaces every table of the database with the dump's (pg_restore --clean), in one transaction. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  await run(findTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file]);
}

// POSTGRESQL ADAPTER for backup and restore: PostgreSQL's own pg_dump, pg_restore and psql, run by the
// CLI (`npm run cli -- backup FIL` / `restore FIL` with DATABASE_URL set). The dump is pg_dump's
// custom format; sign-in sessions, failure counts and reset/invitation links are left out of it as on SQLite (their
// tables are dumped empty). Unlike the SQLite copy, the dump keeps calendar addresses: keep it
// as safe as the database itself.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Tables whose rows a backup leaves out: who is signed in, who has been failing to, and open invitation/reset links. */
const NOT_BACKED_UP = ['sessions', 'failures', 'account_tokens'];

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

/**
 * The connection for pg_dump and pg_restore: the address without its password, which goes in
 * PGPASSWORD (the command line of a running program is visible to every user of the machine).
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** Runs a PostgreSQL program; resolves with what it wrote to standard output. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(stderr.trim() || `${tool} sluttede med kode ${code}`))));
  });
}

/** The command an administrator can run by hand (the password stays out of it: use ~/.pgpass or PGPASSWORD). */
export function dumpCommand(url: string, file: string): string {
  const u = new URL(url);
  u.password = '';
  return `pg_dump --format=custom ${NOT_BACKED_UP.map((t) => `--exclude-table-data=${t}`).join(' ')} --file=${file} '${u.toString()}'`;
}

export async function dumpPostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await run(findTool('pg_dump'), ['--format=custom', ...NOT_BACKED_UP.map((t) => `--exclude-table-data=${t}`), `--file=${file}`, `--dbname=${dbname}`], env);
}

/** A dump in a new temporary folder, for the administrators' download (/admin/backup); returns its path. */
export async function dumpPostgresToTempFile(url: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-backup-'));
  const file = path.join(dir, 'uldum.dump');
  await dumpPostgres(url, file);
  return file;
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

/** The tables and functions a dump holds, by schema (from pg_restore's table of contents). */
interface DumpContents {
  tables: Set<string>;
  functions: Set<string>;
  schemas: Set<string>;
}

async function contentsOf(file: string): Promise<DumpContents> {
  const contents: DumpContents = { tables: new Set(), functions: new Set(), schemas: new Set() };
  // Lines like `215; 1259 16390 TABLE public users owner` and `311; 1255 17141 FUNCTION public search_meetings_sync() owner`.
  for (const line of (await run(findTool('pg_restore'), ['--list', file])).split('\n')) {
    const m = /^\d+; \d+ \d+ (TABLE|FUNCTION) (?!DATA )(\S+) ([^\s(]+)/.exec(line);
    if (!m) continue;
    contents.schemas.add(m[2]);
    (m[1] === 'TABLE' ? contents.tables : contents.functions).add(`${m[2]}.${m[3]}`);
  }
  return contents;
}

/**
 * Tables and functions the dump does not have, in its schemas: made by migrations newer than the
 * backup. pg_restore --clean drops only what is in the dump; were they kept, a table referring to
 * a restored one would stop the restore, and the migrations that made them would run again after
 * it and fail on them. Objects of extensions are kept. Returns the statements that drop them.
 */
async function whatTheDumpLacks(url: string, dump: DumpContents): Promise<Array<{ name: string; drop: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ kind: 'table' | 'function'; schema: string; name: string; drop: string }>(
      `select 'table' as kind, n.nspname as schema, c.relname as name, format('drop table if exists %I.%I cascade', n.nspname, c.relname) as drop
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = any($1)
          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
       union all
       select 'function', n.nspname, p.proname, format('drop function if exists %s cascade', p.oid::regprocedure)
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prokind = 'f' and n.nspname = any($1)
          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`,
      [[...dump.schemas]],
    );
    return rows.filter((r) => !(r.kind === 'table' ? dump.tables : dump.functions).has(`${r.schema}.${r.name}`)).map((r) => ({ name: `${r.schema}.${r.name}`, drop: r.drop }));
  } finally {
    await client.end();
  }
}

/**
 * Replaces the database with the dump, in one transaction (all or nothing): what the dump does not
 * have is dropped, and pg_restore --clean's script replaces every table of the dump. The script
 * runs through psql, so that the drops and the restore share the transaction, and it is committed
 * only when pg_restore wrote all of it. Returns the names of the tables and functions dropped.
 */
export async function restorePostgres(url: string, file: string): Promise<string[]> {
  const dump = await contentsOf(file);
  if (!dump.tables.size) throw new Error('Sikkerhedskopien indeholder ingen tabeller');
  const extra = await whatTheDumpLacks(url, dump);
  const { dbname, env } = connection(url);
  const [pgRestore, psqlTool] = [findTool('pg_restore'), findTool('psql')];
  const psql = spawn(psqlTool, ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--file=-', `--dbname=${dbname}`], { stdio: ['pipe', 'ignore', 'pipe'], env });
  psql.stdin.on('error', () => undefined); // psql stopped at an error: its own message says why
  psql.stdin.write(['begin;', ...extra.map((e) => `${e.drop};`), ''].join('\n'));
  const restore = spawn(pgRestore, ['--clean', '--if-exists', '--no-owner', '--file=-', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  restore.stdout.pipe(psql.stdin, { end: false });
  // Without the commit, psql's end rolls the transaction back.
  restore.on('close', (code) => psql.stdin.end(code === 0 ? '\ncommit;\n' : ''));
  let stopped = false; // psql stopped at an error before pg_restore was done
  psql.on('close', () => {
    if (restore.exitCode === null && restore.signalCode === null) stopped = restore.kill();
  });
  const [restored, applied] = await Promise.all([finished(restore, 'pg_restore'), finished(psql, 'psql')]);
  if (restored.code !== 0 && !stopped) throw new Error(restored.stderr || `pg_restore sluttede med kode ${restored.code}`);
  if (applied.code !== 0) throw new Error(applied.stderr || `psql sluttede med kode ${applied.code}`);
  return extra.map((e) => e.name);
}

function finished(child: ReturnType<typeof spawn>, tool: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => reject(Object.assign(err, { message: `${tool}: ${err.message}` })));
    child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
  });
}

// The command line on PostgreSQL as an operator runs it: a child process with DATABASE_URL set,
// on an empty database of its own; the results are read back with plain `pg`. Each run costs a
// second or two, so the tests are few and each checks several things. Runs on the PostgreSQL run
// of the suite (scripts/with-postgres.sh); skipped on SQLite.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { addAttachments } from '../../server/attachments/service';
import { newChunkKey } from '../../server/attachments/store';
import { stageFile } from '../../server/attachments/upload';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { openDatabase } from '../../server/db/database';
import { createPostgresPool } from '../../server/db/postgres';
import { assertMeetingEditable } from '../../server/meetings/lock';
import { aMeeting } from '../helpers/factories';
import { emptyPostgresDatabase, onPostgres, TEST_DATABASE_URL } from '../helpers/postgres';
import * as files from '../attachments/files';

const describePg = onPostgres ? describe : describe.skip;

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SECRET = 'en-hemmelighed-paa-mindst-32-tegn-til-test';
const PASSWORD = 'en-lang-adgangskode\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-pgcli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `tsx server/cli.ts …` on PostgreSQL (url) or on the SQLite file in the test's folder (no url). */
function cli(args: string[], opts: { url?: string; stdin?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATABASE_PATH: path.join(dir, 'uldum.sqlite'), SESSION_SECRET: SECRET };
  delete env.DATABASE_URL;
  if (opts.url) env.DATABASE_URL = opts.url;
  const result = spawnSync(TSX, ['server/cli.ts', ...args], { cwd: ROOT, input: opts.stdin ?? '', encoding: 'utf8', env, timeout: 90_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function query<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The app's connections to the database `name` (the server closes a backend shortly after its client left). */
async function appConnections(name: string): Promise<number> {
  const [{ n }] = await query<{ n: number }>(TEST_DATABASE_URL, `select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'uldum-samskabelse'`, [name]);
  return n;
}

async function untilNoAppConnections(name: string): Promise<void> {
  for (let i = 0; i < 500 && (await appConnections(name)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describePg('npm run cli on PostgreSQL (DATABASE_URL)', () => {
  it('migrate, user add, person export and anonymise work on an empty PostgreSQL database', async () => {
    const { url } = await emptyPostgresDatabase();
    const migrated = cli(['migrate'], { url });
    expect(migrated.stderr).toBe('');
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toMatch(/^Migreret: 0001_foundation, 0002_meetings/);
    expect(fs.existsSync(path.join(dir, 'uldum.sqlite'))).toBe(false); // no SQLite file on the side

    const added = cli(['user', 'add', '--email', 'Karin@Hedensted.dk', '--name', 'Karin Sørensen', '--role', 'konsulent'], { url, stdin: PASSWORD });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^Bruger karin@hedensted\.dk oprettet \(id \d+, rolle konsulent\)/);
    const [user] = await query<{ email: string; role: string; password_hash: string; person_id: number; name: string }>(
      url,
      'select users.email, users.role, users.password_hash, users.person_id, people.name from users join people on people.id = users.person_id',
    );
    expect(user).toMatchObject({ email: 'karin@hedensted.dk', role: 'konsulent', name: 'Karin Sørensen' });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const [audited] = await query<{ n: number }>(url, `select count(*)::int as n from audit_log where entity = 'user'`);
    expect(audited.n).toBe(1);

    const exported = cli(['person', 'export', String(user.person_id)], { url });
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const json = JSON.parse(exported.stdout);
    expect(JSON.stringify(json)).toContain('Karin Sørensen');
    expect(JSON.stringify(json)).toContain('karin@hedensted.dk');
    expect(exported.stdout).not.toContain('$argon2id$');

    const anonymised = cli(['person', 'anonymise', String(user.person_id)], { url });
    expect(anonymised.stderr).toBe('');
    expect(anonymised.status).toBe(0);
    const [after] = await query<{ name: string; anonymised_at: string | null; email: string; disabled: number }>(
      url,
      'select people.name, people.anonymised_at, users.email, users.disabled from people join users on users.person_id = people.id where people.id = $1',
      [user.person_id],
    );
    expect(after).toMatchObject({ name: `Anonymiseret person ${user.person_id}`, disabled: 1 });
    expect(after.anonymised_at).not.toBeNull();
    expect(after.email).not.toContain('karin');
    const left = await query(url, `select id from audit_log where coalesce(before, '') || coalesce(after, '') like '%Karin%'`);
    expect(left).toEqual([]);
  }, 120_000);

  it('backup writes a pg_dump file without sessions; restore refuses while the app is connected and then brings the data back', async () => {
    const { name, url } = await emptyPostgresDatabase();
    expect(cli(['seed'], { url }).status).toBe(0);
    expect(cli(['user', 'add', '--email', 'anne@foa.dk', '--name', 'Anne Holm', '--role', 'admin'], { url, stdin: PASSWORD }).status).toBe(0);
    const [{ id: userId }] = await query<{ id: number }>(url, 'select id from users');
    await query(url, `insert into sessions (sid, data, user_id, expires_at) values ('s1', '{}', $1, '2099-01-01T00:00:00.000Z')`, [userId]);
    const peopleBefore = await query(url, 'select id, name from people order by id');
    const auditBefore = await query<{ n: number }>(url, 'select count(*)::int as n from audit_log');

    const file = path.join(dir, 'uldum.dump');
    const backup = cli(['backup', file], { url });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(`Kopi (pg_dump) skrevet til ${file}`);
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('PGDMP');

    // After the backup: someone new, someone gone, and what a newer migration would have made (a
    // table referring to users, a trigger function), which the dump knows nothing of.
    await query(url, 'create table later_feature (id integer primary key, user_id integer references users (id))');
    await query(url, `create function later_feature_sync() returns trigger language plpgsql as $$ begin return null; end $$`);
    await query(url, 'create trigger later_feature_sync after insert on users for each row execute function later_feature_sync()');
    await query(url, `insert into later_feature values (1, $1)`, [userId]);
    expect(cli(['user', 'add', '--email', 'ny@foa.dk', '--name', 'Ny Bruger', '--role', 'laeser'], { url, stdin: PASSWORD }).status).toBe(0);
    const gone = peopleBefore.find((p) => !['Anne Holm'].includes(String(p.name)))!;
    await query(url, 'delete from partnership_members where person_id = $1', [gone.id]);
    await query(url, 'delete from people where id = $1', [gone.id]);

    // A server instance still connected: refused, nothing changed.
    const pool = createPostgresPool(url, { poolSize: 1 });
    try {
      await pool.query('select 1');
      const refused = cli(['restore', file], { url });
      expect(refused.status).toBe(1);
      expect(refused.stderr.trim()).toBe('Databasen er i brug af 1 forbindelse fra serveren. Stop alle instanser først.');
      expect((await query(url, `select email from users order by id`)).map((u) => u.email)).toEqual(['anne@foa.dk', 'ny@foa.dk']);
    } finally {
      await pool.end();
    }
    await untilNoAppConnections(name);

    // Not a dump: refused before anything is touched.
    const notADump = path.join(dir, 'noter.txt');
    fs.writeFileSync(notADump, 'Dette er ikke en sikkerhedskopi\n');
    const wrongFile = cli(['restore', notADump], { url });
    expect(wrongFile.status).toBe(1);
    expect(wrongFile.stderr.trim()).toBe('Filen er ikke en sikkerhedskopi fra pg_dump (backup på PostgreSQL)');
    expect((await query(url, `select email from users order by id`)).map((u) => u.email)).toEqual(['anne@foa.dk', 'ny@foa.dk']);

    // A dump cut short (a disk that filled up) in its last table's rows, after most of the
    // script has run: the restore fails as a whole, nothing changed.
    const cut = path.join(dir, 'afkortet.dump');
    const whole = fs.readFileSync(file);
    fs.writeFileSync(cut, whole.subarray(0, whole.length - 100));
    const broken = cli(['restore', cut], { url });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/pg_restore/);
    expect((await query(url, `select email from users order by id`)).map((u) => u.email)).toEqual(['anne@foa.dk', 'ny@foa.dk']);
    expect(await query(url, 'select id from later_feature')).toEqual([{ id: 1 }]);

    const restored = cli(['restore', file], { url });
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(`er gendannet fra ${file}.\nFjernet, da kopien ikke har dem: public.later_feature, public.later_feature_sync.\n`);
    expect((await query(url, `select email from users order by id`)).map((u) => u.email)).toEqual(['anne@foa.dk']);
    expect(await query(url, 'select id, name from people order by id')).toEqual(peopleBefore);
    expect(await query(url, 'select count(*)::int as n from audit_log')).toEqual(auditBefore);
    expect(await query(url, 'select sid from sessions')).toEqual([]);
    expect(await query(url, `select relname from pg_class where relname = 'later_feature'`)).toEqual([]);
    expect(await query(url, `select proname from pg_proc where proname = 'later_feature_sync'`)).toEqual([]);
    // The search index is back with its triggers, and the id sequences go on after the restored ids.
    const [{ n: indexed }] = await query<{ n: number }>(url, `select count(*)::int as n from search_index where type = 'person'`);
    expect(indexed).toBe(peopleBefore.length);
    expect(cli(['user', 'add', '--email', 'igen@foa.dk', '--name', 'Igen Bruger', '--role', 'laeser'], { url, stdin: PASSWORD }).status).toBe(0);
    const [again] = await query<{ id: number }>(url, `select id from users where email = 'igen@foa.dk'`);
    expect(again.id).toBeGreaterThan(userId);
    const [{ n: personIndexed }] = await query<{ n: number }>(url, `select count(*)::int as n from search_index where type = 'person' and title = 'Igen Bruger'`);
    expect(personIndexed).toBe(1);

    // The server's database lost: the dump restores into a new, empty one.
    const { url: fresh } = await emptyPostgresDatabase();
    const intoEmpty = cli(['restore', file], { url: fresh });
    expect(intoEmpty.stderr).toBe('');
    expect(intoEmpty.status).toBe(0);
    expect((await query(fresh, `select email from users order by id`)).map((u) => u.email)).toEqual(['anne@foa.dk']);
    expect(await query(fresh, 'select id, name from people order by id')).toEqual(peopleBefore);
  }, 180_000);

  it('copy-to-postgres moves an SQLite installation, bilag and all, into an empty database, and refuses a second time', async () => {
    expect(cli(['seed', '--demo']).status).toBe(0);
    expect(cli(['user', 'add', '--email', 'karin@hedensted.dk', '--name', 'Karin Sørensen', '--role', 'konsulent'], { stdin: PASSWORD }).status).toBe(0);
    const sqliteFile = path.join(dir, 'uldum.sqlite');
    const bilag = files.largePdf(1.5 * 1024 * 1024); // two 1 MB chunks
    {
      const { db } = openDatabase(sqliteFile);
      try {
        const meetingId = await aMeeting(db);
        const staged = await stageFile(db, newChunkKey(new Date()), Readable.from([bilag]), 'Budget 2027.pdf', { maxFileMb: 25 });
        if (!staged || 'refusal' in staged) throw new Error(`refused: ${JSON.stringify(staged)}`);
        await addAttachments(db, { meetingId, agendaItemId: null, lock: assertMeetingEditable }, [{ file: staged, title: 'Budget 2027' }], SYSTEM_ACTOR, new Date());
        await db.insertInto('sessions').values({ sid: 'logget-ind', data: '{}', user_id: null, expires_at: '2099-01-01T00:00:00.000Z' }).execute();
      } finally {
        await db.destroy();
      }
    }
    const source = openDatabase(sqliteFile);
    const tables = source.raw.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like 'search_index%' order by name`).pluck().all() as string[];
    const sourceCounts = Object.fromEntries(tables.map((t) => [t, Number(source.raw.prepare(`select count(*) from "${t}"`).pluck().get())]));
    const installationId = source.raw.prepare(`select value from app_settings where key = 'installation_id'`).pluck().get();
    const maxOrganisationId = Number(source.raw.prepare('select max(id) from organisations').pluck().get());
    await source.db.destroy();
    expect(sourceCounts.attachments).toBe(1);
    expect(sourceCounts.meetings).toBeGreaterThan(1);

    const { url } = await emptyPostgresDatabase();
    const copied = cli(['copy-to-postgres', url]);
    expect(copied.stderr).toBe('');
    expect(copied.status).toBe(0);
    expect(copied.stdout).toMatch(new RegExp(`  meetings: ${sourceCounts.meetings}\\n`));
    expect(copied.stdout).toMatch(/Kopieret til PostgreSQL 127\.0\.0\.1:\d+\/t_\w+: \d+ tabeller, [\d.]+ rækker; antallet passer i hver tabel\./);

    const target = new pg.Client({ connectionString: url });
    await target.connect();
    try {
      const targetCounts: Record<string, number> = {};
      for (const table of tables) targetCounts[table] = (await target.query(`select count(*)::int as n from "${table}"`)).rows[0].n;
      expect(targetCounts).toEqual(sourceCounts);
      // Every id sequence hands out an id after the highest one copied.
      const identities = (await target.query(`select table_name from information_schema.columns where column_name = 'id' and is_identity = 'YES' and table_schema = 'public'`)).rows.map((r) => r.table_name as string);
      expect(identities).toEqual(expect.arrayContaining(['organisations', 'people', 'users', 'meetings', 'attachments', 'audit_log']));
      for (const table of identities) {
        const { rows } = await target.query(`select coalesce(max(id), 0)::int as max, (select last_value::int from ${`${table}_id_seq`}) as last, (select is_called from ${`${table}_id_seq`}) as called from "${table}"`);
        const next = rows[0].called ? rows[0].last + 1 : rows[0].last;
        expect({ table, after: next > rows[0].max }).toEqual({ table, after: true });
      }
    } finally {
      await target.end();
    }
    const [setting] = await query<{ value: string }>(url, `select value from app_settings where key = 'installation_id'`);
    expect(setting.value).toBe(installationId);

    const chunks = await query<{ data: Buffer }>(
      url,
      `select c.data from attachments a join attachment_contents ac on ac.sha256 = a.sha256 join attachment_chunks c on c.chunk_key = ac.chunk_key order by c.seq`,
    );
    expect(chunks).toHaveLength(2);
    expect(sha256(Buffer.concat(chunks.map((c) => c.data)))).toBe(sha256(bilag));

    const [{ n: indexed }] = await query<{ n: number }>(url, `select count(*)::int as n from search_index where document @@ to_tsquery('danish', 'møde')`);
    expect(indexed).toBeGreaterThan(0);
    const [{ n: people }] = await query<{ n: number }>(url, `select count(*)::int as n from search_index where type = 'person'`);
    expect(people).toBe(sourceCounts.people);

    const now = new Date().toISOString();
    const [org] = await query<{ id: number }>(
      url,
      `insert into organisations (name, kind, sort_key, search_key, created_at, updated_at) values ('Ny organisation', 'andet', 'ny organisation', 'ny organisation', $1, $1) returning id`,
      [now],
    );
    expect(org.id).toBeGreaterThan(maxOrganisationId);

    // A second copy into the same (now filled) database: refused, nothing changed.
    const [{ n: auditBefore }] = await query<{ n: number }>(url, 'select count(*)::int as n from audit_log');
    const again = cli(['copy-to-postgres'], { url });
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toMatch(/^Måldatabasen er ikke tom \(tabellen \w+ har rækker\)\. Kopiér kun til en tom PostgreSQL-database\.$/);
    expect(again.stdout).toBe('');
    const [{ n: auditAfter }] = await query<{ n: number }>(url, 'select count(*)::int as n from audit_log');
    expect(auditAfter).toBe(auditBefore);
    const [{ n: organisations }] = await query<{ n: number }>(url, 'select count(*)::int as n from organisations');
    expect(organisations).toBe(sourceCounts.organisations + 1);
  }, 240_000);
});

// `npm run cli -- <command>`: administration from the shell, through the same services as the web.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { z } from 'zod';
import { loadConfig } from './config';
import { openDatabase, type Db } from './db/database';
import { removeSecrets, restoreDatabase } from './db/backup';
import { copySqliteToPostgres, TargetNotEmpty } from './db/copy-to-postgres';
import { describePostgresUrl, openConfiguredDatabase } from './db/open';
import { dumpCommand, dumpPostgres, isPostgresDump, otherAppConnections, PostgresToolMissing, restorePostgres } from './db/pg-backup';
import { createPostgresDb, createPostgresPool } from './db/postgres';
import { migrateToLatest } from './db/migrator';
import { APP_ROLES } from './db/schema';
import { SYSTEM_ACTOR } from './db/audit';
import { createAccount, inviteAccount } from './accounts/service';
import { appUrlOf } from './mail/service';
import { anonymisePerson, describeAnonymisation, exportPerson } from './people/service';
import { rebuildSearchIndex } from './search/service';
import { passwordField, requiredEmail } from './web/form';
import { Invalid } from './web/errors';
import { formatCount } from './web/format';
import { seedDemo } from '../seeds/demo';
import { seedPartnership } from '../seeds/partnership';
import { seedRoleMarkersOnce } from '../seeds/role-markers';

const USAGE = `Brug: npm run cli -- <kommando>

  migrate                                   kør databasens migreringer
  seed [--demo]                             indlæs partnerskabet fra aftalen (og demoindhold)
  user add --email E --name N --role R [--person P] [--invite]
                                            opret en bruger; adgangskoden læses fra standard input
                                            R er admin, konsulent, repraesentant eller laeser;
                                            P er en persons id eller præcise navn;
                                            --invite: ingen adgangskode, men en invitation på
                                            e-mail (brugeren vælger den selv; linket udskrives)
  backup FIL                                tag en konsistent kopi af databasen, mens den kører
                                            (uden logins og kalenderadresser; på PostgreSQL
                                            med pg_dump, uden logins)
  restore FIL                               erstat databasen med en kopi (stop serveren først:
                                            kommandoen nægter, mens databasen er åben)
  copy-to-postgres [URL]                    flyt SQLite-databasen (DATABASE_PATH) over i en tom
                                            PostgreSQL-database (URL eller DATABASE_URL)
  person export ID                          udskriv alt om en person som JSON (indsigt, GDPR)
  person anonymise ID                       anonymisér en person (GDPR): navnet erstattes overalt,
                                            også i godkendte referater; møderne bevares
  reindex                                   genopbyg søgeindekset fra alle poster`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Adgangskode: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && chunk.includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/** The configured database (PostgreSQL with DATABASE_URL, else the SQLite file), migrated. */
async function openMigrated(): Promise<{ db: Db }> {
  const { db } = openConfiguredDatabase(loadConfig());
  const applied = await migrateToLatest(db);
  if (applied.length && applied[0] === '0001_foundation') await seedPartnership(db, new Date());
  // A database from before the progress markers gets their proposal once, as at a start (server/main.ts).
  await seedRoleMarkersOnce(db, new Date());
  return { db };
}

async function findPersonId(db: Db, ref: string): Promise<number> {
  const byId = /^\d+$/.test(ref) ? await db.selectFrom('people').select('id').where('id', '=', Number(ref)).executeTakeFirst() : undefined;
  if (byId) return byId.id;
  const byName = await db.selectFrom('people').select('id').where('name', '=', ref).execute();
  if (byName.length === 1) return byName[0].id;
  throw new UsageError(byName.length ? `Flere personer hedder "${ref}": brug id'et` : `Ingen person med id eller navn "${ref}"`);
}

async function userAdd(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, person: { type: 'string' }, invite: { type: 'boolean' } },
  });
  const email = requiredEmail.safeParse(values.email);
  if (!email.success) throw new UsageError('--email mangler eller er ugyldig');
  const role = z.enum(APP_ROLES).safeParse(values.role);
  if (!role.success) throw new UsageError(`--role skal være én af: ${APP_ROLES.join(', ')}`);
  if (!values.person && !values.name) throw new UsageError('--name mangler');
  if (values.invite) return userInvite(email.data, role.data, values);
  const password = passwordField.safeParse(await readStdin());
  if (!password.success) throw new UsageError(password.error.issues[0].message);
  const { db } = await openMigrated();
  try {
    const personId = values.person ? await findPersonId(db, values.person) : null;
    const id = await createAccount(
      db,
      { email: email.data, password: password.data, role: role.data, personId, name: values.name },
      SYSTEM_ACTOR,
      new Date(),
    );
    console.log(`Bruger ${email.data} oprettet (id ${id}, rolle ${role.data}).`);
  } finally {
    await db.destroy();
  }
}

/** `user add --invite`: the account without a password, and an invitation in the outbox (the server sends it). */
async function userInvite(email: string, role: (typeof APP_ROLES)[number], values: { name?: string; person?: string }): Promise<void> {
  const config = loadConfig();
  const { db } = await openMigrated();
  try {
    const personId = values.person ? await findPersonId(db, values.person) : null;
    const { userId, link } = await inviteAccount(db, { email, role, personId, name: values.name }, SYSTEM_ACTOR, new Date(), appUrlOf(config));
    console.log(`Bruger ${email} oprettet (id ${userId}, rolle ${role}) uden adgangskode.`);
    console.log(`Invitationen ligger i udbakken og sendes af serveren${config.smtpUrl ? '' : ', når e-mail er sat op (SMTP_URL)'}. Linket virker i 7 dage:`);
    console.log(link);
  } finally {
    await db.destroy();
  }
}

async function backup(file: string | undefined): Promise<void> {
  if (!file) throw new UsageError('Angiv filen, kopien skal skrives til');
  const config = loadConfig();
  if (config.databaseUrl) return backupPostgres(config.databaseUrl, path.resolve(file));
  const { db, raw } = openDatabase(config.databasePath);
  await migrateToLatest(db);
  try {
    await raw.backup(path.resolve(file)); // SQLite's online backup: consistent while the server writes
    removeSecrets(path.resolve(file));
    console.log(`Kopi skrevet til ${path.resolve(file)}`);
  } finally {
    await db.destroy();
  }
}

async function backupPostgres(url: string, file: string): Promise<void> {
  try {
    await dumpPostgres(url, file);
  } catch (err) {
    if (!(err instanceof PostgresToolMissing)) throw err;
    throw new UsageError(`pg_dump findes ikke på denne maskine (Debian: apt-get install postgresql-client). Kør i stedet:\n  ${dumpCommand(url, file)}`);
  }
  console.log(`Kopi (pg_dump) skrevet til ${file}`);
}

async function restorePostgresFrom(url: string, file: string): Promise<void> {
  if (!isPostgresDump(file)) throw new UsageError('Filen er ikke en sikkerhedskopi fra pg_dump (backup på PostgreSQL)');
  const others = await otherAppConnections(url);
  if (others > 0) throw new UsageError(`Databasen er i brug af ${formatCount(others, 'forbindelse', 'forbindelser')} fra serveren. Stop alle instanser først.`);
  let dropped: string[];
  try {
    dropped = await restorePostgres(url, file);
  } catch (err) {
    if (!(err instanceof PostgresToolMissing)) throw err;
    throw new UsageError(`${err.message} findes ikke på denne maskine (Debian: apt-get install postgresql-client)`);
  }
  const { db } = openConfiguredDatabase(loadConfig());
  const applied = await migrateToLatest(db);
  await db.destroy();
  console.log(`Databasen ${describePostgresUrl(url)} er gendannet fra ${file}.`);
  if (dropped.length) console.log(`Fjernet, da kopien ikke har dem: ${dropped.join(', ')}.`);
  if (applied.length) console.log(`Migreret: ${applied.join(', ')}`);
}

async function copyToPostgres(urlArg: string | undefined): Promise<void> {
  const config = loadConfig();
  const url = urlArg ?? config.databaseUrl;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new UsageError('Angiv PostgreSQL-databasen: npm run cli -- copy-to-postgres postgres://bruger@vært/uldum (eller sæt DATABASE_URL)');
  if (!fs.existsSync(config.databasePath)) throw new UsageError(`SQLite-databasen ${config.databasePath} findes ikke (DATABASE_PATH)`);
  const source = openDatabase(config.databasePath);
  const target = createPostgresDb(createPostgresPool(url, { poolSize: 2, statementTimeoutMs: 0 }));
  try {
    // Refuses a target with rows, and rolls back when a table's count differs.
    const counts = await copySqliteToPostgres(source.raw, source.db, target, (line) => console.log(`  ${line}`));
    const rows = counts.reduce((n, c) => n + c.source, 0);
    console.log(`Kopieret til ${describePostgresUrl(url)}: ${formatCount(counts.length, 'tabel', 'tabeller')}, ${formatCount(rows, 'række', 'rækker')}; antallet passer i hver tabel.`);
    console.log('Start nu serveren med DATABASE_URL sat til den nye database.');
  } catch (err) {
    if (err instanceof TargetNotEmpty) throw new UsageError(err.message);
    throw err;
  } finally {
    await source.db.destroy();
    await target.destroy();
  }
}

async function restore(file: string | undefined): Promise<void> {
  if (!file || !fs.existsSync(file)) throw new UsageError('Angiv en eksisterende sikkerhedskopi');
  const config = loadConfig();
  if (config.databaseUrl) return restorePostgresFrom(config.databaseUrl, path.resolve(file));
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const ok = source.pragma('integrity_check', { simple: true });
    const hasUsers = source.prepare("select 1 from sqlite_master where type = 'table' and name = 'users'").get();
    if (ok !== 'ok' || !hasUsers) throw new UsageError('Filen er ikke en gyldig sikkerhedskopi af Uldum Samskabelse');
    await restoreDatabase(source, config.databasePath);
  } finally {
    source.close();
  }
  const { db } = openDatabase(config.databasePath);
  await migrateToLatest(db);
  await db.destroy();
  console.log(`Databasen ${config.databasePath} er gendannet fra ${file}.`);
}

async function person(sub: string | undefined, idText: string | undefined): Promise<void> {
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError('Angiv personens id');
  const { db } = await openMigrated();
  try {
    if (sub === 'export') console.log(JSON.stringify(await exportPerson(db, id, new Date()), null, 2));
    else if (sub === 'anonymise') {
      console.log(describeAnonymisation(id, await anonymisePerson(db, id, SYSTEM_ACTOR, new Date())));
    } else throw new UsageError(USAGE);
  } finally {
    await db.destroy();
  }
}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate': {
      const { db } = openConfiguredDatabase(loadConfig());
      const applied = await migrateToLatest(db);
      await db.destroy();
      console.log(applied.length ? `Migreret: ${applied.join(', ')}` : 'Databasen er allerede opdateret.');
      return;
    }
    case 'seed': {
      const { db } = await openMigrated();
      try {
        const { created } = await seedPartnership(db, new Date());
        console.log(`Partnerskabet: ${formatCount(created, 'ny post', 'nye poster')}.`);
        if (rest.includes('--demo')) {
          const demo = await seedDemo(db, new Date());
          console.log(`Demoindhold: ${formatCount(demo.created, 'ny post', 'nye poster')}.`);
        }
      } finally {
        await db.destroy();
      }
      return;
    }
    case 'user':
      if (rest[0] !== 'add') throw new UsageError(USAGE);
      return userAdd(rest.slice(1));
    case 'backup':
      return backup(rest[0]);
    case 'restore':
      return restore(rest[0]);
    case 'person':
      return person(rest[0], rest[1]);
    case 'copy-to-postgres':
      return copyToPostgres(rest[0]);
    case 'reindex': {
      const { db } = await openMigrated();
      try {
        console.log(`Søgeindekset er genopbygget: ${formatCount(await rebuildSearchIndex(db), 'post', 'poster')}.`);
      } finally {
        await db.destroy();
      }
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}

run(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) console.error(err.message);
  else if (err instanceof Invalid) console.error(Object.values(err.fieldErrors).join('\n'));
  else console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

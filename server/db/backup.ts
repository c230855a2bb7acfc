// Backups and restores of the whole database.
// SQLITE ADAPTER: VACUUM INTO and file locks are SQLite's; PostgreSQL would use pg_dump/pg_restore.
//
// A backup leaves out what is a key to the running system rather than data: sign-in sessions
// (their ids are live log-ins), the users' calendar addresses (each opens a meeting feed
// without a password), also where an audit entry recorded them, and the reset and invitation
// links' tokens (so a link in a copied outbox message sets no password). It keeps the password hashes,
// so accounts work after a restore; everyone signs in again and makes a new calendar address.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { isBusyError, type Db } from './database';

/** Removes the secrets from a copy (a file nothing else has open), leaving no trace in free pages. */
export function removeSecrets(file: string): void {
  const copy = new SQLite(file);
  try {
    copy.pragma('secure_delete = ON');
    copy.transaction(() => {
      copy.prepare('delete from sessions').run();
      copy.prepare('delete from failures').run(); // typed e-mails and addresses of failed sign-ins
      copy.prepare('update users set calendar_token = null').run();
      copy.prepare('delete from account_tokens').run();
      for (const column of ['before', 'after']) {
        copy
          .prepare(
            `update audit_log set ${column} = json_set(${column}, '$.calendar_token', '[skjult]')
             where entity = 'user' and json_valid(${column}) and json_type(${column}, '$.calendar_token') = 'text'`,
          )
          .run();
      }
    })();
    copy.exec('vacuum');
  } finally {
    copy.close();
  }
}

/** Writes a compacted, consistent copy without secrets to a temporary file and returns its path. */
export async function backupToTempFile(db: Db): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-backup-'));
  const file = path.join(dir, 'uldum.sqlite');
  await sql`vacuum into ${file}`.execute(db);
  removeSecrets(file);
  return file;
}

/** The database is open in another process (the server, a CLI job): a restore would be undone. */
export class DatabaseInUse extends Error {
  constructor() {
    super('Databasen er i brug af en anden proces (kører serveren?). Stop serveren først, og prøv igen.');
  }
}

/** Refuses unless this process can lock the database file exclusively; returns the held lock. */
function lockExclusively(target: string): SQLite.Database {
  const lock = new SQLite(target, { timeout: 0 });
  try {
    // In exclusive locking mode the locks are kept until close. Leaving WAL needs every other
    // connection gone, even idle ones; BEGIN EXCLUSIVE then takes the file's exclusive lock.
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.pragma('journal_mode = DELETE');
    lock.exec('begin exclusive');
    lock.exec('commit');
    return lock;
  } catch (err) {
    lock.close();
    throw isBusyError(err) ? new DatabaseInUse() : err;
  }
}

/**
 * Replaces the database file with a copy of `source` (already checked by the caller). The copy is
 * written beside the target first; the target is then swapped while this process holds its
 * exclusive lock, so a server or CLI job that has it open makes the restore refuse instead of
 * undoing it later.
 */
export async function restoreDatabase(source: SQLite.Database, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  lockExclusively(target).close(); // refuse before the slow copy
  const staged = `${target}.restore-${process.pid}`;
  fs.rmSync(staged, { force: true });
  try {
    await source.backup(staged);
    const lock = lockExclusively(target);
    try {
      // A left-over WAL belongs to the old file and must never be replayed onto the new one.
      for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true });
      fs.renameSync(staged, target);
    } finally {
      lock.close();
    }
  } finally {
    fs.rmSync(staged, { force: true });
  }
}

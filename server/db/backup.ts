// A consistent copy of the whole database while the server runs.
// SQLITE ADAPTER: VACUUM INTO is SQLite's online copy; PostgreSQL would use pg_dump instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from './database';

/** Writes a compacted, consistent copy to a temporary file and returns its path. */
export async function backupToTempFile(db: Db): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uldum-backup-'));
  const file = path.join(dir, 'uldum.sqlite');
  await sql`vacuum into ${file}`.execute(db);
  return file;
}

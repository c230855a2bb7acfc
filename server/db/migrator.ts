// Runs the migrations of migrations/index.ts with Kysely's Migrator, throwing on failure.
import { Migrator, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations';
import type { Db } from './database';

/** Applied only when the database is new: the moment to seed the partnership. */
export const FIRST_MIGRATION = Object.keys(migrations)[0];

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Migrates to the latest version; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'ukendt';
    throw new Error(`Migration ${failed} fejlede: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

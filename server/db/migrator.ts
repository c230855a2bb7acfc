// Runs the migrations of migrations/index.ts with Kysely's Migrator, throwing on failure. The same
// list creates both schemas; where a migration must be written for PostgreSQL apart (the search
// index), migrations/index.ts lists the variant and it runs in that migration's place.
import { Migrator, type MigrationProvider } from 'kysely';
import { migrations, postgresVariants } from '../../migrations';
import type { Db } from './database';
import { dialectOf } from './dialect';

/** Applied only when the database is new: the moment to seed the partnership. */
export const FIRST_MIGRATION = Object.keys(migrations)[0];

function providerFor(db: Db): MigrationProvider {
  const list = dialectOf(db) === 'postgres' ? { ...migrations, ...postgresVariants } : migrations;
  return { getMigrations: async () => list };
}

/** Migrates to the latest version; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider: providerFor(db) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'ukendt';
    throw new Error(`Migration ${failed} fejlede: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

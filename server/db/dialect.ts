// Which database a Kysely instance (or transaction) talks to, for the adapters that must differ
// (search, backup, migrations 0005). Read from Kysely's own adapter, so nothing is passed around.
import { PostgresAdapter, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

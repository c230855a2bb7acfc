// Indexes for the large lists and the overview: follow-up actions in due order (no due date
// last), and actions by when they were opened and closed (the overview's monthly chart).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An expression index, valid in SQLite and PostgreSQL alike; it matches the ORDER BY of /actions.
  await sql`create index actions_due_order on actions ((case when due_date is null then 1 else 0 end), due_date, id)`.execute(db);
  await db.schema.createIndex('actions_created').on('actions').column('created_at').execute();
  await db.schema.createIndex('actions_completed').on('actions').column('completed_at').execute();
}

// Indexes for the overdue lists and "my actions": open actions by due date (a partial index, so
// an overdue list stops after one page) and an owner's actions by status and due date.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Partial index, valid in SQLite and PostgreSQL alike; queries must say
  // `status in ('aaben', 'i_gang')` with literal values for the planner to use it.
  await sql`create index actions_open_due on actions (due_date, id) where status in ('aaben', 'i_gang')`.execute(db);
  await db.schema.createIndex('actions_owner_status_due').on('actions').columns(['owner_id', 'status', 'due_date']).execute();
}

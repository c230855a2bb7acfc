// Indexes for the overdue lists and "my actions": open actions by due date (partial indexes, so
// an overdue list or a person's first open actions stop after one page instead of sorting all).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Partial indexes, valid in SQLite and PostgreSQL alike; queries must say
  // `status in ('aaben', 'i_gang')` with literal values for the planner to use them.
  await sql`create index actions_open_due on actions (due_date, id) where status in ('aaben', 'i_gang')`.execute(db);
  // In the order of the overview's "my actions": by due date, those without one last.
  await sql`create index actions_open_owner_due on actions (owner_id, (case when due_date is null then 1 else 0 end), due_date, id) where status in ('aaben', 'i_gang')`.execute(db);
}

// Roles that grow: graded progress markers per role (outcome mapping's three levels: 1 "forventer
// at se", 2 "vil gerne se", 3 "ville elske at se"), and role evidence that may be tied to one.
// The proposal of markers is reference data, put in by seeds/role-markers.ts.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('role_markers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('role_key', 'text', (c) => c.notNull().references('roles.key'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // Order within the role and level; ties fall back to id.
    .addColumn('position', 'integer', (c) => c.notNull())
    // A retired marker leaves the evidence form; the evidence tied to it keeps it.
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_markers_role').on('role_markers').columns(['role_key', 'level', 'position']).execute();

  await db.schema.alterTable('role_evidence').addColumn('marker_id', 'integer', (c) => c.references('role_markers.id')).execute();
  await db.schema.createIndex('role_evidence_marker').on('role_evidence').columns(['role_key', 'marker_id']).execute();
}

// Recognises a foreign-key violation from the database driver.
// DATABASE ADAPTER: SQLite's and PostgreSQL's codes for the same thing.

export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

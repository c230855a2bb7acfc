/**
 * The integration suite on PostgreSQL (npm run test:pg, which starts a throw-away cluster with
 * scripts/with-postgres.sh). The same tests as jest.config.js, on a PostgreSQL database each,
 * except those that test the SQLite adapter itself (they run on the SQLite run).
 */
const base = require('./jest.config.js');

const SQLITE_ONLY = [
  // The audit rule's checker reads SQLite's triggers; the rule holds for the same code on both.
  '/test/architecture/',
  // SQLite's statement cache, lock waits, file backups and restores, and the SQLite CLI.
  '/test/db/statement-cache.test.ts',
  '/test/db/lock-wait.test.ts',
  '/test/admin/backup.test.ts',
  '/test/cli/',
];

module.exports = { ...base, testPathIgnorePatterns: [...base.testPathIgnorePatterns, ...SQLITE_ONLY] };

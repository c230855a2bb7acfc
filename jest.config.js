/** Unit and integration tests (supertest). Browser tests run separately: npm run test:e2e. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // A safeguard, not a speed test: on a busy 2-core machine a suite that renders PDFs or starts a
  // child process can take several seconds. Speed is measured by `npm run bench`.
  testTimeout: 30_000,
  // Every write in a test must record its audit row (test/helpers/audit-rule.ts).
  setupFilesAfterEnv: ['<rootDir>/test/helpers/audit-rule-setup.ts'],
};

/** Unit and integration tests (supertest). Browser tests run separately: npm run test:e2e. */
// ESM-only packages compiled to CommonJS for jest (test/helpers/esm-to-cjs.js): openid-client and
// oidc-provider with theirs, and otplib's two (its CommonJS build requires them).
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose', 'oidc-provider', '@scure/base', '@noble/hashes'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: '<rootDir>/test/helpers/esm-to-cjs.js',
  },
  // Ignored: a package under node_modules that is not one of those, nor holds one in its own node_modules.
  transformIgnorePatterns: [`/node_modules/(?!(?:${ESM_ONLY.join('|')})/)(?!.*/node_modules/(?:${ESM_ONLY.join('|')})/)`],
  // A safeguard, not a speed test: on a busy 2-core machine a suite that renders PDFs or starts a
  // child process can take several seconds. Speed is measured by `npm run bench`.
  testTimeout: 30_000,
  // Every write in a test must record its audit row (test/helpers/audit-rule.ts).
  setupFilesAfterEnv: ['<rootDir>/test/helpers/audit-rule-setup.ts', '<rootDir>/test/helpers/postgres-setup.ts'],
};

/** Browser tests in real Chromium (npm run test:e2e). Unit and integration tests: jest.config.js. */
module.exports = {
  testEnvironment: '<rootDir>/test/e2e/helpers/environment.ts',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/e2e/helpers/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/e2e/helpers/setup.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // Real browsers and a real server process are slower than supertest.
  testTimeout: 60_000,
  maxWorkers: 1,
};

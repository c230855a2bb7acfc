/** Browser tests in real Chromium (npm run test:e2e). Unit and integration tests: jest.config.js. */
// ESM-only packages compiled to CommonJS for jest (test/helpers/esm-to-cjs.js); the server
// itself runs under tsx and loads them as ESM.
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose', 'oidc-provider', '@scure/base', '@noble/hashes'];

module.exports = {
  testEnvironment: '<rootDir>/test/e2e/helpers/environment.ts',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/e2e/helpers/global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/e2e/helpers/setup.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: '<rootDir>/test/helpers/esm-to-cjs.js',
  },
  // Ignored: a package under node_modules that is not one of those, nor holds one in its own node_modules.
  transformIgnorePatterns: [`/node_modules/(?!(?:${ESM_ONLY.join('|')})/)(?!.*/node_modules/(?:${ESM_ONLY.join('|')})/)`],
  // Real browsers and a real server process are slower than supertest.
  testTimeout: 60_000,
  maxWorkers: 1,
};

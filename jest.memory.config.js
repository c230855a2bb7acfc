/**
 * Memory tests: a real server started as `npm start` starts it, its peak RSS held to the SPEC's
 * limit. They run after the other tests and one at a time, so that no other test competes for the
 * two cores and the measurement is the server's alone (npm test runs them).
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['**/*.memory.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
};

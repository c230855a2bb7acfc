// The browser-test harness: a real server, real Chromium, and pages that check themselves.
export { checkA11y } from './a11y';
export { checkPage, navigate, newPage, signInAs, visit } from './browser';
export { createUserViaCli, startServer, type TestServer } from './server';

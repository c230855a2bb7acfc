// The browser-test harness: a real server, real Chromium, and pages that check themselves.
export { checkA11y } from './a11y';
export { checkPage, download, navigate, newPage, signInAs, signOut, visit } from './browser';
export { createUserViaCli, runCli, startServer, type TestServer } from './server';

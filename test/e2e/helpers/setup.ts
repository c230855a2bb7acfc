// Runs in every browser-test file: close the test's pages after each test, and the browser and
// any server still running after the file.
import { closeBrowser, closePages } from './browser';
import { e2eState } from './state';

afterEach(closePages);

afterAll(async () => {
  // A copy: stop() takes each server off the list.
  await Promise.all([...e2eState().servers].map((server) => server.stop()));
  await closeBrowser();
});

// Where the browser tests find Chromium and the project, and where failure artefacts go.
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const ARTEFACTS_DIR = path.join(ROOT, 'test-results', 'e2e');

/** Debian's Chromium; Playwright's own browser download does not work on our machines. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

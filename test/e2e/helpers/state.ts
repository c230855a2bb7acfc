// What the test side shares with the jest environment (which saves failure artefacts): the open
// pages and the running servers (for their logs), kept on the test's global object.
import type { Page } from 'playwright-core';
import type { TestServer } from './server';

export interface E2eState {
  pages: Page[];
  servers: TestServer[];
  /** Set by the environment when the current test has failed. */
  currentTestFailed: boolean;
}

const KEY = '__uldumE2e';

export function e2eState(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): E2eState {
  scope[KEY] ??= { pages: [], servers: [], currentTestFailed: false } satisfies E2eState;
  return scope[KEY] as E2eState;
}

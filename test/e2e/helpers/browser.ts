// Chromium for the browser tests, and pages that check themselves: every document a page loads
// must pass checkPage (axe, structure, no script errors) before the test ends.
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { a11yProblems, structureProblems } from './a11y';
import { chromiumPath } from './paths';
import type { TestServer } from './server';
import { e2eState } from './state';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface PageRecord {
  /** Every document the page loaded, in order, and whether checkPage has run on it. */
  documents: Array<{ url: string; checked: boolean }>;
  /** Script errors and CSP refusals since the last check. */
  scriptProblems: string[];
}

let browser: Promise<Browser> | undefined;
const records = new WeakMap<Page, PageRecord>();

function launch(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: chromiumPath(), headless: true, args: LAUNCH_ARGS });
  return browser;
}

/** A page in its own browser context (own cookies), with relative URLs resolved against the server. */
export async function newPage(server: Pick<TestServer, 'baseUrl'>): Promise<Page> {
  const context = await (await launch()).newContext({ baseURL: server.baseUrl, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
  const page = await context.newPage();
  const record: PageRecord = { documents: [], scriptProblems: [] };
  records.set(page, record);
  page.on('domcontentloaded', () => record.documents.push({ url: page.url(), checked: false }));
  page.on('pageerror', (err) => record.scriptProblems.push(`  script error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      record.scriptProblems.push(`  CSP refusal: ${message.text()}`);
    }
  });
  e2eState().pages.push(page);
  return page;
}

/** Checks the page's current document: axe, lang, title, one h1, a main landmark, no script errors. */
export async function checkPage(page: Page): Promise<void> {
  const record = records.get(page);
  if (!record) throw new Error('checkPage needs a page made by newPage()');
  const problems = [...(await structureProblems(page)), ...(await a11yProblems(page)), ...record.scriptProblems.splice(0)];
  const current = record.documents.at(-1);
  if (current) current.checked = true;
  if (problems.length) throw new Error(`Problems on ${page.url()}:\n${problems.join('\n')}`);
}

/** Opens a URL (relative to the server) and checks the page. */
export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await checkPage(page);
}

/** Runs an action that loads a new document (a click, Enter in a form) and checks that document. */
export async function navigate(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
  await checkPage(page);
}

/** Signs in through the login page (both pages are checked). */
export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await visit(page, '/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(password);
  await navigate(page, () => page.getByRole('button', { name: 'Log ind' }).click());
  if (new URL(page.url()).pathname === '/login') {
    throw new Error(`Signing in as ${email} failed: ${await page.locator('main').innerText()}`);
  }
}

/** Signs out with the header's button; the login page is checked. */
export async function signOut(page: Page): Promise<void> {
  await navigate(page, () => page.getByRole('button', { name: 'Log ud' }).click());
  if (new URL(page.url()).pathname !== '/login') throw new Error(`Signing out ended at ${page.url()}, not /login`);
}

/** Runs an action that starts a download (e.g. a click on a "PDF" link); returns the suggested file name and the bytes. */
export async function download(page: Page, action: () => Promise<unknown>): Promise<{ fileName: string; body: Buffer }> {
  const [started] = await Promise.all([page.waitForEvent('download'), action()]);
  const failure = await started.failure();
  if (failure) throw new Error(`The download from ${started.url()} failed: ${failure}`);
  return { fileName: started.suggestedFilename(), body: fs.readFileSync(await started.path()) };
}

/** Closes the test's pages; if the test passed, every document they loaded must have been checked. */
export async function closePages(): Promise<void> {
  const state = e2eState();
  const pages = state.pages.splice(0);
  const unchecked = state.currentTestFailed
    ? []
    : pages.flatMap((page) => (records.get(page)?.documents ?? []).filter((d) => !d.checked).map((d) => d.url));
  await Promise.all(pages.map((page) => page.context().close()));
  if (unchecked.length) {
    throw new Error(`Pages loaded but never checked (use visit() or navigate()):\n  ${unchecked.join('\n  ')}`);
  }
}

export async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = undefined;
  if (open) await (await open).close();
}

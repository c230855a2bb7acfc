// The jest environment for browser tests: when a test fails, it saves a full-page screenshot and
// the HTML of each open page, plus the server's log, into test-results/e2e/<test name>/.
import fs from 'node:fs';
import path from 'node:path';
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';
import { ARTEFACTS_DIR } from './paths';
import { e2eState } from './state';

function fullName(test: Circus.TestEntry): string {
  const names = [test.name];
  for (let block = test.parent; block && block.parent; block = block.parent) names.unshift(block.name);
  return names.join(' ');
}

function folderName(name: string): string {
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'test';
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export default class BrowserTestEnvironment extends NodeEnvironment {
  async handleTestEvent(event: Circus.AsyncEvent | Circus.SyncEvent): Promise<void> {
    if (event.name === 'test_start') this.state().currentTestFailed = false;
    if (event.name === 'test_fn_failure') await this.saveArtefacts(event.test, event.error);
    if (event.name === 'hook_failure' && event.test) await this.saveArtefacts(event.test, event.error);
  }

  private state() {
    return e2eState(this.global as unknown as Record<string, unknown>);
  }

  private async saveArtefacts(test: Circus.TestEntry, error: unknown): Promise<void> {
    const state = this.state();
    state.currentTestFailed = true;
    const name = fullName(test);
    const dir = path.join(ARTEFACTS_DIR, folderName(name));
    fs.mkdirSync(dir, { recursive: true });
    const info = [`test: ${name}`, ''];
    const pages = state.pages.filter((page) => !page.isClosed());
    for (const [i, page] of pages.entries()) {
      const prefix = pages.length > 1 ? `page-${i + 1}-` : '';
      info.push(`${prefix || 'page '}url: ${page.url()}`);
      try {
        await page.screenshot({ path: path.join(dir, `${prefix}screenshot.png`), fullPage: true, timeout: 10_000 });
        fs.writeFileSync(path.join(dir, `${prefix}page.html`), await page.content());
      } catch (err) {
        info.push(`  (could not save the page: ${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
      }
    }
    for (const [i, server] of state.servers.entries()) {
      fs.writeFileSync(path.join(dir, state.servers.length > 1 ? `server-${i + 1}.log` : 'server.log'), server.log());
    }
    info.push('', describeError(error), '');
    fs.writeFileSync(path.join(dir, 'failure.txt'), info.join('\n'));
    process.stderr.write(`\nBrowser test failed: "${name}". Failure artefacts (screenshot, HTML, server log): ${dir}\n`);
  }
}

// The checks every page the browser tests visit must pass: axe-core finds no serious or critical
// violation, and the page has lang="da", a title, one h1 and a main landmark.
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FAILING_IMPACTS = new Set(['serious', 'critical']);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page. page.addScriptTag would add an inline <script>, which the app's CSP
 * (script-src 'self') rightly blocks; evaluating the source over the DevTools protocol is not
 * subject to the page's CSP, so the tests need no bypassCSP and still see what the CSP blocks.
 */
export async function checkA11y(page: Page): Promise<void> {
  const problems = await a11yProblems(page);
  if (problems.length) throw new Error(`Accessibility problems on ${page.url()}:\n${problems.join('\n')}`);
}

export async function a11yProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations
    .filter((v) => v.impact && FAILING_IMPACTS.has(v.impact))
    .map((v) => {
      const nodes = v.nodes.map((n) => `      ${n.target.map(String).join(' ')}`).join('\n');
      return `  axe ${v.id} (${v.impact}): ${v.help} <${v.helpUrl}>\n${nodes}`;
    });
}

/** The page structure a screen-reader user relies on. */
export async function structureProblems(page: Page): Promise<string[]> {
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    title: document.title.trim(),
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role="main"]').length,
  }));
  const problems: string[] = [];
  if (facts.lang !== 'da') problems.push(`  <html lang> is "${facts.lang ?? ''}", not "da"`);
  if (!facts.title) problems.push('  <title> is empty');
  if (facts.h1 !== 1) problems.push(`  the page has ${facts.h1} <h1> elements, not exactly one`);
  if (facts.main !== 1) problems.push(`  the page has ${facts.main} main landmarks, not exactly one`);
  return problems;
}

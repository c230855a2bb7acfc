// Forms after an error and deleting, in a real browser: a failed submit says "Fejl:" in the title
// and puts focus on the error summary; a delete asks on a page of its own (a link and a form, no
// dialog), and "Fortryd" leaves the record alone.
import type { Page } from 'playwright-core';
import { createUserViaCli, navigate, newPage, signInAs, startServer, visit, type TestServer } from './helpers';

const CONSULTANT = { email: 'konsulent@uldum.test', password: 'en-lang-adgangskode', role: 'konsulent', name: 'Kim Konsulent' } as const;

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

describe('forms with errors, and deleting', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await createUserViaCli(server, CONSULTANT);
  });

  test('a failed submit focuses the error summary; a delete asks first and can be undone', async () => {
    const page = await newPage(server);
    page.on('dialog', (dialog) => {
      throw new Error(`no dialog expected, got: ${dialog.message()}`);
    });
    await signInAs(page, CONSULTANT.email, CONSULTANT.password);

    // A person without a name: 422, "Fejl:" first in the title, focus on the summary.
    await visit(page, '/people/new');
    await navigate(page, () => page.getByRole('button', { name: 'Gem' }).click());
    expect(await page.title()).toBe('Fejl: Ny person · Uldum Samskabelse');
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(focused).toBe('fejlopsummering');
    expect(await page.locator('#fejlopsummering').innerText()).toContain('Skriv personens navn');

    await page.getByLabel(/^Navn/).fill('Pia Prøve');
    await navigate(page, () => page.getByRole('button', { name: 'Gem' }).click());
    expect(await heading(page)).toBe('Pia Prøve');
    const personPath = pathOf(page);
    expect(await page.title()).toBe('Pia Prøve · Uldum Samskabelse');

    // "Slet person" opens the question; "Fortryd" goes back and nothing is deleted.
    await navigate(page, () => page.getByRole('link', { name: 'Slet person' }).click());
    expect(pathOf(page)).toBe(`${personPath}/delete`);
    expect(await heading(page)).toBe('Vil du slette personen Pia Prøve?');
    await navigate(page, () => page.getByRole('link', { name: 'Fortryd' }).click());
    expect(pathOf(page)).toBe(personPath);
    expect(await heading(page)).toBe('Pia Prøve');

    // Asked again, "Slet" deletes.
    await navigate(page, () => page.getByRole('link', { name: 'Slet person' }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Slet' }).click());
    expect(pathOf(page)).toBe('/people');
    expect(await page.getByRole('status').innerText()).toContain('Personen er slettet.');
    await visit(page, `/people?q=${encodeURIComponent('Pia Prøve')}`);
    expect(await page.locator('main').innerText()).not.toContain('Pia Prøve');
  });
});

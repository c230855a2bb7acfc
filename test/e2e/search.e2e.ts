// Search in a real browser: the header's search box with the keyboard alone, the result page
// with its groups, marks and type links, and axe-core on both.
import type { Page } from 'playwright-core';
import { createUserViaCli, navigate, newPage, runCli, signInAs, startServer, visit, type TestServer } from './helpers';

const READER = { email: 'laeser@uldum.test', password: 'en-lang-adgangskode', role: 'laeser', name: 'Lis Læser' } as const;

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

describe('search', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await createUserViaCli(server, READER);
    await runCli(server, ['seed', '--demo']);
  });

  test('the header box finds people and more; a type link narrows the results', async () => {
    const page = await newPage(server);
    await signInAs(page, READER.email, READER.password);
    expect(await heading(page)).toBe('Overblik');

    const box = page.getByRole('search', { name: 'Søg i hele værktøjet' });
    await box.getByLabel('Søg i værktøjet').fill('hanne');
    await navigate(page, () => box.getByRole('button', { name: 'Søg' }).click());
    expect(new URL(page.url()).pathname).toBe('/search');
    expect(await heading(page)).toBe('Søg');
    expect(await page.getByLabel('Søg efter').inputValue()).toBe('hanne');
    const people = page.getByRole('region', { name: 'Personer' });
    expect(await people.getByRole('link', { name: 'Hanne M. Petersen' }).count()).toBe(1);
    expect(await people.locator('mark').first().innerText()).toBe('Hanne');

    const types = page.getByRole('navigation', { name: 'Resultater efter type' });
    await navigate(page, () => types.getByRole('link', { name: /^Personer \(\d+\)$/ }).click());
    expect(new URL(page.url()).searchParams.get('type')).toBe('person');
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Personer']);

    // Hostile text is just text.
    await page.getByLabel('Søg efter').fill('"NEAR(*) -- ');
    await navigate(page, () => page.getByRole('search', { name: 'Søg og filtrér resultaterne' }).getByRole('button', { name: 'Søg' }).click());
    expect(await page.getByRole('status').innerText()).toContain('Ingen resultater');
  });

  test('with the keyboard alone: Tab reaches the search box from the top of a page', async () => {
    const page = await newPage(server);
    await signInAs(page, READER.email, READER.password);
    await visit(page, '/meetings');
    const field = page.getByLabel('Søg i værktøjet');
    for (let i = 0; i < 40 && !(await field.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('plejecentret');
    await navigate(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).searchParams.get('q')).toBe('plejecentret');
    expect(await page.locator('.search-hit').count()).toBeGreaterThan(0);
  });
});

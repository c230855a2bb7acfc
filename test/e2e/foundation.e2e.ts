// The foundation in a real browser: first start and setup, browsing people and organisations,
// a person form with a wrong e-mail, signing out, and signing in with the keyboard alone.
import type { Locator, Page } from 'playwright-core';
import { createUserViaCli, navigate, newPage, signInAs, startServer, visit, type TestServer } from './helpers';

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

describe('first start', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });

  test('the first administrator is created, browses, adds a person and signs out', async () => {
    const page = await newPage(server);

    // A new installation sends every page to /setup.
    await visit(page, '/');
    expect(pathOf(page)).toBe('/setup');
    await page.getByLabel('Dit navn').fill('Anne Admin');
    await page.getByLabel('E-mail').fill('anne@uldum.test');
    await page.getByLabel(/^Adgangskode/).fill('en-lang-adgangskode');
    await page.getByLabel('Gentag adgangskode').fill('en-lang-adgangskode');
    await navigate(page, () => page.getByRole('button', { name: 'Opret administrator' }).click());
    expect(pathOf(page)).toBe('/');
    expect(await heading(page)).toBe('Overblik');

    // People and organisations through the main navigation.
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await navigate(page, () => nav.getByRole('link', { name: 'Personer' }).click());
    expect(await heading(page)).toBe('Personer');
    await navigate(page, () => page.getByRole('link', { name: 'Hanne M. Petersen' }).click());
    expect(await heading(page)).toBe('Hanne M. Petersen');

    await navigate(page, () => nav.getByRole('link', { name: 'Organisationer' }).click());
    expect(await heading(page)).toBe('Organisationer');
    await navigate(page, () => page.getByRole('link', { name: 'Skolen i Uldum' }).click());
    expect(await heading(page)).toBe('Skolen i Uldum');

    // A wrong e-mail is refused beside its field, and what was typed is kept.
    await navigate(page, () => nav.getByRole('link', { name: 'Personer' }).click());
    await navigate(page, () => page.getByRole('link', { name: 'Ny person' }).click());
    expect(await heading(page)).toBe('Ny person');
    await page.getByLabel(/^Navn/).fill('Hanne Hjælper');
    await page.getByLabel('E-mail').fill('hanne@');
    await navigate(page, () => page.getByRole('button', { name: 'Gem' }).click());
    expect(await heading(page)).toBe('Ny person');
    const email = page.getByLabel('E-mail');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).innerText()).toContain('Skriv en gyldig e-mailadresse');
    expect(await page.getByLabel(/^Navn/).inputValue()).toBe('Hanne Hjælper');
    expect(await email.inputValue()).toBe('hanne@');

    await email.fill('hanne@uldum.test');
    await navigate(page, () => page.getByRole('button', { name: 'Gem' }).click());
    expect(pathOf(page)).toMatch(/^\/people\/\d+$/);
    expect(await heading(page)).toBe('Hanne Hjælper');
    expect(await page.getByRole('status').innerText()).toContain('Personen er oprettet.');

    // Signing out ends at the login page; the password still works afterwards.
    await navigate(page, () => page.getByRole('button', { name: 'Log ud' }).click());
    expect(pathOf(page)).toBe('/login');
    expect(await heading(page)).toBe('Log ind');
    await signInAs(page, 'anne@uldum.test', 'en-lang-adgangskode');
    expect(await heading(page)).toBe('Overblik');
  });
});

describe('the login page with the keyboard alone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await createUserViaCli(server, { email: 'konsulent@uldum.test', password: 'en-lang-adgangskode', role: 'konsulent', name: 'Kim Konsulent' });
  });

  test('Tab reaches the skip link first, then the fields and the button; Enter signs in', async () => {
    const page = await newPage(server);
    await visit(page, '/login');

    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Spring til indhold' });
    expect(await isFocused(skipLink)).toBe(true);
    const box = await skipLink.boundingBox(); // moved on screen when focused
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter'); // jumps to <main>: the next Tab is the first field

    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('E-mail'))).toBe(true);
    await page.keyboard.type('konsulent@uldum.test');
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Adgangskode'))).toBe(true);
    await page.keyboard.type('en-lang-adgangskode');
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('button', { name: 'Log ind' }))).toBe(true);

    await navigate(page, () => page.keyboard.press('Enter'));
    expect(pathOf(page)).toBe('/');
    expect(await heading(page)).toBe('Overblik');
  });
});

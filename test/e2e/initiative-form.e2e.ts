// The initiative form in a real browser: the trial-action fields show only while the type is
// prøvehandling (public/app.js), and an ordinary initiative is saved without them.
import { createUserViaCli, navigate, newPage, signInAs, startServer, visit, type TestServer } from './helpers';

const CONSULTANT = { email: 'konsulent@uldum.test', password: 'en-lang-adgangskode', role: 'konsulent', name: 'Kamilla Konsulent' } as const;

describe('the initiative form', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await createUserViaCli(server, CONSULTANT);
  });

  test('shows the trial-action fields only for a prøvehandling', async () => {
    const page = await newPage(server);
    await signInAs(page, CONSULTANT.email, CONSULTANT.password);
    await visit(page, '/initiatives/new');
    const trial = page.getByRole('group', { name: /^Prøvehandling/ });
    expect(await trial.isVisible()).toBe(false);
    await page.getByLabel(/^Type/).selectOption('proevehandling');
    expect(await trial.isVisible()).toBe(true);
    await page.getByLabel('Hypotese').fill('Mindre skema giver mere tid.');
    await page.getByLabel(/^Type/).selectOption('initiativ');
    expect(await trial.isVisible()).toBe(false);

    await page.getByLabel(/^Titel/).fill('Gåtur til postkassen');
    await page.getByLabel(/^Status/).selectOption('planlagt');
    await navigate(page, () => page.getByRole('button', { name: 'Opret' }).click());
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Gåtur til postkassen');
    expect(await page.locator('main').innerText()).toContain('Planlagt');
    expect(await page.locator('main').innerText()).not.toContain('Mindre skema giver mere tid.');
  });
});

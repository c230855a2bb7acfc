// Signing in with the organisation's own account in a real browser: the app's server gets its
// OpenID provider from the environment (OIDC_1_…, as at a first start), a real provider runs in
// the test process (test/helpers/oidc-provider), and Chromium goes the whole way: the button on
// the login page, the provider's login, back signed in, and "Log ud" that ends the session at
// the provider too. The login page is photographed at desktop width and at 390 px.
import fs from 'node:fs';
import net from 'node:net';
import type { Page } from 'playwright-core';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider';
import { checkPage, createUserViaCli, navigate, newPage, startServer, visit, type TestServer } from './helpers';

const SHOTS = '/tmp/shots';
const SECRET = 'hemmelig-hedensted-e2e-0123456789';

/** A port free at this moment: the provider's issuer must be known before the app starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

let server: TestServer;
let provider: TestProvider;

beforeAll(async () => {
  const port = await freePort();
  server = await startServer({
    env: {
      OIDC_1_NAME: 'Hedensted Kommune',
      OIDC_1_SLUG: 'hedensted',
      OIDC_1_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_1_CLIENT_ID: 'uldum',
      OIDC_1_CLIENT_SECRET: SECRET,
      OIDC_1_SCOPES: 'openid email profile roles',
      OIDC_1_ROLE_CLAIM: 'roles',
      OIDC_1_ROLE_MAP: 'Uldum.Konsulent=konsulent,Uldum.Repraesentant=repraesentant',
      OIDC_1_ALLOW_LINKING: '1',
    },
  });
  provider = await startTestProvider([{ clientId: 'uldum', clientSecret: SECRET, appUrl: server.baseUrl, slugs: ['hedensted'] }], { port });
  // An administrator exists (no /setup), and a læser the provider's verified e-mail links to.
  await createUserViaCli(server, { email: 'admin@uldum.test', password: 'en-lang-adgangskode', role: 'admin', name: 'Anne Admin' });
  await createUserViaCli(server, { email: 'mette@hedensted.dk', password: 'en-lang-adgangskode', role: 'laeser', name: 'Mette Madsen' });
  provider.people['mette'] = { email: 'mette@hedensted.dk', email_verified: true, name: 'Mette Madsen', roles: ['Uldum.Konsulent'] };
});

afterAll(() => provider?.stop());

test('the login page offers the provider above the password form, at desktop width and on a phone', async () => {
  expect(server.log()).toContain('Log ind-udbydere tilføjet fra miljøet: Hedensted Kommune.');
  fs.mkdirSync(SHOTS, { recursive: true });
  const page = await newPage(server);
  for (const [name, width] of [['desktop', 1280], ['phone', 390]] as const) {
    await page.setViewportSize({ width, height: 844 });
    await visit(page, '/login');
    const button = page.getByRole('link', { name: 'Log ind med Hedensted Kommune' });
    const email = page.getByLabel('E-mail');
    const [buttonBox, emailBox] = [await button.boundingBox(), await email.boundingBox()];
    expect(buttonBox!.y + buttonBox!.height).toBeLessThan(emailBox!.y);
    expect(await page.getByRole('heading', { level: 2 }).innerText()).toBe('Eller log ind med e-mail og adgangskode');
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${SHOTS}/login-oidc-${name}.png`, fullPage: true });
  }
});

test('signs in through the provider, lands where it was going with the mapped role, and signs out there too', async () => {
  const page = await newPage(server);
  // A page that needs a sign-in sends to /login, and the button carries where the person was going.
  await visit(page, '/people/new');
  expect(pathOf(page)).toBe('/login');
  await navigate(page, () => page.getByRole('link', { name: 'Log ind med Hedensted Kommune' }).click());
  expect(new URL(page.url()).origin).toBe(provider.issuer);
  expect(await heading(page)).toBe('Log ind hos testudbyderen');
  await page.getByLabel('Brugernavn').fill('mette');
  await navigate(page, () => page.getByRole('button', { name: 'Fortsæt' }).click());

  // Back in the app, signed in, as a konsulent (the role claim), on the page she asked for.
  expect(new URL(page.url()).origin).toBe(server.baseUrl);
  expect(pathOf(page)).toBe('/people/new');
  expect(await heading(page)).toBe('Ny person');
  await visit(page, '/profile/sessions');
  const current = page.getByRole('row').filter({ hasText: 'Denne browser' });
  expect(await current.innerText()).toContain('Organisationens konto');

  // "Log ud" ends the session here and shows a page of the app's own that goes on to the
  // provider by itself. That first attempt is answered 204 here (the browser stays on the page,
  // so it can be checked); the page's button goes on the same way.
  let wentOn!: (url: string) => void;
  const refreshed = new Promise<string>((resolve) => (wentOn = resolve));
  const endSession = (url: URL) => url.origin === provider.issuer && url.pathname === '/session/end';
  await page.route(endSession, (route) => {
    wentOn(route.request().url());
    return route.fulfill({ status: 204 });
  });
  await navigate(page, () => page.getByRole('banner').getByRole('button', { name: 'Log ud' }).click());
  expect(pathOf(page)).toBe('/logout/provider');
  expect(await heading(page)).toBe('Du er logget ud af Uldum Samskabelse');
  const onward = page.getByRole('link', { name: 'Log ud hos Hedensted Kommune' });
  expect(await refreshed).toBe(await onward.getAttribute('href'));
  await page.unroute(endSession);
  await navigate(page, () => onward.click());
  expect(new URL(page.url()).origin).toBe(provider.issuer);
  expect(await heading(page)).toBe('Log ud hos testudbyderen');
  await navigate(page, () => page.getByRole('button', { name: 'Ja, log ud' }).click());
  expect(page.url()).toBe(`${server.baseUrl}/login`);
  expect(await heading(page)).toBe('Log ind');

  // Signed out in the app: a page sends to /login again.
  await visit(page, '/people/new');
  expect(pathOf(page)).toBe('/login');
  // And at the provider: the button asks for the login there again.
  await navigate(page, () => page.getByRole('link', { name: 'Log ind med Hedensted Kommune' }).click());
  expect(await heading(page)).toBe('Log ind hos testudbyderen');
});

// A representative reviews the partnership in a real browser (issue 7): the overview's numbers lead
// to the lists behind them, an initiative, a role, search from the header, and the status report as
// PDF; and the overview works from the keyboard. The data is the demo content (`seed --demo`) plus
// two overdue follow-up actions posted over HTTP by the consultant.
import { request, type APIRequestContext, type Locator, type Page } from 'playwright-core';
import { createUserViaCli, download, navigate, newPage, runCli, signInAs, startServer, type TestServer } from './helpers';

const PASSWORD = 'en-lang-adgangskode';
const CONSULTANT = { email: 'konsulent@uldum.test', password: PASSWORD, role: 'konsulent', person: 'Konsulent på Uldumprojektet' } as const;
const HANNE = { email: 'hanne@foa.test', password: PASSWORD, role: 'repraesentant', person: 'Hanne M. Petersen' } as const;
const DEMO_MEETING = 'Arbejdsgruppe: samskabelse på plejecentret';

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The CSRF token the page's forms carry. */
async function csrfOf(api: APIRequestContext, url: string): Promise<{ html: string; token: string }> {
  const response = await api.get(url);
  if (!response.ok()) throw new Error(`GET ${url}: ${response.status()}`);
  const html = await response.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`No CSRF token on ${url}`);
  return { html, token };
}

async function post(api: APIRequestContext, url: string, form: Record<string, string>): Promise<string> {
  const response = await api.post(url, { form });
  if (!response.ok() || new URL(response.url()).pathname === new URL(url, 'http://x').pathname) {
    throw new Error(`POST ${url} did not redirect to a page: ${response.status()} ${response.url()}`);
  }
  return response.text();
}

/** Two overdue actions on the demo meeting, one of them Hanne's, posted through the forms as the consultant would. */
async function addOverdueActions(server: TestServer): Promise<void> {
  const api = await request.newContext({ baseURL: server.baseUrl });
  try {
    const login = await csrfOf(api, '/login');
    await post(api, '/login', { _csrf: login.token, email: CONSULTANT.email, password: CONSULTANT.password });
    const meetings = await api.get('/meetings');
    const meetingId = new RegExp(`href="/meetings/(\\d+)">${escapeRegExp(DEMO_MEETING)}<`).exec(await meetings.text())?.[1];
    if (!meetingId) throw new Error(`The demo meeting "${DEMO_MEETING}" is not on /meetings`);
    const form = await csrfOf(api, `/meetings/${meetingId}/actions/new`);
    const hanneId = /<option value="(\d+)"\s*>Hanne M\. Petersen \(FOA\)<\/option>/.exec(form.html)?.[1];
    if (!hanneId) throw new Error('Hanne is not among the owners');
    for (const [text, owner, due] of [
      ['Send evalueringen af brunchen til FOA', hanneId, daysAgo(10)],
      ['Aftal næste prøvehandling med køkkenet', '', daysAgo(3)],
    ]) {
      await post(api, `/meetings/${meetingId}/actions`, { _csrf: form.token, text, owner_id: owner, due_date: due, status: 'aaben', agenda_item_id: '', initiative_id: '' });
    }
  } finally {
    await api.dispose();
  }
}

describe('a representative reviews the partnership', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await Promise.all([runCli(server, ['seed', '--demo']), createUserViaCli(server, CONSULTANT), createUserViaCli(server, HANNE)]);
    await addOverdueActions(server);
  });

  test('numbers lead to their lists; initiative, role, search and the status report as PDF', async () => {
    const page = await newPage(server);
    await signInAs(page, HANNE.email, HANNE.password);
    expect(await heading(page)).toBe('Overblik');

    // ---- The overview's numbers link to the lists behind them ----
    const followUp = page.getByRole('region', { name: 'Mine frister' });
    expect(await followUp.getByRole('link', { name: '1 åbent punkt er mit' }).count()).toBe(1);
    expect(await followUp.getByRole('link', { name: '1 af mine er overskredet' }).count()).toBe(1);
    const overdueLink = followUp.getByRole('link', { name: /^\d+ overskredne i alt$/ });
    const overdue = Number((await overdueLink.innerText()).split(' ')[0]);
    expect(overdue).toBe(4); // two running late in the demo year, and the two posted above
    await navigate(page, () => overdueLink.click());
    expect(pathOf(page)).toBe('/actions');
    expect(await heading(page)).toBe('Opfølgning');
    expect(await page.getByLabel('Kun overskredne').isChecked()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Sider' }).innerText()).toContain(`Viser 1–${overdue} af ${overdue}`);
    const rows = page.getByRole('table').locator('tbody').getByRole('row');
    expect(await rows.count()).toBe(overdue);
    expect(await rows.filter({ hasText: 'overskredet' }).count()).toBe(overdue);
    expect(await rows.filter({ hasText: 'Send evalueringen af brunchen til FOA' }).innerText()).toContain('Hanne M. Petersen');

    // ---- An initiative from the list ----
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await navigate(page, () => nav.getByRole('link', { name: 'Initiativer' }).click());
    expect(await heading(page)).toBe('Initiativer');
    expect(await page.getByRole('link', { name: 'Ny prøvehandling' }).count()).toBe(0); // representatives read
    await navigate(page, () => page.getByRole('link', { name: 'Brunch i plejeboligen' }).click());
    expect(await heading(page)).toBe('Brunch i plejeboligen');
    expect(await page.getByRole('region', { name: 'Prøvehandling' }).innerText()).toContain('Fast morgenmad kl. 7.30 for alle.');
    expect(await page.getByRole('region', { name: 'Effekt' }).getByRole('img', { name: /^Beboere der selv vælger tidspunkt/ }).count()).toBe(1);

    // ---- A role page from "Roller" ----
    await navigate(page, () => nav.getByRole('link', { name: 'Roller' }).click());
    expect(await heading(page)).toBe('Roller');
    await navigate(page, () => page.getByRole('heading', { name: 'Medbygger', level: 3 }).getByRole('link').click());
    expect(pathOf(page)).toBe('/roles/medbygger');
    expect(await heading(page)).toBe('Medbygger');
    const evidence = page.getByRole('region', { name: 'Observationer' });
    expect(await evidence.locator('.evidence').count()).toBe(3);
    expect(await evidence.innerText()).toContain('Aftenvagten på plejecentret');

    // ---- The header's search box: a Danish prefix finds words that start with it, grouped by type ----
    const search = page.getByRole('search', { name: 'Søg i hele værktøjet' });
    await search.getByLabel('Søg i værktøjet').fill('pleje');
    await navigate(page, () => search.getByRole('button', { name: 'Søg' }).click());
    expect(pathOf(page)).toBe('/search');
    expect(await heading(page)).toBe('Søg');
    expect(await page.getByLabel('Søg efter').inputValue()).toBe('pleje');
    const groups = await page.locator('main section.search-group').getByRole('heading', { level: 2 }).allInnerTexts();
    expect(groups).toEqual(expect.arrayContaining(['Initiativer', 'Møder']));
    expect(groups.length).toBeGreaterThanOrEqual(3);
    const byType = page.getByRole('navigation', { name: 'Resultater efter type' });
    expect(await byType.getByRole('link', { name: /^Alle typer \(\d+\)$/ }).count()).toBe(1);
    const initiatives = page.getByRole('region', { name: 'Initiativer' });
    expect(await initiatives.getByRole('link', { name: 'Brunch i plejeboligen' }).count()).toBe(1);
    const marked = (await page.locator('main mark').allInnerTexts()).map((t) => t.toLowerCase());
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((t) => t.startsWith('pleje'))).toBe(true);

    // ---- The status report, and its PDF ----
    await navigate(page, () => nav.getByRole('link', { name: 'Statusrapport' }).click());
    expect(await heading(page)).toBe('Statusrapport');
    const pdf = await download(page, () => page.getByRole('navigation', { name: 'Hent rapporten' }).getByRole('link', { name: 'PDF' }).click());
    expect(pdf.fileName).toMatch(/^statusrapport-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('from the top of the overview, Tab reaches the skip link first and then the search field', async () => {
    const page = await newPage(server);
    await signInAs(page, HANNE.email, HANNE.password); // a freshly loaded overview: focus is at the top
    expect(pathOf(page)).toBe('/');

    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('link', { name: 'Spring til indhold' }))).toBe(true);

    const searchField = page.getByLabel('Søg i værktøjet');
    let presses = 1;
    while (!(await isFocused(searchField)) && presses < 30) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await isFocused(searchField)).toBe(true);
    // The brand, the main menu's links, then the search field.
    const links = await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link').count();
    expect(presses).toBeLessThanOrEqual(1 + 1 + links + 1);

    await page.keyboard.type('brunch');
    await navigate(page, () => page.keyboard.press('Enter'));
    expect(pathOf(page)).toBe('/search');
    expect(new URL(page.url()).searchParams.get('q')).toBe('brunch');
    expect(await page.getByRole('region', { name: 'Initiativer' }).getByRole('link', { name: 'Brunch i plejeboligen' }).count()).toBe(1);
  });
});

// The app on a phone (issue 11): at 390×844 no main page scrolls sideways, the header stays small,
// and the main menu opens under "Menu" from the keyboard without the app's script. The data is the demo
// content plus a meeting with a long title, an unbroken web address and a long follow-up action
// posted through the forms, so a page that does not fit really shows it.
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { createUserViaCli, navigate, newPage, runCli, signInAs, startServer, visit, type TestServer } from './helpers';

const ADMIN = { email: 'admin@uldum.test', password: 'en-lang-adgangskode', role: 'admin', name: 'Ada Administrator' } as const;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const MAX_HEADER_PX = 120;
const LONG_URL = 'https://www.hedensted.dk/borger/aeldre-og-pleje/plejecentre/plejecentret-i-uldum/samskabelse-frivillighed-og-medborgerskab-evaluering-2026.pdf';
const LONG_TITLE = 'Opfølgning på samarbejdsaftalen mellem Hedensted Kommune og FOA om frivillighed, medborgerskab og samskabelse på plejecentret';
const LONG_ACTION = `Send medarbejderinddragelsesprocesbeskrivelsen til arbejdsgruppen sammen med evalueringen (${LONG_URL})`;

async function csrfOf(api: APIRequestContext, url: string): Promise<{ html: string; token: string }> {
  const response = await api.get(url);
  if (!response.ok()) throw new Error(`GET ${url}: ${response.status()}`);
  const html = await response.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`No CSRF token on ${url}`);
  return { html, token };
}

/** Posts a form as the browser would (repeated names for checkboxes); returns the path it redirected to. */
async function post(api: APIRequestContext, url: string, fields: Array<[string, string]>): Promise<string> {
  const response = await api.post(url, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: new URLSearchParams(fields).toString(),
  });
  const landed = new URL(response.url()).pathname;
  if (!response.ok() || landed === new URL(url, 'http://x').pathname) {
    throw new Error(`POST ${url} did not redirect to a page: ${response.status()} ${response.url()}`);
  }
  return landed;
}

/**
 * A meeting with a long title, participants, an agenda item with an unbroken web address and a
 * long follow-up action, made through the forms as the consultant would; returns its path.
 */
async function meetingWithLongContent(server: TestServer): Promise<string> {
  const api = await request.newContext({ baseURL: server.baseUrl });
  try {
    const login = await csrfOf(api, '/login');
    await post(api, '/login', [['_csrf', login.token], ['email', ADMIN.email], ['password', ADMIN.password]]);
    const form = await csrfOf(api, '/meetings/new');
    const partnership = /<option value="(\d+)"\s*selected/.exec(form.html)?.[1];
    const participants = [...form.html.matchAll(/name="participant_ids" value="(\d+)"\s*checked/g)].map((m) => m[1]!);
    if (!partnership || participants.length === 0) throw new Error('The new meeting form proposes no partnership or participants');
    const meeting = await post(api, '/meetings', [
      ['_csrf', form.token],
      ['partnership_id', partnership],
      ['title', LONG_TITLE],
      ['kind', 'arbejdsgruppe'],
      ['day', '2027-03-02'],
      ['start_time', '13:00'],
      ['end_time', '14:30'],
      ['place', 'Plejecentret i Uldum, fælles stue'],
      ...participants.map((id): [string, string] => ['participant_ids', id]),
    ]);
    const agenda = await csrfOf(api, `${meeting}/agenda/new`);
    await post(api, `${meeting}/agenda`, [
      ['_csrf', agenda.token],
      ['title', LONG_TITLE],
      ['kind', 'droeftelse'],
      ['background', `Evalueringen ligger på ${LONG_URL}`],
      ['discussion', 'Arbejdsmiljørepræsentantsamarbejdsudvalgsmødet drøftede evalueringen.'],
      ['decision', ''],
    ]);
    const action = await csrfOf(api, `${meeting}/actions/new`);
    await post(api, `${meeting}/actions`, [
      ['_csrf', action.token],
      ['text', LONG_ACTION],
      ['owner_id', ''],
      ['due_date', '2027-03-16'],
      ['status', 'aaben'],
      ['agenda_item_id', ''],
      ['initiative_id', ''],
    ]);
    return meeting;
  } finally {
    await api.dispose();
  }
}

interface Fit {
  scrollWidth: number;
  innerWidth: number;
  headerHeight: number;
  widest: string | null;
}

/** How the page fits the viewport; the widest element is the outermost one sticking out that no scroll region clips. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // Clipped by a scrolling ancestor that contains it (an absolutely positioned box escapes its static ancestors).
    const clipped = (el: Element): boolean => {
      let position = getComputedStyle(el).position;
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        const contains = position === 'absolute' ? style.position !== 'static' : position !== 'fixed';
        if (!contains) continue;
        if (style.overflowX !== 'visible') return true;
        position = style.position;
      }
      return false;
    };
    const scrollWidth = document.documentElement.scrollWidth;
    let widest: { el: Element; right: number } | null = null;
    for (const el of scrollWidth > innerWidth ? Array.from(document.body.querySelectorAll('*')) : []) {
      const right = el.getBoundingClientRect().right;
      if (right > innerWidth + 0.5 && (!widest || right > widest.right + 0.5) && !clipped(el)) widest = { el, right };
    }
    const describe = ({ el, right }: { el: Element; right: number }): string => {
      const classes = Array.from(el.classList).map((c) => `.${c}`).join('');
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}> ends at ${Math.round(right)} px ("${text}")`;
    };
    return {
      scrollWidth,
      innerWidth,
      headerHeight: Math.round(document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0),
      widest: widest ? describe(widest) : null,
    };
  });
}

async function hrefOf(page: Page, url: string, linkName: string | RegExp): Promise<string> {
  await visit(page, url);
  const href = await page.locator('main').getByRole('link', { name: linkName, exact: typeof linkName === 'string' }).first().getAttribute('href');
  if (!href) throw new Error(`No link "${String(linkName)}" on ${url}`);
  return href;
}

/** The app's own script never arrives: the menu must be plain HTML and CSS (axe still runs over DevTools). */
async function withoutOurScript(page: Page): Promise<Page> {
  await page.route('**/public/app.js', (route) => route.abort());
  return page;
}

describe('on a phone', () => {
  let server: TestServer;
  let meeting: string;
  beforeAll(async () => {
    server = await startServer();
    await Promise.all([runCli(server, ['seed', '--demo']), createUserViaCli(server, ADMIN)]);
    meeting = await meetingWithLongContent(server);
  });

  /** The main pages in four groups (one signed-in browser each); a page's path may be found from a list. */
  type PageList = (page: Page) => Promise<Array<[string, string]>>;
  const groups: Array<[string, PageList]> = [
    ['overview, meetings and follow-up', async () => [
      ['overblik', '/'],
      ['om partnerskabet', '/om-partnerskabet'],
      ['møder', '/meetings'],
      ['et møde med dagsorden og opfølgning', meeting],
      ['mødets referat', `${meeting}/minutes`],
      ['opfølgning', '/actions'],
      ['statusrapport', '/reports/status'],
    ]],
    ['initiatives, roles, learnings, dilemmas, forklar eller fjern', async (page) => [
      ['initiativer', '/initiatives'],
      ['et initiativ', await hrefOf(page, '/initiatives', 'Brunch i plejeboligen')],
      ['roller', '/roles'],
      ['en rolle', '/roles/medbygger'],
      ['erfaringer', '/learnings'],
      ['dilemmaer', '/dilemmas'],
      ['forklar eller fjern', '/forklar-eller-fjern'],
    ]],
    ['people, organisations, partnerships', async (page) => [
      ['personer', '/people'],
      ['en person', await hrefOf(page, '/people', 'Mette Holm')],
      ['organisationer', '/organisations'],
      ['en organisation', await hrefOf(page, '/organisations', 'Plejecentret i Uldum')],
      ['partnerskaber', '/partnerships'],
      ['et partnerskab', await hrefOf(page, '/partnerships', /Hedensted Kommune/)],
    ]],
    ['search, profile and administration', async () => [
      ['søgeresultater', '/search?q=plejecentret'],
      ['profil', '/profile'],
      ['brugere', '/admin/users'],
      ['ændringslog', '/admin/audit'],
    ]],
  ];

  test.each(groups)('%s: no page is wider than a 390 px screen, and the header stays small', async (_group, pageList) => {
    const page = await newPage(server);
    await page.setViewportSize(PHONE);
    await signInAs(page, ADMIN.email, ADMIN.password);

    const problems: string[] = [];
    for (const [name, url] of await pageList(page)) {
      await visit(page, url);
      const fit = await measure(page);
      if (fit.scrollWidth > fit.innerWidth) {
        problems.push(`${name} (${url}) is ${fit.scrollWidth} px wide on a ${fit.innerWidth} px screen; widest: ${fit.widest ?? 'unknown'}`);
      }
      if (fit.headerHeight > MAX_HEADER_PX) problems.push(`${name} (${url}): the header is ${fit.headerHeight} px tall, more than ${MAX_HEADER_PX} px`);
    }
    expect(problems).toEqual([]);
  }, 120_000); // up to 10 pages, each also checked by axe

  test('the long content is really on the pages measured', async () => {
    const page = await newPage(server);
    await signInAs(page, ADMIN.email, ADMIN.password);
    await visit(page, meeting);
    const text = await page.locator('main').innerText();
    expect(text).toContain(LONG_URL);
    expect(text).toContain(LONG_ACTION);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(LONG_TITLE);
  });

  test('the menu opens under "Menu" from the keyboard, without our script', async () => {
    const page = await withoutOurScript(await newPage(server));
    await page.setViewportSize(PHONE);
    await signInAs(page, ADMIN.email, ADMIN.password);
    await visit(page, '/meetings');

    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    const menu = page.locator('.site-header summary', { hasText: 'Menu' });
    const searchBox = page.getByRole('search', { name: 'Søg i hele værktøjet' }).getByLabel('Søg i værktøjet');
    expect(await nav.getByRole('link', { name: 'Initiativer' }).isVisible()).toBe(false);
    expect(await searchBox.isVisible()).toBe(false);

    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await nav.getByRole('link', { name: 'Initiativer' }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Møder' }).getAttribute('aria-current')).toBe('page');
    expect(await searchBox.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Log ud' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: ADMIN.name }).isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Overblik');
    await navigate(page, async () => {
      for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'Initiativer'; i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    });
    expect(new URL(page.url()).pathname).toBe('/initiatives');
    // A new page starts with the menu closed again.
    expect(await nav.getByRole('link', { name: 'Initiativer' }).isVisible()).toBe(false);
    expect((await measure(page)).headerHeight).toBeLessThanOrEqual(MAX_HEADER_PX);
  });

  test('on a wide screen the menu is open as before, with no "Menu" button', async () => {
    const page = await withoutOurScript(await newPage(server));
    await page.setViewportSize(DESKTOP);
    await signInAs(page, ADMIN.email, ADMIN.password);
    await visit(page, '/initiatives');
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    expect(await nav.getByRole('link', { name: 'Initiativer' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Møder' }).isVisible()).toBe(true);
    expect(await page.locator('.site-header summary', { hasText: 'Menu' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Log ud' }).isVisible()).toBe(true);
    await navigate(page, () => nav.getByRole('link', { name: 'Møder' }).click());
    expect(new URL(page.url()).pathname).toBe('/meetings');
  });
});

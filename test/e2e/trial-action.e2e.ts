// A trial action (prøvehandling) in a real browser (issue 6): the consultant creates it, gives it an
// effect measure with measurements drawn as a chart, is refused a citizen story with a CPR-shaped
// number, and records role observations from the initiative page; a representative then reads
// the roles × institutions matrix and the role's page.
import type { Locator, Page } from 'playwright-core';
import { createUserViaCli, navigate, newPage, signInAs, signOut, startServer, type TestServer } from './helpers';

const PASSWORD = 'en-lang-adgangskode';
const CONSULTANT = { email: 'konsulent@uldum.test', password: PASSWORD, role: 'konsulent', person: 'Konsulent på Uldumprojektet' } as const;
const HANNE = { email: 'hanne@foa.test', password: PASSWORD, role: 'repraesentant', person: 'Hanne M. Petersen' } as const;

const TITLE = 'Fælles måltider på plejecentret';
const PLACE = 'Plejecentret i Uldum';
const INDICATOR = 'Beboere der spiser sammen med andre';

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

function danishToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ÅÅÅÅ-MM-DD as the pages show it: DD.MM.ÅÅÅÅ. */
function shown(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** The message a field's aria-describedby points at (its error). */
async function fieldError(field: Locator, page: Page): Promise<string> {
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

describe('a trial action with effect, a citizen story and role observations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await Promise.all([CONSULTANT, HANNE].map((user) => createUserViaCli(server, user)));
  });

  test('the consultant records the trial; a representative reads the roles matrix', async () => {
    const page = await newPage(server);
    const start = addDays(danishToday(), -21);

    // ---- The consultant creates the trial action ----
    await signInAs(page, CONSULTANT.email, CONSULTANT.password);
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await navigate(page, () => nav.getByRole('link', { name: 'Initiativer' }).click());
    await navigate(page, () => page.getByRole('link', { name: 'Ny prøvehandling' }).click());
    expect(await heading(page)).toBe('Ny prøvehandling');
    expect(await page.getByLabel(/^Type/).inputValue()).toBe('proevehandling');

    await page.getByLabel(/^Titel/).fill(TITLE);
    await page.getByRole('group', { name: 'Kerneopgaver' }).getByRole('checkbox', { name: 'Social Omsorg' }).check();
    await page.getByRole('group', { name: 'Steder og institutioner' }).getByRole('checkbox', { name: PLACE }).check();
    await page.getByLabel('Start', { exact: true }).fill(start);
    await page.getByLabel('Hypotese').fill('Når beboerne spiser sammen med personalet, spiser de mere og føler sig mindre ensomme.');
    await page.getByLabel('Frihed fra').fill('Personalet spiser ikke med beboerne.');
    await page.getByLabel('Frihed til').fill('Personalet spiser frokost ved bordet sammen med beboerne.');
    await navigate(page, () => page.getByRole('button', { name: 'Opret', exact: true }).click());
    expect(pathOf(page)).toMatch(/^\/initiatives\/\d+$/);
    const initiativePath = pathOf(page);
    expect(await heading(page)).toBe(TITLE);
    expect(await page.getByRole('status').first().innerText()).toContain('Prøvehandlingen er oprettet.');
    // Without a period end, the trial runs for 8 weeks from the start.
    const trial = await page.getByRole('region', { name: 'Prøvehandling' }).innerText();
    expect(trial).toContain(`${shown(start)}–${shown(addDays(start, 56))}`);
    expect(trial).toContain('Personalet spiser frokost ved bordet sammen med beboerne.');

    // ---- An effect measure behind the "Nyt effektmål" disclosure, then two measurements ----
    const effect = page.getByRole('region', { name: 'Effekt' });
    expect(await effect.getByLabel(/^Indikator/).isVisible()).toBe(false);
    await effect.locator('summary', { hasText: 'Nyt effektmål' }).click();
    await effect.getByLabel(/^Indikator/).fill(INDICATOR);
    await effect.getByLabel('Enhed').fill('beboere');
    await effect.getByLabel('Udgangspunkt (baseline)').fill('3');
    await effect.getByLabel('Mål', { exact: true }).fill('12');
    await navigate(page, () => effect.getByRole('button', { name: 'Opret effektmål' }).click());
    expect(await page.getByRole('status').first().innerText()).toContain('Effektmålet er oprettet.');
    const measure = page.getByRole('region', { name: `${INDICATOR} (beboere)` });
    expect(await measure.innerText()).toContain('Udgangspunkt: 3 · Mål: 12');
    expect(await measure.innerText()).toContain('Ingen målinger endnu.');

    for (const [day, value] of [[addDays(start, 7), '5'], [addDays(start, 14), '7,5']]) {
      await measure.getByLabel('Dato for måling').fill(day);
      await measure.getByLabel('Værdi').fill(value);
      await navigate(page, () => measure.getByRole('button', { name: `Tilføj måling til ${INDICATOR}` }).click());
      expect(await page.getByRole('status').first().innerText()).toContain('Målingen er gemt.');
    }
    const chart = measure.getByRole('img', { name: INDICATOR });
    expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    expect(await chart.locator('circle').count()).toBe(2);
    const numbers = measure.getByRole('table', { name: `Målinger: ${INDICATOR}` });
    const rows = await numbers.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').slice(0, 2).join(' '))).toEqual([
      `${shown(addDays(start, 7))} 5`,
      `${shown(addDays(start, 14))} 7,5`,
    ]);

    // ---- A citizen story with a CPR-shaped number is refused, in Danish, beside the field ----
    const stories = page.getByRole('region', { name: 'Borgerhistorier' });
    await stories.locator('summary', { hasText: 'Ny borgerhistorie' }).click();
    await stories.getByLabel(/^Kerneopgave/).selectOption({ label: 'Social Omsorg' });
    await stories.getByLabel(/^Historien/).fill('Beboeren (010203-1234) spiser nu frokost i fællesstuen hver dag.');
    await navigate(page, () => stories.getByRole('button', { name: 'Gem borgerhistorie' }).click());
    expect(await page.getByRole('alert').innerText()).toContain('ligner et CPR-nummer');
    const story = page.getByRole('region', { name: 'Borgerhistorier' }).getByLabel(/^Historien/);
    expect(await story.isVisible()).toBe(true); // the disclosure stays open on an error
    expect(await fieldError(story, page)).toContain('ligner et CPR-nummer');
    expect(await story.inputValue()).toContain('010203-1234'); // what was typed is kept to be fixed

    await story.fill('En beboer, der før spiste alene på sit værelse, spiser nu frokost i fællesstuen hver dag.');
    await navigate(page, () => page.getByRole('button', { name: 'Gem borgerhistorie' }).click());
    expect(await page.getByRole('status').first().innerText()).toContain('Borgerhistorien er gemt.');
    const storiesText = await page.getByRole('region', { name: 'Borgerhistorier' }).innerText();
    expect(storiesText).toContain('spiser nu frokost i fællesstuen hver dag');
    expect(storiesText).not.toContain('010203-1234');

    // ---- Two role observations from the initiative page ----
    const observations = [
      { role: 'Medbygger', team: 'Aftenvagten på plejecentret', note: 'Planlagde frokosten sammen med beboerne i stedet for at lægge planen for dem.' },
      { role: 'Ressourcedetektor', team: 'Køkkenet på plejecentret', note: 'Fik øje på, at en beboer gerne vil dække bord, og gav opgaven videre.' },
    ];
    for (const o of observations) {
      await navigate(page, () => page.getByRole('region', { name: 'Roller i praksis' }).getByRole('link', { name: 'Registrér rolleobservation' }).click());
      expect(await heading(page)).toBe('Registrér rolleobservation');
      expect(await page.getByLabel('Initiativ', { exact: true }).locator('option:checked').innerText()).toBe(`${TITLE} (prøvehandling)`);
      await page.getByLabel(/^Rolle/).selectOption({ label: o.role });
      await page.getByLabel('Team', { exact: true }).fill(o.team);
      await page.getByLabel('Institution', { exact: true }).selectOption({ label: PLACE });
      await page.getByLabel(/^Hvad skete der\?/).fill(o.note);
      await navigate(page, () => page.getByRole('button', { name: 'Gem observation' }).click());
      expect(pathOf(page)).toBe(initiativePath); // back where it was started
      expect(await page.getByRole('status').first().innerText()).toContain('Rolleobservationen er registreret.');
    }
    const rolesInPractice = page.getByRole('region', { name: 'Roller i praksis' });
    for (const o of observations) {
      const item = rolesInPractice.getByRole('listitem').filter({ hasText: o.note });
      expect(await item.getByRole('link', { name: o.role }).count()).toBe(1);
      expect(await item.innerText()).toContain(o.team);
    }
    await signOut(page);

    // ---- A representative reads where the roles are seen ----
    await signInAs(page, HANNE.email, HANNE.password);
    await navigate(page, () => page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Roller' }).click());
    expect(await heading(page)).toBe('Roller');
    expect(await page.getByRole('link', { name: 'Registrér rolleobservation' }).count()).toBe(0); // representatives read

    const matrix = page.getByRole('table', { name: 'Rolleobservationer pr. institution og rolle (hele perioden)' });
    const roleColumns = (await matrix.locator('thead').getByRole('columnheader').allInnerTexts()).slice(1).map((t) => t.trim());
    expect(roleColumns).toEqual(expect.arrayContaining(['Medbygger', 'Ressourcedetektor', 'Netværkssmed']));
    const cellsOf = async (institution: string) => {
      const row = matrix.getByRole('row').filter({ has: page.getByRole('rowheader', { name: institution, exact: true }) });
      const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
      return Object.fromEntries(roleColumns.map((role, i) => [role, cells[i]]));
    };
    const seen = await cellsOf(PLACE);
    expect(seen['Medbygger']).toMatch(/^1\b/);
    expect(seen['Ressourcedetektor']).toMatch(/^1\b/);
    expect(seen['Netværkssmed']).toBe('ikke endnu');
    expect(Object.values(seen).filter((text) => text === 'ikke endnu')).toHaveLength(roleColumns.length - 2);
    const school = await cellsOf('Skolen i Uldum');
    expect(Object.values(school).every((text) => text === 'ikke endnu')).toBe(true);

    await navigate(page, () => matrix.getByRole('link', { name: `1 observation af Medbygger i ${PLACE}` }).click());
    expect(pathOf(page)).toBe('/roles/medbygger');
    expect(await heading(page)).toBe('Medbygger');
    const evidence = page.getByRole('region', { name: 'Observationer' });
    const listed = await evidence.getByRole('listitem').allInnerTexts();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain(observations[0].note);
    expect(listed[0]).toContain(observations[0].team);
    expect(listed[0]).toContain(TITLE);
    expect(listed[0]).toMatch(/Registreret af\s+Konsulent på Uldumprojektet/);
  });
});

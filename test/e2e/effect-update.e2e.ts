// Effektopfølgning in a real browser (issue 18, part 2): the konsulent writes the current quarter's
// effect update and sends it; a representative returns it with a reason; the konsulent corrects it
// and sends it again; the representative approves it (now locked), and it appears in the status report.
import type { Page } from 'playwright-core';
import { createUserViaCli, navigate, newPage, signInAs, startServer, visit, type TestServer } from './helpers';

const PASSWORD = 'en-lang-adgangskode';
const CONSULTANT = { email: 'konsulent@uldum.test', password: PASSWORD, role: 'konsulent', person: 'Konsulent på Uldumprojektet' } as const;
const HANNE = { email: 'hanne@foa.test', password: PASSWORD, role: 'repraesentant', person: 'Hanne M. Petersen' } as const;

const TITLE = 'Gåklubben på plejecentret';
const INDICATOR = 'Beboere der går selv';
const REASON = 'Tallet dækker kun oktober – skriv hele kvartalet.';

function danishToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

/** The current quarter as the pages name it ("4. kvartal 2026") and its first day. */
function currentQuarter(): { label: string; firstDay: string } {
  const today = danishToday();
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  return { label: `${quarter}. kvartal ${today.slice(0, 4)}`, firstDay: `${today.slice(0, 4)}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01` };
}

async function statusOf(page: Page): Promise<string> {
  return (await page.locator('#effect-update-status').innerText()).trim();
}

async function flash(page: Page): Promise<string> {
  return page.getByRole('status').first().innerText();
}

describe('an effect update reviewed per period', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await Promise.all([CONSULTANT, HANNE].map((user) => createUserViaCli(server, user)));
  });

  test('returned by a representative, corrected by the konsulent, approved, and shown in the status report', async () => {
    const { label, firstDay } = currentQuarter();
    const konsulent = await newPage(server);
    const hanne = await newPage(server);

    // ---- The konsulent makes an initiative with a quarterly effect measure ----
    await signInAs(konsulent, CONSULTANT.email, CONSULTANT.password);
    await visit(konsulent, '/initiatives/new');
    await konsulent.getByLabel(/^Titel/).fill(TITLE);
    await navigate(konsulent, () => konsulent.getByRole('button', { name: 'Opret', exact: true }).click());
    const initiativePath = new URL(konsulent.url()).pathname;
    const effect = konsulent.getByRole('region', { name: 'Effekt' });
    await effect.locator('summary', { hasText: 'Nyt effektmål' }).click();
    await effect.getByLabel(/^Indikator/).fill(INDICATOR);
    await effect.getByLabel('Enhed').fill('beboere');
    await effect.getByLabel('Mål', { exact: true }).fill('10');
    await effect.getByLabel('Opfølgning pr.').selectOption({ label: 'Kvartal' });
    await navigate(konsulent, () => effect.getByRole('button', { name: 'Opret effektmål' }).click());
    expect(await flash(konsulent)).toContain('Effektmålet er oprettet.');

    // ---- … writes the current quarter's update and sends it ----
    await navigate(konsulent, () => konsulent.getByRole('link', { name: label }).click());
    expect(await statusOf(konsulent)).toBe('Ikke skrevet endnu');
    await konsulent.getByLabel(/^Værdi/).fill('4');
    await konsulent.getByLabel('Beskrivelse af perioden').fill('Fire beboere går selv til postkassen.');
    await konsulent.getByLabel('Dokumentation (link)').fill('https://example.dk/optaelling-oktober');
    await navigate(konsulent, () => konsulent.getByRole('button', { name: 'Send til godkendelse' }).click());
    expect(await flash(konsulent)).toContain('Opfølgningen er sendt til godkendelse hos repræsentanterne.');
    expect(await statusOf(konsulent)).toBe('Til godkendelse');
    const updatePath = new URL(konsulent.url()).pathname;

    // ---- The representative reviews it and returns it with a reason ----
    await signInAs(hanne, HANNE.email, HANNE.password);
    await visit(hanne, updatePath);
    expect(await statusOf(hanne)).toBe('Til godkendelse');
    expect(await hanne.locator('dl.facts').innerText()).toContain('Fire beboere går selv til postkassen.');
    // Returning needs a reason.
    await navigate(hanne, () => hanne.getByRole('button', { name: 'Returnér' }).click());
    expect(await hanne.getByRole('alert').innerText()).toContain('Skriv hvorfor opfølgningen sendes retur');
    await hanne.getByLabel(/^Begrundelse for at returnere/).fill(REASON);
    await navigate(hanne, () => hanne.getByRole('button', { name: 'Returnér' }).click());
    expect(await flash(hanne)).toContain('Opfølgningen er returneret til konsulenten med din begrundelse.');
    expect(await statusOf(hanne)).toBe('Returneret');

    // ---- The konsulent sees the reason and the flag, corrects the update and sends it again ----
    await visit(konsulent, initiativePath);
    const row = konsulent.getByRole('row', { name: new RegExp(label) });
    expect(await row.innerText()).toContain('returneret');
    await navigate(konsulent, () => konsulent.getByRole('link', { name: label }).click());
    expect(await konsulent.locator('#return-reason').innerText()).toContain(REASON);
    expect(await konsulent.getByLabel(/^Værdi/).inputValue()).toBe('4');
    await konsulent.getByLabel(/^Værdi/).fill('6');
    await konsulent.getByLabel('Beskrivelse af perioden').fill('Seks beboere går selv til postkassen i kvartalet.');
    await navigate(konsulent, () => konsulent.getByRole('button', { name: 'Send til godkendelse' }).click());
    expect(await statusOf(konsulent)).toBe('Til godkendelse');

    // ---- The representative approves it: locked ----
    await visit(hanne, updatePath);
    await navigate(hanne, () => hanne.getByRole('button', { name: 'Godkend' }).click());
    expect(await flash(hanne)).toContain('Opfølgningen er godkendt og nu låst.');
    expect(await statusOf(hanne)).toBe('Godkendt');
    await visit(konsulent, updatePath);
    expect(await konsulent.getByText('Perioden er godkendt og låst.').isVisible()).toBe(true);
    expect(await konsulent.getByRole('button', { name: 'Send til godkendelse' }).count()).toBe(0);

    // ---- … and it appears in the status report with the approved value ----
    await visit(hanne, `/reports/status?from=${firstDay}&to=${danishToday()}`);
    const report = hanne.getByRole('table', { name: 'Effektopfølgning pr. periode' });
    const reportRow = report.getByRole('row', { name: new RegExp(label) });
    const cells = (await reportRow.innerText()).split('\t').map((c) => c.trim());
    expect(cells).toEqual([TITLE, `${INDICATOR} (beboere)`, label, 'Godkendt', '6 – Seks beboere går selv til postkassen i kvartalet.', '10', '']);
  });
});

// The meeting before it starts (issue 13) in a real browser: the konsulent plans a meeting from the
// partnership's standard items, adds an item with indstilling, presenter and minutes, uploads two
// bilag at once through the multipart form, releases the agenda and downloads it as PDF; a
// representative proposes an item in her own browser, the konsulent sees it on the meeting page and
// the overview and takes it into the agenda, and the representative sees it accepted. The meeting
// page is also measured on a 390 px phone, and both layouts are saved as screenshots in /tmp/shots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Locator, Page } from 'playwright-core';
import { createUserViaCli, download, navigate, newPage, signInAs, startServer, visit, type TestServer } from './helpers';
import { expectInOrder, flat, pdfPages } from '../exports/fixture';

const PASSWORD = 'en-lang-adgangskode';
const CONSULTANT = { email: 'konsulent@uldum.test', password: PASSWORD, role: 'konsulent', person: 'Konsulent på Uldumprojektet' } as const;
const HANNE = { email: 'hanne@foa.test', password: PASSWORD, role: 'repraesentant', person: 'Hanne M. Petersen' } as const;

const TITLE = 'Partnerskabsmøde: forberedelse af fælles måltider';
const STANDARD_ITEMS = ['Godkendelse af dagsorden', 'Godkendelse af referat fra sidste møde', 'Opfølgning fra sidste møde', 'Eventuelt', 'Næste møde'];
const ITEM = {
  title: 'Budget for fælles måltider på plejecentret',
  background: 'Køkkenet har regnet på råvarer og personaletimer til otte ugers fællesspisning.',
  proposal: 'Konsulenten indstiller, at partnerskabet godkender budgettet for de otte uger, så forsøget kan begynde i foråret.',
  presenter: 'René G. Nielsen (Hedensted Kommune)',
};
const PROPOSED = {
  title: 'Ældrerådets ønske om søndagsbrunch',
  background: 'Ældrerådet har spurgt, om brunchen kan flyttes til søndag, så pårørende kan være med. Hvad siger parterne?',
};
const SHOTS = '/tmp/shots';
const PHONE = { width: 390, height: 844 };
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF_NAME = 'budget-2027-faelles-maaltider.pdf';
/** One long unbroken name, so an item's bilag list that does not wrap shows on the phone. */
const PNG_NAME = 'foto_fra_faellesspisningen_paa_plejecentret_i_uldum_2026-11-24.png';

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Today in Danish time as ÅÅÅÅ-MM-DD. */
function danishToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A size as a person reads it in a bilag list: "812 byte", "2 kB". */
function sizeAsShown(bytes: number): string {
  return bytes < 1024 ? `${bytes} byte` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** A small real PDF with one line of text. */
async function smallPdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 14, font });
  return Buffer.from(await doc.save());
}

/** The agenda item whose heading names the title. */
function agendaItem(agenda: Locator, title: string): Locator {
  return agenda.getByRole('listitem').filter({ has: agenda.page().getByRole('heading', { level: 3, name: title }) });
}

/** Whether the page scrolls sideways, and if so the element sticking out furthest. */
function sidewaysScroll(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    let widest: Element | null = null;
    let right = width;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect().right;
      if (r > right + 0.5) [widest, right] = [el, r];
    }
    const text = (widest?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `${document.documentElement.scrollWidth} px wide on ${width} px; widest <${widest?.tagName.toLowerCase() ?? '?'} class="${widest?.className ?? ''}"> ends at ${Math.round(right)} px ("${text}")`;
  });
}

describe('the meeting before it starts', () => {
  let server: TestServer;
  let files: string;
  let pdfPath: string;
  let pngPath: string;

  beforeAll(async () => {
    server = await startServer();
    await Promise.all([CONSULTANT, HANNE].map((user) => createUserViaCli(server, user)));
    files = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-prep-'));
    pdfPath = path.join(files, PDF_NAME);
    pngPath = path.join(files, PNG_NAME);
    fs.writeFileSync(pdfPath, await smallPdf('Budgetudkast: raavarer og personaletimer i otte uger'));
    fs.writeFileSync(pngPath, PNG);
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(() => {
    if (files) fs.rmSync(files, { recursive: true, force: true });
  });

  test('the konsulent prepares and releases the agenda, a representative proposes an item, the konsulent takes it in', async () => {
    const day = addDays(danishToday(), 14);
    const page = await newPage(server);
    await page.setViewportSize({ width: 1280, height: 900 });

    // ---- A new meeting from the partnership's standard items ----
    await signInAs(page, CONSULTANT.email, CONSULTANT.password);
    await visit(page, '/meetings/new');
    expect(await heading(page)).toBe('Nyt møde');
    await page.getByLabel(/^Titel/).fill(TITLE);
    await page.getByLabel(/^Dato/).fill(day);
    await page.getByLabel(/^Starttid/).fill('13:00');
    await page.getByLabel(/^Sluttid/).fill('15:00');
    await page.getByLabel('Sted', { exact: true }).fill('Plejecentret i Uldum, fælles stue');
    await page.getByLabel('Brug standardpunkterne').check();
    await navigate(page, () => page.getByRole('button', { name: 'Opret møde' }).click());
    expect(pathOf(page)).toMatch(/^\/meetings\/\d+$/);
    const meetingPath = pathOf(page);
    expect(await heading(page)).toBe(TITLE);

    const agenda = page.getByRole('region', { name: 'Dagsorden', exact: true });
    const itemHeadings = () => agenda.getByRole('heading', { level: 3 }).allInnerTexts();
    expect((await itemHeadings()).map((h) => h.replace(/^\d+\.\s*/, '').replace(/\s+(Beslutning|Orientering|Drøftelse)$/, ''))).toEqual(STANDARD_ITEMS);
    expect(await page.getByRole('region', { name: 'Dagsordenen som dokument' }).innerText()).toContain('Dagsordenen er ikke udsendt endnu.');

    // ---- An item with indstilling, presenter and minutes ----
    await navigate(page, () => agenda.getByRole('link', { name: 'Tilføj punkt' }).click());
    expect(await heading(page)).toBe('Nyt punkt på dagsordenen');
    await page.getByLabel(/^Overskrift/).fill(ITEM.title);
    await page.getByLabel(/^Type/).selectOption({ label: 'Beslutning' });
    await page.getByLabel('Sagsfremstilling', { exact: true }).fill(ITEM.background);
    await page.getByLabel('Indstilling', { exact: true }).fill(ITEM.proposal);
    await page.getByLabel('Fremlægges af').selectOption({ label: ITEM.presenter });
    await page.getByLabel('Tid (minutter)').fill('20');
    await navigate(page, () => page.getByRole('button', { name: 'Tilføj punkt' }).click());
    expect(pathOf(page)).toBe(meetingPath);
    expect(await page.locator('.flash--success').innerText()).toContain('Punktet er tilføjet dagsordenen.');
    const item = agendaItem(agenda, ITEM.title);
    const itemText = await item.innerText();
    expect(itemText).toContain('6. ' + ITEM.title);
    expect(itemText).toContain('Kl. 13.00–13.20 · Fremlægges af René G. Nielsen');
    expect(itemText).toContain(ITEM.proposal);

    // ---- Two bilag at once, through the real multipart form ----
    await navigate(page, () => item.getByRole('link', { name: 'Tilføj bilag til punkt 6' }).click());
    expect(await heading(page)).toBe('Tilføj bilag');
    expect(await page.getByLabel('Hører til').locator('option:checked').innerText()).toContain(ITEM.title);
    await page.getByLabel('Filer').setInputFiles([pdfPath, pngPath]);
    await page.getByLabel('Titler (valgfrit)').fill('Budget 2027');
    await navigate(page, () => page.getByRole('button', { name: 'Tilføj bilag' }).click());
    expect(pathOf(page)).toBe(meetingPath);
    expect(await page.locator('.flash--success').innerText()).toContain('2 bilag er tilføjet.');
    const bilagLines = [
      `Budget 2027 (PDF, ${sizeAsShown(fs.statSync(pdfPath).size)})`,
      `${PNG_NAME.replace(/\.png$/, '')} (PNG, ${sizeAsShown(PNG.length)})`,
    ];
    const listed = item.getByRole('list').filter({ has: page.getByRole('link', { name: 'Budget 2027' }) });
    expect((await listed.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s*Fjern.*$/s, '').trim())).toEqual(bilagLines);
    // The bilag downloads as the same bytes (as the browser gets it from the list).
    const fetched = await download(page, () => item.getByRole('link', { name: 'Budget 2027', exact: true }).click());
    expect(fetched.body.equals(fs.readFileSync(pdfPath))).toBe(true);

    // ---- "Udsend dagsorden": the agenda is time stamped ----
    await navigate(page, () => page.getByRole('button', { name: 'Udsend dagsorden' }).click());
    expect(await page.locator('.flash--success').innerText()).toContain('Dagsordenen er udsendt.');
    const released = await page.getByRole('region', { name: 'Dagsordenen som dokument' }).innerText();
    expect(released).toMatch(/Dagsordenen er udsendt \S+ \d{1,2}\. \S+ \d{4} kl\. \d{2}\.\d{2}\./);
    expect(await page.getByRole('button', { name: 'Udsend dagsorden' }).count()).toBe(0);

    // ---- The agenda as PDF: the item, its indstilling and its bilag; no UDKAST ----
    const hent = page.getByRole('navigation', { name: 'Hent dagsordenen' });
    const agendaPdf = await download(page, () => hent.getByRole('link', { name: 'PDF', exact: true }).click());
    expect(agendaPdf.fileName).toMatch(new RegExp(`^dagsorden-${day}-.+\\.pdf$`));
    expect(agendaPdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const agendaText = flat(pdfPages(agendaPdf.body).join('\n'));
    expectInOrder(agendaText, [`Dagsorden: ${TITLE}`, ...STANDARD_ITEMS.map((t, i) => `${i + 1}. ${t}`), `6. ${ITEM.title} (Beslutning)`, ITEM.background, 'Indstilling', ITEM.proposal, 'Bilag', `1. ${bilagLines[0]}`, `2. ${bilagLines[1]}`]);
    expect(agendaText).not.toContain('UDKAST');

    // The desktop page as the konsulent sees it now.
    await page.screenshot({ path: path.join(SHOTS, 'meeting-prep-desktop.png'), fullPage: true });

    // ---- Hanne proposes an item for this meeting from her own browser ----
    const hanne = await newPage(server);
    await signInAs(hanne, HANNE.email, HANNE.password);
    await visit(hanne, meetingPath);
    expect(await hanne.getByRole('button', { name: 'Udsend dagsorden' }).count()).toBe(0);
    expect(await hanne.getByRole('link', { name: 'Tilføj punkt' }).count()).toBe(0);
    await navigate(hanne, () => hanne.getByRole('link', { name: 'Foreslå et punkt til dagsordenen' }).click());
    expect(await heading(hanne)).toBe('Foreslå et punkt til dagsordenen');
    expect(await hanne.getByLabel(/^Til mødet/).locator('option:checked').innerText()).toContain(TITLE);
    await hanne.getByLabel(/^Overskrift/).fill(PROPOSED.title);
    await hanne.getByLabel('Baggrund').fill(PROPOSED.background);
    await hanne.getByLabel(/^Ønsket type/).selectOption({ label: 'Drøftelse' });
    await navigate(hanne, () => hanne.getByRole('button', { name: 'Send forslaget' }).click());
    expect(await heading(hanne)).toBe(PROPOSED.title);
    expect(await hanne.locator('.flash--success').innerText()).toContain('Tak for forslaget.');
    expect(await hanne.locator('.facts').innerText()).toContain('Afventer konsulenten');

    // ---- The konsulent sees it on the overview and on the meeting page, and takes it in ----
    await visit(page, '/');
    const overview = await page.getByRole('main').innerText();
    expect(overview).toContain('1 forslag venter på at blive optaget eller afvist');
    expect(await page.getByRole('main').getByRole('link', { name: PROPOSED.title }).count()).toBe(1);

    await visit(page, meetingPath);
    const proposals = page.getByRole('region', { name: 'Forslag til dagsordenen (1)' });
    const proposalsText = await proposals.innerText();
    expect(proposalsText).toContain(PROPOSED.title);
    expect(proposalsText).toContain('Hanne M. Petersen (FOA) · til dette møde');
    await navigate(page, () => proposals.getByRole('button', { name: new RegExp(`^Optag på dagsordenen\\W+${PROPOSED.title}$`) }).click());
    expect(pathOf(page)).toBe(meetingPath);
    expect(await page.locator('.flash--success').innerText()).toContain('Forslaget er optaget som punkt på dagsordenen.');
    expect(await page.getByRole('region', { name: /^Forslag til dagsordenen/ }).count()).toBe(0);

    // Last on the agenda (the agenda's rule: a new item goes last), with the proposer and her background.
    const headings = await itemHeadings();
    expect(headings).toHaveLength(7);
    expect(headings[6]).toMatch(new RegExp(`^7\\. ${PROPOSED.title} Drøftelse$`));
    const proposedItem = await agendaItem(agenda, PROPOSED.title).innerText();
    expect(proposedItem).toContain('Foreslået af Hanne M. Petersen (FOA)');
    expect(proposedItem).toContain(PROPOSED.background);
    // A change after release marks the agenda revised, with the time.
    expect(await page.getByRole('region', { name: 'Dagsordenen som dokument' }).innerText()).toMatch(/og revideret \S+ \d{1,2}\. \S+ \d{4} kl\. \d{2}\.\d{2}\./);

    // The revised agenda as PDF has the proposed item last, with its proposer.
    const revisedPdf = await download(page, () => hent.getByRole('link', { name: 'PDF', exact: true }).click());
    const revisedText = flat(pdfPages(revisedPdf.body).join('\n'));
    expectInOrder(revisedText, [`Revideret dagsorden: ${TITLE}`, `6. ${ITEM.title}`, `7. ${PROPOSED.title} (Drøftelse)`, 'Foreslået af Hanne M. Petersen (FOA)', PROPOSED.background]);

    // ---- Hanne sees her proposal accepted ----
    await visit(hanne, '/proposals');
    const mine = hanne.getByRole('region', { name: 'Mine forslag og deres status' });
    const row = mine.getByRole('row').filter({ has: hanne.getByRole('link', { name: PROPOSED.title }) });
    expect(await row.innerText()).toContain('Optaget på dagsordenen');
    await navigate(hanne, () => row.getByRole('link', { name: PROPOSED.title }).click());
    await navigate(hanne, () => hanne.getByRole('link', { name: 'se punktet på mødet' }).click());
    expect(pathOf(hanne)).toBe(meetingPath);
    expect(await agendaItem(hanne.getByRole('region', { name: 'Dagsorden', exact: true }), PROPOSED.title).innerText()).toContain('Foreslået af Hanne M. Petersen (FOA)');

    // ---- The meeting page on a phone: no sideways scrolling ----
    await page.setViewportSize(PHONE);
    await visit(page, meetingPath);
    expect(await sidewaysScroll(page)).toBeNull();
    await page.screenshot({ path: path.join(SHOTS, 'meeting-prep-phone.png'), fullPage: true });
  }, 240_000); // the whole preparation in two browsers: a safeguard, not a speed target
});

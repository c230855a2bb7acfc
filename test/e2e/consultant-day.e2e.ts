// A consultant's day in a real browser (issues 4 and 5): plan a partnership meeting, build the
// agenda, record attendance and follow-up actions, mark it held, write the minutes and send them
// for approval, download the PDF; then each party's representative approves for their own party and
// the minutes and the meeting are locked.
import type { Page } from 'playwright-core';
import { createUserViaCli, download, navigate, newPage, signInAs, signOut, startServer, visit, type TestServer } from './helpers';
import { flat, pdfPages } from '../exports/fixture';

const PASSWORD = 'en-lang-adgangskode';
const CONSULTANT = { email: 'konsulent@uldum.test', password: PASSWORD, role: 'konsulent', person: 'Konsulent på Uldumprojektet' } as const;
const HANNE = { email: 'hanne@foa.test', password: PASSWORD, role: 'repraesentant', person: 'Hanne M. Petersen' } as const;
const RENE = { email: 'rene@hedensted.test', password: PASSWORD, role: 'repraesentant', person: 'René G. Nielsen' } as const;

const TITLE = 'Partnerskabsmøde: prøvehandlinger i Uldum';
const DECISION = 'Parterne godkender, at plejecentret afprøver fælles måltider i otte uger. Æbler, søer og ålegræs følger med.';

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

describe('a meeting from planning to approved minutes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await Promise.all([CONSULTANT, HANNE, RENE].map((user) => createUserViaCli(server, user)));
  });

  test('the consultant runs the meeting and both parties approve the minutes', async () => {
    const page = await newPage(server);
    const today = danishToday();

    // ---- The consultant plans the meeting ----
    await signInAs(page, CONSULTANT.email, CONSULTANT.password);
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await navigate(page, () => nav.getByRole('link', { name: 'Møder' }).click());
    expect(await heading(page)).toBe('Møder');
    await navigate(page, () => page.getByRole('link', { name: 'Nyt møde' }).click());
    expect(await heading(page)).toBe('Nyt møde');

    await page.getByLabel(/^Titel/).fill(TITLE);
    await page.getByLabel(/^Dato/).fill(today);
    await page.getByLabel(/^Starttid/).fill('13:00');
    await page.getByLabel(/^Sluttid/).fill('15:00');
    await page.getByLabel('Sted', { exact: true }).fill('Plejecentret i Uldum, fælles stue');
    // A partnership meeting proposes the partnership's representatives as invitees.
    const invitees = page.getByRole('group', { name: 'Inviterede' });
    expect(await invitees.getByRole('checkbox', { name: 'Hanne M. Petersen (FOA)' }).isChecked()).toBe(true);
    expect(await invitees.getByRole('checkbox', { name: 'René G. Nielsen (Hedensted Kommune)' }).isChecked()).toBe(true);
    await navigate(page, () => page.getByRole('button', { name: 'Opret møde' }).click());
    expect(pathOf(page)).toMatch(/^\/meetings\/\d+$/);
    const meetingPath = pathOf(page);
    expect(await heading(page)).toBe(TITLE);
    expect(await page.locator('.flash--success').innerText()).toContain('Mødet er oprettet.');

    // ---- Two agenda items: an orientation and a decision with Danish letters ----
    const agenda = page.getByRole('region', { name: 'Dagsorden', exact: true });
    await navigate(page, () => agenda.getByRole('link', { name: 'Tilføj punkt' }).click());
    expect(await heading(page)).toBe('Nyt punkt på dagsordenen');
    await page.getByLabel(/^Overskrift/).fill('Status på brunch i plejeboligen');
    await page.getByLabel(/^Type/).selectOption({ label: 'Orientering' });
    await page.getByLabel('Sagsfremstilling', { exact: true }).fill('Prøvehandlingen har kørt i seks uger; beboerne vælger selv tidspunktet.');
    await navigate(page, () => page.getByRole('button', { name: 'Tilføj punkt' }).click());
    expect(pathOf(page)).toBe(meetingPath);
    expect(await page.locator('.flash--success').innerText()).toContain('Punktet er tilføjet dagsordenen.');

    await navigate(page, () => agenda.getByRole('link', { name: 'Tilføj punkt' }).click());
    await page.getByLabel(/^Overskrift/).fill('Næste prøvehandling: fælles måltider');
    await page.getByLabel(/^Type/).selectOption({ label: 'Beslutning' });
    await page.getByLabel('Drøftelse', { exact: true }).fill('Personalet ønsker at prøve fælles måltider med beboerne.');
    await page.getByLabel('Beslutning', { exact: true }).fill(DECISION);
    await navigate(page, () => page.getByRole('button', { name: 'Tilføj punkt' }).click());
    expect(pathOf(page)).toBe(meetingPath);
    const agendaText = await agenda.innerText();
    expect(agendaText).toContain('Status på brunch i plejeboligen');
    expect(agendaText).toContain('Næste prøvehandling: fælles måltider');
    expect(await agenda.locator('.decision').innerText()).toBe(DECISION);

    // ---- Attendance: one radio group per participant ----
    const participants = page.getByRole('region', { name: 'Deltagere' });
    await participants.getByRole('group', { name: 'Fremmøde for Hanne M. Petersen' }).getByRole('radio', { name: 'Deltog' }).check();
    await participants.getByRole('group', { name: 'Fremmøde for Per Lange' }).getByRole('radio', { name: 'Afbud' }).check();
    await participants.getByRole('group', { name: 'Fremmøde for René G. Nielsen' }).getByRole('radio', { name: 'Deltog' }).check();
    await participants.getByRole('group', { name: 'Fremmøde for Konsulent på Uldumprojektet' }).getByRole('radio', { name: 'Deltog' }).check();
    await navigate(page, () => participants.getByRole('button', { name: 'Gem fremmøde' }).click());
    expect(pathOf(page)).toBe(meetingPath);
    expect(await participants.getByRole('group', { name: 'Fremmøde for Per Lange' }).getByRole('radio', { name: 'Afbud' }).isChecked()).toBe(true);
    const attendance = await participants.locator('.party-attendance').innerText();
    expect(attendance).toContain('FOA: 1 deltog, 1 afbud, 0 udeblev');
    expect(attendance).toContain('Hedensted Kommune: 2 deltog, 0 afbud, 0 udeblev');

    // ---- Two follow-up actions: hvad, hvem, hvornår ----
    const followUp = page.getByRole('region', { name: 'Opfølgning (hvad, hvem, hvornår)' });
    const actions = [
      { what: 'Beskriv prøvehandlingen med fælles måltider', who: 'Konsulent på Uldumprojektet (Hedensted Kommune)', due: addDays(today, 14) },
      { what: 'Orientér FOA’s tillidsrepræsentanter om forsøget', who: 'Hanne M. Petersen (FOA)', due: addDays(today, 21) },
    ];
    for (const action of actions) {
      await navigate(page, () => followUp.getByRole('link', { name: 'Nyt opfølgningspunkt' }).click());
      expect(await heading(page)).toBe('Nyt opfølgningspunkt');
      await page.getByLabel(/^Hvad/).fill(action.what);
      await page.getByLabel('Hvem (ansvarlig)').selectOption({ label: action.who });
      await page.getByLabel('Hvornår (frist)').fill(action.due);
      await navigate(page, () => page.getByRole('button', { name: 'Opret opfølgningspunkt' }).click());
      expect(pathOf(page)).toBe(meetingPath);
      expect(await page.locator('.flash--success').innerText()).toContain('Opfølgningspunktet er oprettet.');
    }
    const actionRows = followUp.getByRole('table').getByRole('row');
    expect(await actionRows.count()).toBe(3); // the header and two actions
    const actionsText = await followUp.getByRole('table').innerText();
    expect(actionsText).toContain('Beskriv prøvehandlingen med fælles måltider');
    expect(actionsText).toContain('Orientér FOA’s tillidsrepræsentanter om forsøget');
    expect(actionsText).toContain('Hanne M. Petersen');

    // ---- Held, then the minutes ----
    await navigate(page, () => page.getByRole('button', { name: 'Markér som afholdt' }).click());
    expect(await page.locator('.facts .status').innerText()).toBe('Afholdt');
    expect(await page.getByRole('button', { name: 'Markér som afholdt' }).count()).toBe(0);

    await navigate(page, () => page.getByRole('link', { name: 'Referat', exact: true }).click());
    expect(pathOf(page)).toBe(`${meetingPath}/minutes`);
    expect(await heading(page)).toBe(`Referat: ${TITLE}`);
    await page.getByLabel('Indledning og øvrige bemærkninger').fill('Mødet blev holdt på plejecentret. Alle fik ordet – også dem, der først var skeptiske.');
    await page.getByLabel('Næste møde', { exact: true }).fill('Aftales nærmere');
    await navigate(page, () => page.getByRole('button', { name: 'Gem', exact: true }).click());
    expect(await page.locator('.flash--success').innerText()).toBe('Referatet er gemt.');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    const minutes = page.getByRole('article', { name: 'Referat' });
    expect(await minutes.innerText()).toContain('Alle fik ordet – også dem, der først var skeptiske.');
    expect(await minutes.innerText()).toContain(DECISION);
    // Typed and sent in one step: the text is kept (it was lost when sending was a form of its own).
    await page.getByLabel('Næste møde', { exact: true }).fill('Tirsdag 19. januar kl. 14 på skolen');
    await navigate(page, () => page.getByRole('button', { name: 'Gem og send til godkendelse' }).click());
    expect(await page.getByRole('main').innerText()).toContain('Status: Til godkendelse');
    expect(await page.locator('.flash--success').innerText()).toBe('Referatet er gemt og sendt til godkendelse hos parterne.');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await minutes.innerText()).toContain('Tirsdag 19. januar kl. 14 på skolen');
    expect(await page.getByRole('button', { name: 'Gem og send til godkendelse' }).count()).toBe(0);

    // Printed from the browser: only the document, "Side X af Y" and UDKAST on every page.
    await visit(page, `${meetingPath}/minutes/print`);
    await page.emulateMedia({ media: 'print' });
    const printed = pdfPages(await page.pdf({ format: 'A4' }));
    await page.emulateMedia({ media: 'screen' });
    for (const [i, text] of printed.entries()) {
      expect(text).toContain(`Side ${i + 1} af ${printed.length}`);
      expect(text).toContain('UDKAST');
      expect(text).not.toContain('Brug browserens');
      expect(text).not.toMatch(/·\s*·/);
    }
    expect(flat(printed.join(' '))).toContain(DECISION);
    await visit(page, `${meetingPath}/minutes`);

    // The draft as PDF: a Danish file name with the meeting's date, and a real PDF.
    const pdf = await download(page, () => page.getByRole('navigation', { name: 'Hent referatet' }).getByRole('link', { name: 'PDF' }).click());
    expect(pdf.fileName).toMatch(/^referat-\d{4}-\d{2}-\d{2}-.+\.pdf$/);
    expect(pdf.fileName.startsWith(`referat-${today}-`)).toBe(true);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await signOut(page);

    // ---- Hanne approves for FOA from her overview ----
    await signInAs(page, HANNE.email, HANNE.password);
    expect(await heading(page)).toBe('Overblik');
    const awaiting = page.getByRole('region', { name: 'Referater der venter på din godkendelse' });
    await navigate(page, () => awaiting.getByRole('link', { name: TITLE }).click());
    expect(pathOf(page)).toBe(`${meetingPath}/minutes`);
    expect(await page.getByRole('button', { name: 'Godkend for Hedensted Kommune' }).count()).toBe(0);
    await navigate(page, () => page.getByRole('button', { name: 'Godkend for FOA' }).click());
    expect(await page.getByRole('main').innerText()).toContain('FOA har godkendt denne version.');
    expect(await page.getByRole('main').innerText()).toContain('Status: Til godkendelse');
    expect(await page.locator('.flash--success').innerText()).toBe('Referatet er godkendt for din part.');
    expect(await page.locator('[role="alert"]').count()).toBe(0); // no false "Formularen indeholder fejl"
    expect(await page.title()).not.toMatch(/^Fejl/);
    await signOut(page);

    // ---- René approves for Hedensted Kommune: the minutes are locked ----
    await signInAs(page, RENE.email, RENE.password);
    await navigate(page, () => page.getByRole('region', { name: 'Referater der venter på din godkendelse' }).getByRole('link', { name: TITLE }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Godkend for Hedensted Kommune' }).click());
    const main = await page.getByRole('main').innerText();
    expect(main).toContain('Status: Godkendt');
    expect(main).toContain('Referatet er godkendt af alle parter og låst.');
    const approvals = await page.getByRole('article', { name: 'Referat' }).innerText();
    expect(approvals).toMatch(/FOA: godkendt af Hanne M\. Petersen/);
    expect(approvals).toMatch(/Hedensted Kommune: godkendt af René G\. Nielsen/);
    expect(approvals).not.toContain('UDKAST');

    // The meeting's content is locked: no more agenda items, actions or attendance changes.
    await navigate(page, () => page.getByRole('link', { name: 'Til mødet' }).click());
    expect(pathOf(page)).toBe(meetingPath);
    expect(await page.getByRole('main').innerText()).toContain('Referatet er godkendt, så mødets indhold er låst.');
    expect(await page.getByRole('link', { name: 'Tilføj punkt' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Nyt opfølgningspunkt' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Gem fremmøde' }).count()).toBe(0);
    await signOut(page);

    // ---- A correction after approval: a missing reason is shown, then version 2 ----
    await signInAs(page, CONSULTANT.email, CONSULTANT.password);
    await visit(page, `${meetingPath}/minutes`);
    await page.getByText('Ret referatet (ny version)').click();
    await navigate(page, () => page.getByRole('button', { name: 'Opret ny version' }).click());
    expect(await page.title()).toMatch(/^Fejl: /);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fejlopsummering');
    expect(await page.locator('details.correction').getAttribute('open')).not.toBeNull();
    expect(await page.getByLabel(/^Hvad rettes\?/).isVisible()).toBe(true);
    await page.getByLabel(/^Hvad rettes\?/).fill('Stavefejl i punkt 2');
    await navigate(page, () => page.getByRole('button', { name: 'Opret ny version' }).click());
    expect(await page.locator('.flash--success').innerText()).toContain('Version 2 er oprettet som kladde.');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await page.getByRole('main').innerText()).toContain('Status: Kladde, version 2.');
    await signOut(page);

    // Signed out, the minutes are not readable.
    await visit(page, `${meetingPath}/minutes`);
    expect(pathOf(page)).toBe('/login');
  }, 240_000); // the whole day in one browser: a safeguard, not a speed target
});

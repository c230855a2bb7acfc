// The minutes as a record both parties can sign (issue 14) in real browsers: the konsulent holds a
// meeting with a closed item (lukket punkt, marked on the item form) and a participant who is not a
// representative, writes and sends the minutes; FOA approves with a protocol remark on one item, the
// municipality approves; the konsulent corrects a decision (version 2 with its addendum and the diff
// of the changed words); both approve version 2; the konsulent makes a read-only link to the public
// version, which an anonymous browser opens (version 2, the closed item by its title only, the
// non-representative by organisation) until the link is revoked. A læser sees the closed item's
// title only. Screenshots at desktop width and 390 px go to /tmp/shots/.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { checkPage, createUserViaCli, navigate, newPage, signInAs, startServer, visit, type TestServer } from './helpers';

const PASSWORD = 'en-lang-adgangskode';
const CONSULTANT = { email: 'konsulent@uldum.test', password: PASSWORD, role: 'konsulent', person: 'Konsulent på Uldumprojektet' } as const;
const HANNE = { email: 'hanne@foa.test', password: PASSWORD, role: 'repraesentant', person: 'Hanne M. Petersen' } as const;
const RENE = { email: 'rene@hedensted.test', password: PASSWORD, role: 'repraesentant', person: 'René G. Nielsen' } as const;
const READER = { email: 'laeser@uldum.test', password: PASSWORD, role: 'laeser', name: 'Lis Læser' } as const;
/** A participant who is not one of the partnership's representatives. */
const OUTSIDER = { name: 'Karin Sørensen', title: 'Køkkenleder', organisation: 'Plejecentret i Uldum' };

const TITLE = 'Partnerskabsmøde: fælles måltider og personale';
const ORIENTATION = { title: 'Status på brunch i plejeboligen', background: 'Brunchen har kørt i seks uger; beboerne vælger selv tidspunktet.' };
const DECISION_ITEM = 'Fælles måltider på plejecentret';
const DECISION_V1 = 'Parterne godkender, at plejecentret afprøver fælles måltider i otte uger.';
const DECISION_V2 = 'Parterne godkender, at plejecentret afprøver fælles måltider i tolv uger fra 1. marts.';
const CLOSED = {
  title: 'Personalesag i køkkenet',
  background: 'Sygefraværet hos en medarbejder i køkkenet og den aftalte omplacering.',
  decision: 'Sagen følges op på næste møde med tillidsrepræsentanten.',
  reason: 'personsag',
};
const REMARK = 'FOA ønsker ført til protokol, at forsøget evalueres sammen med medarbejderne i køkkenet.';
/** What the last party to approve is told. */
const LOCKED = 'Referatet er godkendt af alle parter og nu låst.';
const CORRECTION = 'Beslutningen om fælles måltider var gengivet forkert: forsøget er på tolv uger.';

const SHOTS = '/tmp/shots';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).trim();
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

function danishToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

/** The agenda item whose heading names the title. */
function agendaItem(page: Page, title: string): Locator {
  const agenda = page.getByRole('region', { name: 'Dagsorden' });
  return agenda.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });
}

/** The number an item has on the agenda. */
async function numberOf(page: Page, title: string): Promise<number> {
  return Number((await agendaItem(page, title).locator('.agenda-number').innerText()).replace('.', ''));
}

/** Whether the page scrolls sideways, and if so the element sticking out furthest that no scroll region clips. */
function sidewaysScroll(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const clipped = (el: Element): boolean => {
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    let widest: Element | null = null;
    let right = width;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect().right;
      if (r > right + 0.5 && !clipped(el)) [widest, right] = [el, r];
    }
    const text = (widest?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `${document.documentElement.scrollWidth} px wide on ${width} px; widest <${widest?.tagName.toLowerCase() ?? '?'} class="${widest?.className ?? ''}"> ends at ${Math.round(right)} px ("${text}")`;
  });
}

/** Full-page screenshots at desktop width and on a phone (the page reloaded at each width); returns the phone's sideways scroll. */
async function shoot(page: Page, name: string): Promise<string | null> {
  const url = page.url();
  await page.setViewportSize(DESKTOP);
  await visit(page, url);
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await visit(page, url);
  const sideways = await sidewaysScroll(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await visit(page, url);
  return sideways;
}

/** Approves the minutes for the party; `said` is the confirmation the page shows. */
async function approve(page: Page, meetingPath: string, party: string, said: string, remark?: { text: string; item: string }): Promise<void> {
  await visit(page, `${meetingPath}/minutes`);
  if (remark) {
    await page.getByLabel('Protokolbemærkning (valgfri)').fill(remark.text);
    await page.getByLabel('Bemærkningen gælder').selectOption({ label: remark.item });
  }
  await navigate(page, () => page.getByRole('button', { name: `Godkend for ${party}` }).click());
  expect(pathOf(page)).toBe(`${meetingPath}/minutes`);
  expect(await page.locator('.flash--success').innerText()).toBe(said);
  expect(await page.locator('[role="alert"]').count()).toBe(0);
}

describe('the minutes as a record both parties can sign', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    await Promise.all([CONSULTANT, HANNE, RENE, READER].map((user) => createUserViaCli(server, user)));
    fs.mkdirSync(SHOTS, { recursive: true });
  });

  test('remark, addendum, closed item and a public link that shows version 2 until it is revoked', async () => {
    const page = await newPage(server);
    await page.setViewportSize(DESKTOP);

    // ---- The konsulent plans the meeting, with a participant who is not a representative ----
    await signInAs(page, CONSULTANT.email, CONSULTANT.password);
    await visit(page, '/people/new');
    await page.getByLabel(/^Navn/).fill(OUTSIDER.name);
    await page.getByLabel('Titel').fill(OUTSIDER.title);
    await page.getByLabel('Organisation').selectOption({ label: OUTSIDER.organisation });
    await page.getByLabel(/^Rolle i arbejdet/).selectOption({ label: 'Leder' });
    await navigate(page, () => page.getByRole('button', { name: 'Gem' }).click());
    expect(await heading(page)).toBe(OUTSIDER.name);
    await visit(page, '/meetings/new');
    await page.getByLabel(/^Titel/).fill(TITLE);
    await page.getByLabel(/^Dato/).fill(danishToday());
    await page.getByLabel(/^Starttid/).fill('13:00');
    await page.getByLabel(/^Sluttid/).fill('15:00');
    await page.getByLabel('Sted', { exact: true }).fill('Plejecentret i Uldum, fælles stue');
    await page.getByLabel('Brug standardpunkterne').uncheck();
    // Not proposed: not a representative.
    expect(await page.getByRole('group', { name: 'Inviterede' }).getByRole('checkbox', { name: new RegExp(OUTSIDER.name) }).count()).toBe(0);
    await navigate(page, () => page.getByRole('button', { name: 'Opret møde' }).click());
    expect(pathOf(page)).toMatch(/^\/meetings\/\d+$/);
    const meetingPath = pathOf(page);
    // Invited from the meeting page's search.
    await page.getByText('Invitér flere eller fjern deltagere').click();
    await page.getByRole('searchbox', { name: 'Find person', exact: true }).fill('Karin');
    await navigate(page, () => page.getByRole('search', { name: 'Find personer at invitere' }).getByRole('button', { name: 'Søg' }).click());
    await navigate(page, () => page.getByRole('button', { name: `Invitér ${OUTSIDER.name}` }).click());
    expect(pathOf(page)).toBe(meetingPath);

    // ---- Three items; the third is then marked closed on the item form ----
    const items = [
      { title: ORIENTATION.title, kind: 'Orientering', fields: { Sagsfremstilling: ORIENTATION.background } },
      { title: DECISION_ITEM, kind: 'Beslutning', fields: { Drøftelse: 'Personalet ønsker at spise sammen med beboerne.', Beslutning: DECISION_V1 } },
      { title: CLOSED.title, kind: 'Drøftelse', fields: { Sagsfremstilling: CLOSED.background, Beslutning: CLOSED.decision } },
    ];
    for (const item of items) {
      await navigate(page, () => page.getByRole('region', { name: 'Dagsorden' }).getByRole('link', { name: 'Tilføj punkt' }).click());
      await page.getByLabel(/^Overskrift/).fill(item.title);
      await page.getByLabel(/^Type/).selectOption({ label: item.kind });
      for (const [label, text] of Object.entries(item.fields)) await page.getByLabel(label, { exact: true }).fill(text);
      await navigate(page, () => page.getByRole('button', { name: 'Tilføj punkt' }).click());
      expect(await page.locator('.flash--success').innerText()).toContain('Punktet er tilføjet dagsordenen.');
    }
    await navigate(page, () => agendaItem(page, CLOSED.title).getByRole('link', { name: /^Redigér punkt \d+$/ }).click());
    expect(await heading(page)).toBe(`Redigér punkt: ${CLOSED.title}`);
    await page.getByLabel('Punktet er lukket').check();
    await page.getByLabel('Begrundelse', { exact: true }).fill(CLOSED.reason);
    await navigate(page, () => page.getByRole('button', { name: 'Gem punkt' }).click());
    expect(pathOf(page)).toBe(meetingPath);
    const decisionNo = await numberOf(page, DECISION_ITEM);
    const closedNo = await numberOf(page, CLOSED.title);
    const itemCount = await page.getByRole('region', { name: 'Dagsorden' }).locator('li.agenda-item').count();
    const closedItem = await agendaItem(page, CLOSED.title).innerText();
    expect(closedItem).toContain('Lukket punkt');
    expect(closedItem).toContain(`Begrundelse: ${CLOSED.reason}`);
    expect(closedItem).toContain(CLOSED.background); // the konsulent still sees the content

    // ---- Attendance (the outsider took part), held ----
    const participants = page.getByRole('region', { name: 'Deltagere' });
    for (const name of [HANNE.person, RENE.person, CONSULTANT.person, OUTSIDER.name]) {
      await participants.getByRole('group', { name: `Fremmøde for ${name}` }).getByRole('radio', { name: 'Deltog' }).check();
    }
    await navigate(page, () => participants.getByRole('button', { name: 'Gem fremmøde' }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Markér som afholdt' }).click());
    expect(await page.locator('.facts .status').innerText()).toBe('Afholdt');

    // ---- A læser sees the closed item's title and nothing of its content ----
    const reader = await newPage(server);
    await signInAs(reader, READER.email, READER.password);
    await visit(reader, meetingPath);
    const readerItem = await agendaItem(reader, CLOSED.title).innerText();
    expect(readerItem).toContain('Lukket punkt');
    expect(readerItem).toContain('Indholdet af et lukket punkt vises ikke.');
    const readerMeeting = await reader.getByRole('main').innerText();
    for (const hidden of [CLOSED.background, CLOSED.decision, CLOSED.reason]) expect(readerMeeting).not.toContain(hidden);
    expect(readerMeeting).toContain(DECISION_V1); // an open item's content is there

    // ---- The konsulent writes the minutes and sends them ----
    await navigate(page, () => page.getByRole('link', { name: 'Referat', exact: true }).click());
    expect(pathOf(page)).toBe(`${meetingPath}/minutes`);
    await page.getByLabel('Indledning og øvrige bemærkninger').fill('Mødet blev holdt på plejecentret.');
    await page.getByLabel('Næste møde', { exact: true }).fill('Tirsdag 19. januar kl. 14 på skolen');
    await navigate(page, () => page.getByRole('button', { name: 'Gem og send til godkendelse' }).click());
    expect(await page.locator('.flash--success').innerText()).toBe('Referatet er gemt og sendt til godkendelse hos parterne.');
    expect(await page.getByRole('main').innerText()).toContain('Status: Til godkendelse');

    // ---- FOA approves with a protocol remark on the decision's item ----
    const hanne = await newPage(server);
    await hanne.setViewportSize(DESKTOP);
    await signInAs(hanne, HANNE.email, HANNE.password);
    await visit(hanne, `${meetingPath}/minutes`);
    expect(await hanne.locator('.approval-box').innerText()).toContain('FOA: afventer');
    expect(await shoot(hanne, 'minutes-approval')).toBeNull();
    await approve(hanne, meetingPath, 'FOA', 'Referatet er godkendt for din part med en protokolbemærkning.', { text: REMARK, item: `${decisionNo}. ${DECISION_ITEM}` });
    const box = await hanne.locator('.approval-box').innerText();
    expect(box).toMatch(/FOA: godkendt med bemærkning af Hanne M\. Petersen/);
    expect(box).toContain('Hedensted Kommune: afventer');
    expect(box).toContain('FOA har godkendt denne version.');
    // The remark is printed under its item, with party and person.
    const draft = await hanne.getByRole('article', { name: 'Referat' }).innerText();
    expect(draft.indexOf(DECISION_V1)).toBeLessThan(draft.indexOf('Protokolbemærkning fra FOA:'));
    expect(draft.indexOf('Protokolbemærkning fra FOA:')).toBeLessThan(draft.indexOf(CLOSED.title));
    expect(draft).toContain(REMARK);
    expect(draft).toMatch(/\(Hanne M\. Petersen, [^)]+\)/);
    await hanne.screenshot({ path: path.join(SHOTS, 'minutes-approved-with-remark-desktop.png'), fullPage: true });

    // ---- The municipality approves: version 1 is locked ----
    const rene = await newPage(server);
    await signInAs(rene, RENE.email, RENE.password);
    await approve(rene, meetingPath, 'Hedensted Kommune', LOCKED);
    expect(await rene.getByRole('main').innerText()).toContain('Status: Godkendt');
    const v1Approvals = await rene.getByRole('article', { name: 'Referat' }).innerText();
    expect(v1Approvals).toMatch(/FOA: godkendt med bemærkning af Hanne M\. Petersen/);
    expect(v1Approvals).toMatch(/Hedensted Kommune: godkendt af René G\. Nielsen/);

    // ---- The læser's minutes: the closed item's title only ----
    await visit(reader, `${meetingPath}/minutes`);
    const readerMinutes = await reader.getByRole('article', { name: 'Referat' }).innerText();
    expect(readerMinutes).toContain(`${closedNo}. ${CLOSED.title}`);
    expect(readerMinutes).toContain('Lukket punkt.');
    for (const hidden of [CLOSED.background, CLOSED.decision, CLOSED.reason]) expect(readerMinutes).not.toContain(hidden);
    expect(readerMinutes).toContain(DECISION_V1);

    // ---- The konsulent corrects the decision: version 2 ----
    await visit(page, `${meetingPath}/minutes`);
    await page.getByText('Ret referatet (ny version)').click();
    await page.getByLabel(/^Hvad rettes\?/).fill(CORRECTION);
    await navigate(page, () => page.getByRole('button', { name: 'Opret ny version' }).click());
    expect(await page.locator('.flash--success').innerText()).toContain('Version 2 er oprettet som kladde.');
    await visit(page, meetingPath);
    await navigate(page, () => agendaItem(page, DECISION_ITEM).getByRole('link', { name: /^Redigér punkt \d+$/ }).click());
    await page.getByLabel('Beslutning', { exact: true }).fill(DECISION_V2);
    await navigate(page, () => page.getByRole('button', { name: 'Gem punkt' }).click());
    expect(await agendaItem(page, DECISION_ITEM).locator('.decision').innerText()).toBe(DECISION_V2);
    await navigate(page, () => page.getByRole('link', { name: 'Referat', exact: true }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Gem og send til godkendelse' }).click());
    expect(await page.getByRole('main').innerText()).toContain('Status: Til godkendelse, version 2.');
    const v2Draft = await page.getByRole('article', { name: 'Referat' }).innerText();
    expect(v2Draft).toContain(DECISION_V2);
    expect(v2Draft).not.toContain(REMARK); // a new version starts without the earlier remarks

    // ---- Both approve version 2 ----
    await approve(hanne, meetingPath, 'FOA', 'Referatet er godkendt for din part.');
    await approve(rene, meetingPath, 'Hedensted Kommune', LOCKED);
    expect(await rene.getByRole('main').innerText()).toContain('Status: Godkendt');

    // ---- Version 2 carries the addendum; version 1 keeps its remark ----
    await visit(page, `${meetingPath}/minutes`);
    const versions = page.getByRole('region', { name: 'Versioner' });
    await navigate(page, () => versions.getByRole('link', { name: 'Version 2', exact: true }).click());
    expect(await heading(page)).toBe(`Referat, version 2: ${TITLE}`);
    const v2 = page.getByRole('article', { name: 'Referat' });
    const addendum = v2.locator('section').filter({ has: page.getByRole('heading', { name: 'Tilføjelse til referatet (version 2)' }) });
    const addendumText = await addendum.innerText();
    expect(addendumText).toContain(CORRECTION);
    expect(addendumText).toContain(`Punkt ${decisionNo} (${DECISION_ITEM}): beslutning ændret.`);
    expect(await v2.innerText()).toContain(DECISION_V2);
    await visit(page, `${meetingPath}/minutes/versions/1`);
    const v1 = await page.getByRole('article', { name: 'Referat' }).innerText();
    expect(v1).toContain(DECISION_V1);
    expect(v1).toContain(REMARK);
    expect(v1).not.toContain('Tilføjelse til referatet');

    // ---- The diff marks the changed words ----
    await visit(page, `${meetingPath}/minutes`);
    await navigate(page, () => versions.getByRole('link', { name: 'Ændringer fra version 1' }).click());
    expect(pathOf(page)).toBe(`${meetingPath}/minutes/diff`);
    expect(await page.getByRole('main').innerText()).toContain(`Version 2 blev rettet, fordi: ${CORRECTION.replace(/\.$/, '')}. Tilføjet tekst`);
    const changed = page.locator('.diff-item').filter({ has: page.getByRole('heading', { name: DECISION_ITEM }) });
    expect(await changed.getByRole('heading', { level: 3 }).innerText()).toContain('Ændret');
    const inserted = (await changed.locator('ins').allInnerTexts()).join(' ');
    const deleted = (await changed.locator('del').allInnerTexts()).join(' ');
    expect(inserted).toContain('tolv');
    expect(inserted).toContain('marts');
    expect(deleted).toContain('otte');
    expect(inserted).not.toContain('Parterne godkender'); // only the changed words, not the whole text
    // Read without the marked removals it is version 2's decision, without the additions version 1's.
    const decisionDiff = changed.locator('dd').filter({ has: page.locator('ins') });
    const readAs = (drop: 'ins' | 'del') =>
      decisionDiff.evaluate((dd, tag) => {
        const copy = dd.cloneNode(true) as Element;
        copy.querySelectorAll(tag).forEach((el) => el.remove());
        return (copy.textContent ?? '').replace(/\s+/g, ' ').replace(/ ([.,])/g, '$1').trim();
      }, drop);
    expect(await readAs('del')).toBe(DECISION_V2);
    expect(await readAs('ins')).toBe(DECISION_V1);
    expect(await page.locator('.diff-item--same').count()).toBe(itemCount - 1);
    await page.screenshot({ path: path.join(SHOTS, 'minutes-diff-desktop.png'), fullPage: true });

    // ---- The public version, and a link without login ----
    await visit(page, `${meetingPath}/minutes`);
    await navigate(page, () => page.getByRole('navigation', { name: 'Hent referatet' }).getByRole('link', { name: 'Offentlig version' }).click());
    expect(pathOf(page)).toBe(`${meetingPath}/minutes/public`);
    expect(await heading(page)).toBe(`Offentlig version af referatet: ${TITLE}`);
    await navigate(page, () => page.getByRole('button', { name: 'Lav et nyt link' }).click());
    expect(await page.locator('.flash--success').innerText()).toContain('Det offentlige link er lavet.');
    const link = await page.locator('input.link-field').inputValue();
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/offentlig/[A-Za-z0-9_-]{20,}$`));
    expect(await shoot(page, 'minutes-public')).toBeNull();
    await visit(page, meetingPath);
    expect(await page.locator('.facts').innerText()).toContain('1 aktivt link uden login');

    // ---- Anyone with the link, not signed in ----
    const anonymous = await newPage(server);
    await anonymous.setViewportSize(DESKTOP);
    await visit(anonymous, link);
    expect(pathOf(anonymous)).toMatch(/^\/offentlig\//);
    const published = await anonymous.getByRole('article').innerText();
    expect(published).toContain(`Referat (offentlig version): ${TITLE}`);
    expect(published).toContain(DECISION_V2);
    expect(published).toContain('Tilføjelse til referatet (version 2)');
    expect(published).not.toContain(DECISION_V1);
    expect(published).toContain(`${closedNo}. ${CLOSED.title}`);
    expect(published).toContain('Lukket punkt.');
    for (const hidden of [CLOSED.background, CLOSED.decision, CLOSED.reason]) expect(published).not.toContain(hidden);
    expect(published).not.toContain(OUTSIDER.name);
    const attendees = await anonymous.locator('dl.facts dd').nth(3).innerText();
    expect(attendees).toContain(HANNE.person);
    expect(attendees).toContain(RENE.person);
    expect(attendees).toContain('FOA');
    expect(await anonymous.getByRole('link', { name: 'Log ud' }).count()).toBe(0);
    expect(await shoot(anonymous, 'public-link')).toBeNull();

    // ---- Revoked: 404 at once ----
    await visit(page, `${meetingPath}/minutes/public`);
    await navigate(page, () => page.getByRole('button', { name: /^Tilbagekald/ }).click());
    expect(await page.locator('.flash--success').innerText()).toBe('Linket er tilbagekaldt og virker ikke længere.');
    expect(await page.locator('input.link-field').count()).toBe(0);
    const gone = await anonymous.goto(link);
    await checkPage(anonymous);
    expect(gone?.status()).toBe(404);
    expect(await anonymous.getByRole('main').innerText()).not.toContain(TITLE);
  }, 420_000); // two versions approved by two parties in five browsers: a safeguard, not a speed target
});

// The status report page (/reports/status?from=&to=) on a fixed data set: exactly the period's
// items in each section, totals, overdue relative to the period's end, attendance per party,
// the default period, invalid periods (422) and who may read it.
import request from 'supertest';
import type { AppRole } from '../../server/db/schema';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { fieldError, fieldValue, unescapeHtml } from '../helpers/html';
import { ESCAPE, EXPECTED, FROM, QUERY, reportData, SECTIONS, TO } from './fixture';

/** The page's sections by heading: their HTML, visible text, table rows and list items. */
function sections(html: string) {
  const out = new Map<string, { html: string; text: string; rows: string[][]; columns: string[]; items: string[]; paragraphs: string[] }>();
  for (const m of html.matchAll(/<section>\s*<h2>([^<]*)<\/h2>([\s\S]*?)<\/section>/g)) {
    const body = m[2];
    const cell = (c: string) => unescapeHtml(c.replace(/<[^>]+>/g, ''));
    out.set(unescapeHtml(m[1]), {
      html: body,
      text: unescapeHtml(body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' '),
      columns: [...body.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((c) => cell(c[1])),
      rows: [...body.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)].flatMap((t) =>
        [...t[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td class="text">([\s\S]*?)<\/td>/g)].map((c) => cell(c[1]))),
      ),
      items: [...body.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((i) => cell(i[1])),
      paragraphs: [...body.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((i) => cell(i[1])),
    });
  }
  return out;
}

/** The chart itself (the role="img" SVG), without the legend's swatches. */
function svgOf(html: string): string {
  const start = html.indexOf('<svg viewBox');
  if (start < 0) throw new Error('no chart');
  return html.slice(start, html.indexOf('</svg>', start));
}

async function reportPage(url = `/reports/status?${QUERY}`, role: AppRole = 'laeser') {
  const { app, db } = await testApp();
  await reportData(db);
  const user = await signedIn(app, db, role);
  const res = await user.agent.get(url);
  return { res, html: res.text, user };
}

describe('/reports/status for 1.8.–31.10.2026', () => {
  /** Each test builds the data set on its own fresh database and reads the page. */
  async function fixedReport() {
    const r = await reportPage();
    expect(r.res.status).toBe(200);
    const page = sections(r.html);
    const section = (heading: (typeof SECTIONS)[number]) => {
      const s = page.get(heading);
      if (!s) throw new Error(`no section "${heading}"`);
      return s;
    };
    return { html: r.html, page, section };
  }

  it('opens with the partnership and the period in figures, then the sections in order, the period and download links that keep it', async () => {
    const { html, page } = await fixedReport();
    expect([...page.keys()]).toEqual([...SECTIONS]);
    expect(html).toContain(`<p>Periode: 01.08.2026–31.10.2026 · dannet 24.11.2026 11.00</p>`);
    expect(html).toContain(`<a href="/reports/status.pdf?from=${FROM}&amp;to=${TO}">PDF</a>`);
    expect(html).toContain(`<a href="/reports/status.docx?from=${FROM}&amp;to=${TO}">Word (DOCX)</a>`);
    expect(fieldValue(html, 'from')).toBe(FROM);
    expect(fieldValue(html, 'to')).toBe(TO);
  });

  it('lists the meetings held in the period with their decisions, not cancelled, unheld or outside ones', async () => {
    const { section } = await fixedReport();
    const s = section('Møder og beslutninger');
    expect(s.paragraphs).toEqual([EXPECTED.meetings.summary]);
    expect(s.columns).toEqual(['Dato', 'Møde', 'Beslutninger', 'Værdi (1–5)']);
    expect(s.rows).toEqual(EXPECTED.meetings.rows);
    for (const text of EXPECTED.meetings.absent) expect([text, s.text.includes(text)]).toEqual([text, false]);
  });

  it('lists the status changes of initiatives and trial actions in the period, in Copenhagen time', async () => {
    const { section } = await fixedReport();
    const s = section('Initiativer og prøvehandlinger');
    expect(s.columns).toEqual(['Dato', 'Initiativ', 'Ændring', 'Begrundelse']);
    expect(s.rows).toEqual(EXPECTED.initiatives.rows);
    for (const text of EXPECTED.initiatives.absent) expect([text, s.text.includes(text)]).toEqual([text, false]);
  });

  it('shows the story the partnership meeting chose as most significant, with why; not one chosen in a closed item or outside the period', async () => {
    const { section, html } = await fixedReport();
    const s = section('Mest betydningsfulde forandring');
    expect(s.columns).toEqual(['Møde', 'Historien', 'Initiativ', 'Hvorfor den blev valgt']);
    expect(s.rows).toEqual(EXPECTED.msc.rows);
    for (const text of EXPECTED.msc.absent) expect([text, html.includes(text)]).toEqual([text, false]);
  });

  it('shows the measurements and learnings dated in the period', async () => {
    const { section } = await fixedReport();
    const effects = section('Effekt');
    const learnings = section('Erfaringer');
    expect(effects.rows).toEqual([...EXPECTED.effects.rows, ...EXPECTED.effects.followUp]);
    expect(effects.columns.slice(5)).toEqual(['Initiativ', 'Indikator', 'Periode', 'Status', 'Godkendt værdi', 'Mål', 'Markering']);
    expect(learnings.items).toEqual(EXPECTED.effects.learnings);
    for (const text of EXPECTED.effects.absent) expect([text, effects.text.includes(text) || learnings.text.includes(text)]).toEqual([text, false]);
  });

  it('counts role evidence per role in the period, with a chart of the same numbers', async () => {
    const { html, section } = await fixedReport();
    const s = section('Rollerne i praksis');
    expect(s.rows).toEqual(EXPECTED.roles.rows);
    expect(s.html).toMatch(/<svg [^>]*role="img" aria-labelledby="roles-chart-title roles-chart-desc"/);
    expect(s.html).toContain('<title id="roles-chart-title">Rolleobservationer pr. rolle i perioden</title>');
    expect(s.html).toMatch(/<desc id="roles-chart-desc">[^<]+<\/desc>/);
    const heights = [...svgOf(s.html).matchAll(/height="([\d.]+)" class="chart-bar-0"/g)].map((m) => Number(m[1]));
    const counts = EXPECTED.roles.rows.map((r) => Number(r[2]));
    expect(heights).toHaveLength(8);
    for (const [i, n] of counts.entries()) expect(heights[i]).toBeCloseTo((n / 2) * Math.max(...heights), 1);
  });

  it('lists the FeF decisions of the period with hours saved and the total per decision', async () => {
    const { section } = await fixedReport();
    const s = section('Forklar eller fjern');
    expect(s.columns).toEqual(['Regel eller arbejdsgang', 'Beslutning', 'Timer sparet pr. måned', 'Besluttet på']);
    expect(s.rows).toEqual(EXPECTED.fef.rows);
    expect(s.items).toEqual(EXPECTED.fef.totals);
    for (const text of EXPECTED.fef.absent) expect([text, s.text.includes(text)]).toEqual([text, false]);
  });

  it('lists the actions open at the end of the period, overdue counted against that day', async () => {
    const { section } = await fixedReport();
    const s = section('Opfølgningspunkter');
    expect(s.paragraphs).toEqual([EXPECTED.actions.summary]);
    expect(s.rows).toEqual(EXPECTED.actions.rows);
    for (const text of EXPECTED.actions.absent) expect([text, s.text.includes(text)]).toEqual([text, false]);
  });

  it('counts attendance per party at meetings held in the period, with a chart of the same numbers', async () => {
    const { html, section } = await fixedReport();
    const s = section('Fremmøde pr. part');
    expect(s.columns).toEqual(EXPECTED.attendance.columns);
    expect(s.rows).toEqual(EXPECTED.attendance.rows);
    expect(s.html).toContain('<title id="attendance-chart-title">Fremmøde pr. part i perioden</title>');
    const bars = [...svgOf(s.html).matchAll(/height="([\d.]+)" class="chart-bar-(\d)"/g)].map((m) => Number(m[1]));
    const numbers = EXPECTED.attendance.rows.flatMap((r) => r.slice(1, 4).map(Number)); // deltog, afbud, udeblev
    const tallest = Math.max(...bars);
    expect(bars.map((h) => Math.round((h / tallest) * 2))).toEqual(numbers);
    expect(s.text).not.toContain('Plejecentret');
  });

  it('shows user text escaped: no raw script element, the characters intact', async () => {
    const { html, section } = await fixedReport();
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Æblegrød&#34; *fed*');
    expect(section('Møder og beslutninger').rows[0][2]).toContain(ESCAPE);
    expect(section('Initiativer og prøvehandlinger').rows[0][1]).toBe(ESCAPE);
  });
});

describe('/reports/status periods', () => {
  it('defaults to the last three months up to today (Copenhagen)', async () => {
    const { res, html } = await reportPage('/reports/status');
    expect(res.status).toBe(200);
    expect(html).toContain('<p>Periode: 25.08.2026–24.11.2026 · dannet 24.11.2026 11.00</p>');
    expect(fieldValue(html, 'from')).toBe('2026-08-25');
    expect(fieldValue(html, 'to')).toBe('2026-11-24');
    expect(html).toContain('<a href="/reports/status.pdf?from=2026-08-25&amp;to=2026-11-24">PDF</a>');
    const meetings = sections(html).get('Møder og beslutninger')!;
    expect(meetings.rows.map((r) => r[1])).toEqual(['Partnerskabsmøde i september', 'Sent møde', 'Møde efter perioden']);
    // Today is the end now: "Book lokale" (due 10.11.2026) is overdue, and the action made in November is open.
    const actions = sections(html).get('Opfølgningspunkter')!;
    expect(actions.paragraphs).toEqual(['5 åbne opfølgningspunkter ved periodens slut, heraf 3 overskredne.']);
    expect(actions.rows.map((r) => r[0])).toEqual(['Send invitation til frivillige', 'Book lokale', 'Oprettet efter perioden', 'Skriv evaluering', 'Uden frist']);
  });

  it('takes only a start date up to today, and only an end date three months back', async () => {
    const { user } = await reportPage();
    expect((await user.agent.get('/reports/status?from=2026-10-01')).text).toContain('Periode: 01.10.2026–24.11.2026');
    expect((await user.agent.get('/reports/status?to=2026-10-31')).text).toContain('Periode: 01.08.2026–31.10.2026');
    expect((await user.agent.get('/reports/status?from=2026-10-31&to=2026-10-31')).text).toContain('Periode: 31.10.2026–31.10.2026');
  });

  it.each([
    ['from=2026-13-01&to=2026-10-31', 'from', 'Skriv startdatoen som ÅÅÅÅ-MM-DD', '2026-13-01'],
    ['from=2026-02-30&to=2026-10-31', 'from', 'Skriv startdatoen som ÅÅÅÅ-MM-DD', '2026-02-30'],
    ['from=2026-08-01&to=31.10.2026', 'to', 'Skriv slutdatoen som ÅÅÅÅ-MM-DD', '31.10.2026'],
    ['from=2026-10-31&to=2026-08-01', 'to', 'Slutdatoen skal ligge efter startdatoen', '2026-08-01'],
    ['from=2016-01-01&to=2025-12-31', 'from', 'Vælg en periode på højst to år', '2016-01-01'],
  ])('answers 422 for %s with the Danish message beside the field and the input kept', async (query, field, message, kept) => {
    const { res, html } = await reportPage(`/reports/status?${query}`);
    expect(res.status).toBe(422);
    expect(fieldError(html, field)).toBe(message);
    expect(fieldValue(html, field)).toBe(kept);
    expect(html).toContain('Perioden er ugyldig.');
    expect(html).not.toContain('<h2>Møder og beslutninger</h2>');
    expect(html).not.toContain('status.pdf');
  });

  it('gives a report of two years, the longest period (a longer one is refused above)', async () => {
    const { res } = await reportPage('/reports/status?from=2024-11-01&to=2026-10-31');
    expect(res.status).toBe(200);
  });

  it('answers 422 when a start date alone lies after today', async () => {
    const { res, html } = await reportPage('/reports/status?from=2027-01-01');
    expect(res.status).toBe(422);
    expect(fieldError(html, 'from')).toBe('Startdatoen kan ikke ligge efter i dag, når der ikke er valgt en slutdato');
  });

  it.each(['pdf', 'docx'])('answers 422 with the form for an invalid period in .%s', async (ext) => {
    const { res, html } = await reportPage(`/reports/status.${ext}?from=2026-10-31&to=2026-08-01`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(fieldError(html, 'to')).toBe('Slutdatoen skal ligge efter startdatoen');
  });
});

describe('/reports/status access', () => {
  it.each(['admin', 'konsulent', 'repraesentant', 'laeser'] as AppRole[])('lets a %s read the report and its downloads', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const page = await user.agent.get(`/reports/status?${QUERY}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Statusrapport</h1>');
    expect(page.text).toContain('Ingen møder afholdt i perioden.');
    expect((await user.agent.get(`/reports/status.docx?${QUERY}`)).status).toBe(200);
  });

  it.each(['/reports/status', `/reports/status?${QUERY}`, `/reports/status.pdf?${QUERY}`, `/reports/status.docx?${QUERY}`])('sends a signed-out visitor of %s to /login', async (url) => {
    const { app, db } = await testApp();
    await signedIn(app, db, 'admin'); // someone exists, so the app is past /setup
    const res = await request(app).get(url);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
  });
});

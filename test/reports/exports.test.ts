// The status report as PDF (text read back with pdfjs-dist) and DOCX (unzipped with jszip): the
// same sections and values as the page, user text literal and intact, Danish letters, page numbers
// and file names.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { download, openDocx, pdfPages, wordParagraphs } from '../exports/fixture';
import { ESCAPE, EXPECTED, QUERY, reportData, SECTIONS } from './fixture';

const squash = (text: string) => text.replace(/\s+/g, '');

/**
 * Fails unless every marker occurs in the text, each after the previous one. White space is
 * ignored: a narrow table cell may wrap anywhere, even inside a long word.
 */
function expectInOrderIgnoringSpace(text: string, markers: string[]): void {
  const haystack = squash(text);
  let from = 0;
  for (const marker of markers) {
    const at = haystack.indexOf(squash(marker), from);
    if (at < 0) throw new Error(haystack.includes(squash(marker)) ? `"${marker}" is out of order` : `"${marker}" is missing`);
    from = at + squash(marker).length;
  }
}

/** Everything the report holds for the fixed period, in the order the page shows it. */
function contentInOrder(): string[] {
  return [
    'Statusrapport',
    'Hedensted Kommune og FOA',
    'Periode: 01.08.2026–31.10.2026 · dannet 24.11.2026 11.00',
    SECTIONS[0],
    'Møder afholdt',
    SECTIONS[1],
    EXPECTED.meetings.summary,
    'Afholdte møder',
    ...EXPECTED.meetings.rows.flat(),
    SECTIONS[2],
    ...EXPECTED.initiatives.rows.flat(),
    SECTIONS[3],
    ...EXPECTED.effects.rows.flat(),
    ...EXPECTED.effects.followUp.flat(),
    SECTIONS[4],
    ...EXPECTED.effects.learnings,
    SECTIONS[5],
    ...EXPECTED.msc.rows.flat(),
    SECTIONS[6],
    ...EXPECTED.roles.rows.flat(),
    SECTIONS[7],
    ...EXPECTED.fef.rows.flat(),
    ...EXPECTED.fef.totals,
    SECTIONS[8],
    EXPECTED.actions.summary,
    ...EXPECTED.actions.rows.flat(),
    SECTIONS[9],
    ...EXPECTED.attendance.columns,
    ...EXPECTED.attendance.rows.flat(),
  ].filter((m) => m !== '');
}

const ABSENT = [...EXPECTED.meetings.absent, ...EXPECTED.initiatives.absent.filter((t) => t !== 'Oprettet'), ...EXPECTED.fef.absent, ...EXPECTED.actions.absent, ...EXPECTED.msc.absent, 'Erfaring efter perioden', 'Erfaring før perioden'];

async function exported(ext: 'pdf' | 'docx') {
  const { app, db } = await testApp();
  await reportData(db);
  const reader = await signedIn(app, db, 'laeser');
  const res = await download(reader.agent, `/reports/status.${ext}?${QUERY}`);
  expect(res.status).toBe(200);
  return res;
}

describe('/reports/status.pdf', () => {
  it('holds the page’s sections and values in order, with page numbers and the file name of the period', async () => {
    const res = await exported('pdf');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="statusrapport-2026-08-01-2026-10-31.pdf"');
    expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPages(res.body);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    pages.forEach((page, i) => {
      expect(page).toContain(`Side ${i + 1} af ${pages.length}`);
      expect(page).toContain('Statusrapport');
    });
    // No page ends with a heading or a table caption whose content starts on the next page.
    const captions = ['Afholdte møder', 'Statusændringer', 'Målinger i perioden', 'Effektopfølgning pr. periode', 'Rolleobservationer pr. rolle', 'Beslutninger i perioden', 'Åbne opfølgningspunkter', 'Fremmøde ved afholdte møder'];
    pages.forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
      const body = lines.slice(0, lines.lastIndexOf('Statusrapport')); // the running header and page number are drawn last
      const last = body[body.length - 1];
      expect([i + 1, last, [...SECTIONS, ...captions].includes(last)]).toEqual([i + 1, last, false]);
    });
    const text = pages.join('\n');
    expectInOrderIgnoringSpace(text, contentInOrder());
    for (const t of ABSENT) expect([t, squash(text).includes(squash(t))]).toEqual([t, false]);
  });

  it('writes user text literally and keeps æøå', async () => {
    const pages = pdfPages((await exported('pdf')).body);
    const text = pages.join('\n');
    // The escape text is an initiative title (three times, once as the chosen story's initiative and four times in
    // Effektopfølgning) and one decision.
    expect(squash(text).split(squash(ESCAPE)).length - 1).toBe(9);
    expect(text).not.toContain('&lt;');
    expect(text).not.toContain('&amp;');
    for (const word of ['Møder og beslutninger', 'Rollerne i praksis', 'Fremmøde pr. part', 'Effektjæger', 'Netværkssmed', 'Oversætter', 'Åben', 'Ændret']) {
      expect([word, text.includes(word)]).toEqual([word, true]);
    }
  });
});

describe('/reports/status.docx', () => {
  async function docx() {
    const res = await exported('docx');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe('attachment; filename="statusrapport-2026-08-01-2026-10-31.docx"');
    return openDocx(res.body);
  }

  /** The paragraphs (as text) that carry the given paragraph style. */
  function styled(xml: string, style: string): string[] {
    return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
      .flatMap((p) => wordParagraphs(p));
  }

  it('has the title, a Heading1 per section and the content in the page’s order', async () => {
    const d = await docx();
    expect(styled(d.document, 'Title')).toEqual(['Statusrapport']);
    expect(styled(d.document, 'Heading1')).toEqual([...SECTIONS]);
    expectInOrderIgnoringSpace(d.paragraphs.join('\n'), contentInOrder());
    for (const t of ABSENT) expect([t, d.paragraphs.join('\n').includes(t)]).toEqual([t, false]);
    expect(d.footers.join('')).toMatch(/Side [\s\S]*PAGE[\s\S]* af [\s\S]*NUMPAGES/);
  });

  it('puts each table in a w:tbl with a header row and one row per item, line breaks as w:br', async () => {
    const d = await docx();
    const tables = [...d.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    const rows = tables.map((t) => [...t.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => wordParagraphs(c[0]).join('\n'))));
    expect(rows).toEqual([
      [['Dato', 'Møde', 'Beslutninger', 'Værdi (1–5)'], ...EXPECTED.meetings.rows],
      [['Dato', 'Initiativ', 'Ændring', 'Begrundelse'], ...EXPECTED.initiatives.rows],
      [['Initiativ', 'Indikator', 'Dato', 'Værdi', 'Udgangspunkt → mål'], ...EXPECTED.effects.rows],
      [['Initiativ', 'Indikator', 'Periode', 'Status', 'Godkendt værdi', 'Mål', 'Markering'], ...EXPECTED.effects.followUp],
      [['Møde', 'Historien', 'Initiativ', 'Hvorfor den blev valgt'], ...EXPECTED.msc.rows],
      [['Rolle', 'Type', 'Observationer'], ...EXPECTED.roles.rows],
      [['Regel eller arbejdsgang', 'Beslutning', 'Timer sparet pr. måned', 'Besluttet på'], ...EXPECTED.fef.rows],
      [['Hvad', 'Hvem', 'Frist', 'Status'], ...EXPECTED.actions.rows],
      [EXPECTED.attendance.columns, ...EXPECTED.attendance.rows],
    ]);
    for (const t of tables) expect(t).toMatch(/<w:tblHeader\/>/);
    // The decisions of one meeting are lines of one cell: Word shows a newline inside w:t as a space.
    expect(/<w:t(?:\s[^>]*)?>[^<]*\n[^<]*</.exec(d.document)?.[0]).toBeUndefined();
    expect(tables[0]).toContain('<w:br/>');
  });

  it('writes the period’s summaries and bullet lists as paragraphs', async () => {
    const d = await docx();
    expect(d.paragraphs).toEqual(expect.arrayContaining([EXPECTED.meetings.summary, EXPECTED.actions.summary, ...EXPECTED.effects.learnings, ...EXPECTED.fef.totals]));
  });

  it('escapes user text as XML: no raw <script>, the text and æøå intact', async () => {
    const d = await docx();
    expect(d.document).not.toMatch(/<script/i);
    expect(d.document).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;');
    const cells = d.paragraphs.filter((p) => p.includes(ESCAPE));
    expect(cells).toEqual([EXPECTED.meetings.rows[0][2], ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE, ESCAPE]);
    expect(d.paragraphs).toContain('Netværkssmed');
    expect(d.paragraphs).toContain('Fremmøde pr. part');
  });
});

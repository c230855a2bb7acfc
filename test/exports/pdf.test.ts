// The minutes as PDF, read back page by page with pdfjs-dist: what a reader of the file sees.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { anAction, personId } from '../helpers/factories';
import { PARTNERSHIP_NAME } from '../../seeds/partnership';
import {
  APPROVED_AT_TEXT,
  ESCAPE,
  STRUCTURE_LINES,
  TITLE,
  bigMeeting,
  download,
  expectInOrder,
  flat,
  fullMeeting,
  itemTitle,
  pdfPages,
} from './fixture';

async function pdfOf(state: 'draft' | 'approved') {
  const { app, db } = await testApp();
  const reader = await signedIn(app, db, 'laeser');
  const { meetingId, order } = await fullMeeting(db, state);
  const res = await download(reader.agent, `/meetings/${meetingId}/minutes.pdf`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { body: res.body, pages: pdfPages(res.body), order };
}

function expectPageNumbers(pages: string[]) {
  pages.forEach((text, i) => expect(text).toContain(`Side ${i + 1} af ${pages.length}`));
}

describe('minutes.pdf', () => {
  it('is an A4 document with the SPEC content in order, a header and "Side n af m" on every page', async () => {
    const { body, pages, order } = await pdfOf('approved');
    const mediaBoxes = [...body.toString('latin1').matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) => m[1].trim());
    expect(mediaBoxes).toHaveLength(pages.length);
    for (const box of mediaBoxes) expect(box).toBe('0 0 595.28 841.89'); // A4 in points
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expectPageNumbers(pages);
    for (const page of pages) expect(flat(page)).toContain(`${PARTNERSHIP_NAME} · ${TITLE}`);
    expectInOrder(pages.join('\n'), order);
  });

  it('names who approved for each party and when, and the version, with no UDKAST', async () => {
    const { pages } = await pdfOf('approved');
    const text = flat(pages.join('\n'));
    expect(text).toContain(`Hedensted Kommune: godkendt af René G. Nielsen ${APPROVED_AT_TEXT}`);
    expect(text).toContain(`FOA: godkendt af Hanne M. Petersen ${APPROVED_AT_TEXT}`);
    expect(text).toContain('Version 1');
    for (const page of pages) expect(page).not.toMatch(/UDKAST/);
  });

  it('marks a draft UDKAST on every page and lists the parties as not yet approved', async () => {
    const { pages } = await pdfOf('draft');
    for (const page of pages) expect(page).toMatch(/UDKAST/);
    const text = flat(pages.join('\n'));
    expect(text).toContain('Hedensted Kommune: ikke godkendt');
    expect(text).toContain('FOA: ikke godkendt');
    expect(text).not.toMatch(/godkendt af (René|Hanne)/);
  });

  it('keeps æøå and user text that looks like markup exactly as written', async () => {
    const { body, pages } = await pdfOf('draft');
    const text = flat(pages.join('\n'));
    expect(text).toContain('Velkommen til Åse fra Ærø.');
    expect(text).toContain('Møde på Ærø – åbent');
    expect(text).toContain(ESCAPE);
    for (const line of STRUCTURE_LINES) expect(pages.join('\n').split('\n')).toContain(line);
    // The text is drawn with the embedded DejaVu Sans, not a standard font without æøå.
    expect(body.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(body.toString('latin1')).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it('draws the follow-up actions as a table whose header row repeats on each page it spans', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const { meetingId } = await fullMeeting(db, 'draft');
    const hanne = await personId(db, 'Hanne M. Petersen');
    for (let i = 1; i <= 70; i++) {
      await anAction(db, meetingId, { text: `Handling nummer ${String(i).padStart(2, '0')} for Ærø`, owner_id: hanne, due_date: '2027-02-01' });
    }
    const pages = pdfPages((await download(reader.agent, `/meetings/${meetingId}/minutes.pdf`)).body);
    const withRows = pages.filter((p) => /Handling nummer \d\d for Ærø/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) expect(flat(page)).toContain('Hvad Hvem Hvornår Status');
    // Each row reads across: what, who, when, status.
    const text = flat(pages.join('\n'));
    for (let i = 1; i <= 70; i++) expect(text).toContain(`Handling nummer ${String(i).padStart(2, '0')} for Ærø Hanne M. Petersen 01.02.2027 Åben`);
    expectPageNumbers(pages);
  }, 20_000);

  it('exports a 100-item meeting with every item over several numbered pages', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const { meetingId, titles } = await bigMeeting(db, 100);
    const res = await download(reader.agent, `/meetings/${meetingId}/minutes.pdf`);
    expect(res.status).toBe(200);
    const pages = pdfPages(res.body);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expectPageNumbers(pages);
    for (const page of pages) expect(page).toMatch(/UDKAST/);
    const text = pages.join('\n');
    expectInOrder(
      text,
      titles.map((t, i) => `${i + 1}. ${t}`),
    );
    expect(flat(text)).toContain(`Beslutning 100.`);
    expect(titles[99]).toBe(itemTitle(100));
  }, 20_000);
});

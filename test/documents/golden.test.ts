// The golden test of the one document model: one fixture referat (æøå, line breaks, an empty
// agenda item, one party's approval, UDKAST) through all four writers, each read back as its
// reader would (pdf.js, LibreOffice, markdown-it, the browser's text of the print page). Every
// format must carry every text of the document, in the same order.
import MarkdownIt from 'markdown-it';
import JSZip from 'jszip';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { documentTexts } from '../../server/documents/model';
import { approveMinutes, referatForExport, sendForApproval } from '../../server/meetings/minutes';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { anAgendaItem, aUser } from '../helpers/factories';
import { APPROVED_AT, download, expectInOrder, flat, fullMeeting, pdfPages, visibleText, wordParagraphs } from '../exports/fixture';
import { libreOfficePdf, libreOfficeText, withLibreOffice } from './readers';

async function goldenReferat() {
  const { app, db } = await testApp();
  const { meetingId } = await fullMeeting(db, 'draft');
  await anAgendaItem(db, meetingId, { title: 'Punkt uden tekst – Ærø', kind: 'orientering', background: '', discussion: '', decision: '' });
  await sendForApproval(db, meetingId, SYSTEM_ACTOR, APPROVED_AT);
  await approveMinutes(db, meetingId, await aUser(db, 'repraesentant', 'Hanne M. Petersen'), APPROVED_AT);
  const { model } = await referatForExport(db, meetingId);
  const reader = await signedIn(app, db, 'laeser');
  const get = async (suffix: string) => (await download(reader.agent, `/meetings/${meetingId}${suffix}`)).body;
  return { model, texts: documentTexts(model), get };
}

describe('the referat in every format', () => {
  let golden: Awaited<ReturnType<typeof goldenReferat>>;
  beforeAll(async () => {
    golden = await goldenReferat();
  });

  it('is the fixture the test means: UDKAST, æøå, line breaks, an empty item, one approval', () => {
    const { texts, model } = golden;
    expect(model.watermark).toBe('UDKAST');
    expect(texts[0]).toBe('UDKAST – ikke godkendt af alle parter');
    expect(texts).toContain('4. Punkt uden tekst – Ærø (Orientering)');
    expect(texts.some((t) => t.includes('\n'))).toBe(true);
    expect(texts).toContain('FOA');
    expect(texts.find((t) => t.startsWith('godkendt af Hanne M. Petersen'))).toBeDefined();
    expect(texts).toContain('ikke godkendt'); // Hedensted Kommune has not yet
  });

  it('PDF, as pdf.js reads it', async () => {
    const pages = pdfPages(await golden.get('/minutes.pdf'));
    expectInOrder(pages.join('\n'), golden.texts);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(`Side ${i + 1} af ${pages.length}`);
      expect(page).toContain('UDKAST');
    }
    expect(pages.join('')).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('DOCX, as its XML holds it', async () => {
    const zip = await JSZip.loadAsync(await golden.get('/minutes.docx'));
    const paragraphs = wordParagraphs(await zip.file('word/document.xml')!.async('string'));
    expectInOrder(paragraphs.join('\n'), golden.texts);
  });

  withLibreOffice('DOCX, as LibreOffice opens it: the same texts, and "Side X af Y" with UDKAST on every page', async () => {
    const docx = await golden.get('/minutes.docx');
    expectInOrder(libreOfficeText(docx), golden.texts);
    const pages = pdfPages(libreOfficePdf(docx));
    expect(pages.length).toBeGreaterThan(0);
    for (const [i, page] of pages.entries()) {
      expect(flat(page)).toContain(`Side ${i + 1} af ${pages.length}`);
      expect(page).toContain('UDKAST');
    }
  }, 120_000);

  it('Markdown, as markdown-it renders it', async () => {
    const html = new MarkdownIt({ html: true }).render((await golden.get('/minutes.md')).toString('utf8'));
    expectInOrder(visibleText(html), golden.texts);
  });

  it('HTML, as the print page shows it', async () => {
    const html = (await golden.get('/minutes/print')).toString('utf8');
    const main = /<main>([\s\S]*)<\/main>/.exec(html)![1];
    expectInOrder(visibleText(main), golden.texts);
  });
});

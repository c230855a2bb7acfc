// The golden test of the one document model: one fixture referat (æøå, line breaks, an empty
// agenda item, one party's approval, UDKAST, an item with indstilling, presenter, time and a
// bilag, a bilag of the meeting) through all four writers, each read back as its reader would
// (pdf.js, LibreOffice, markdown-it, the browser's text of the print page). Every format must
// carry every text of the document, in the same order. The same meeting's agenda likewise.
import MarkdownIt from 'markdown-it';
import JSZip from 'jszip';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { documentTexts } from '../../server/documents/model';
import { approveMinutes, referatForExport, sendForApproval } from '../../server/meetings/minutes';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { anAgendaItem, aUser } from '../helpers/factories';
import { buildAgendaDocument } from '../../server/meetings/agenda-document';
import { APPROVED_AT, BILAG, CHAIR, ITEM, STRUCTURE_LINES, download, expectInOrder, flat, fullMeeting, pdfPages, visibleText, wordParagraphs } from '../exports/fixture';
import { libreOfficePdf, libreOfficeText, withLibreOffice } from './readers';

async function goldenReferat() {
  const { app, db } = await testApp();
  const { meetingId } = await fullMeeting(db, 'draft');
  await anAgendaItem(db, meetingId, { title: 'Punkt uden tekst – Ærø', kind: 'orientering', background: '', discussion: '', decision: '' });
  await sendForApproval(db, meetingId, SYSTEM_ACTOR, APPROVED_AT);
  await approveMinutes(db, meetingId, await aUser(db, 'repraesentant', 'Hanne M. Petersen'), APPROVED_AT);
  const { model } = await referatForExport(db, meetingId);
  const agenda = (await buildAgendaDocument(db, meetingId)).model;
  const reader = await signedIn(app, db, 'laeser');
  const get = async (suffix: string) => (await download(reader.agent, `/meetings/${meetingId}${suffix}`)).body;
  return { model, texts: documentTexts(model), agenda, agendaTexts: documentTexts(agenda), get };
}

/** Each format's text as its reader sees it; `base` is 'minutes' or 'agenda'. */
async function formats(get: (suffix: string) => Promise<Buffer>, base: 'minutes' | 'agenda'): Promise<Record<string, string>> {
  const docx = await JSZip.loadAsync(await get(`/${base}.docx`));
  return {
    pdf: pdfPages(await get(`/${base}.pdf`)).join('\n'),
    docx: wordParagraphs(await docx.file('word/document.xml')!.async('string')).join('\n'),
    markdown: visibleText(new MarkdownIt({ html: true }).render((await get(`/${base}.md`)).toString('utf8'))),
    print: visibleText(/<main>([\s\S]*)<\/main>/.exec((await get(`/${base}/print`)).toString('utf8'))![1]),
  };
}

/** The fixture's beslutning item and bilag, as each format must show them. */
const BILAG_OF_ITEM = `Bilag: ${BILAG.item}`;
const INDSTILLING = `Indstilling: ${ITEM.proposal}`;

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

  it('in every format: the item’s bilag "Bilag: 1. Budget 2027 (PDF, 240 kB)", the decision directly under the indstilling, the meeting’s bilag', async () => {
    for (const [format, text] of Object.entries(await formats(golden.get, 'minutes'))) {
      const seen = flat(text);
      expect([format, seen]).toEqual([format, expect.stringContaining(`${BILAG_OF_ITEM} Drøftelse: ${ITEM.discussion} ${INDSTILLING} Beslutning: ${ITEM.decision}`)]);
      expect([format, seen]).toEqual([format, expect.stringMatching(new RegExp(`Bilag til mødet (• )?${BILAG.meeting.replace(/[.()]/g, '\\$&')}`))]);
    }
  });
});

describe('the agenda of the same meeting in every format', () => {
  let golden: Awaited<ReturnType<typeof goldenReferat>>;
  let texts: Record<string, string>;
  beforeAll(async () => {
    golden = await goldenReferat();
    texts = await formats(golden.get, 'agenda');
  });

  it('is the agenda the test means: the item with time, presenter, sagsfremstilling, indstilling and bilag; the meeting’s bilag', () => {
    const { agendaTexts } = golden;
    expect(agendaTexts).toContain(`2. ${ITEM.title} (Beslutning)`);
    expect(agendaTexts).toContain(`Kl. 14.00–14.30 · Fremlægges af ${CHAIR}`);
    expect(agendaTexts).toContain(ITEM.proposal);
    expect(agendaTexts).toContain(BILAG.item);
    expect(agendaTexts).toContain(BILAG.meeting);
  });

  it.each(['pdf', 'docx', 'markdown', 'print'])('%s: every text in order, bilag and indstilling as the issue words them, no discussion or decision', (format) => {
    const text = texts[format];
    expectInOrder(text, golden.agendaTexts);
    const seen = flat(text);
    expect(seen).toContain(`${ITEM.title} (Beslutning) Kl. 14.00–14.30 · Fremlægges af ${CHAIR} Sagsfremstilling: ${ITEM.background} ${INDSTILLING} ${BILAG_OF_ITEM}`);
    expect(seen).toMatch(new RegExp(`Bilag til mødet (• )?${BILAG.meeting.replace(/[.()]/g, '\\$&')}`));
    for (const secret of [ITEM.discussion, ITEM.decision, 'Drøftelse:', 'Beslutning:', flat(STRUCTURE_LINES.join(' ')), 'Besluttet:']) expect([format, secret, seen.includes(secret)]).toEqual([format, secret, false]);
  });
});

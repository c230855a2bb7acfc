// The minutes as a Word document, unzipped with jszip: real headings, lists and a table.
import JSZip from 'jszip';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { PARTNERSHIP_NAME } from '../../seeds/partnership';
import { APPROVED_AT_TEXT, BILAG, ESCAPE, ITEM, STRUCTURE_LINES, TITLE, bigMeeting, download, expectInOrder, fullMeeting, openDocx, wordParagraphs } from './fixture';

async function docxOf(state: 'draft' | 'approved') {
  const { app, db } = await testApp();
  const reader = await signedIn(app, db, 'laeser');
  const { meetingId, order } = await fullMeeting(db, state);
  const res = await download(reader.agent, `/meetings/${meetingId}/minutes.docx`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  return { docx: await openDocx(res.body), body: res.body, order };
}

/** The paragraphs (as text) that carry the given paragraph style. */
function styled(xml: string, style: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => m[0])
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
    .flatMap((p) => wordParagraphs(p));
}

describe('minutes.docx', () => {
  it('is a Word package with the SPEC content in order', async () => {
    const { docx, order } = await docxOf('approved');
    expect(docx.files).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml']));
    expectInOrder(docx.paragraphs.join('\n'), order);
  });

  it('uses Word heading styles: Title for the referat, Heading1 for sections, Heading2 for agenda items', async () => {
    const { docx, body } = await docxOf('approved');
    const styles = await (await JSZip.loadAsync(body)).file('word/styles.xml')!.async('string');
    for (const id of ['Title', 'Heading1', 'Heading2']) expect(styles).toContain(`w:styleId="${id}"`);
    expect(styled(docx.document, 'Title')).toEqual([`Referat: ${TITLE}`]);
    expect(styled(docx.document, 'Heading1')).toEqual(['Dagsorden og referat', 'Bilag til mødet', 'Opfølgning', 'Næste møde', 'Godkendelse']);
    expect(styled(docx.document, 'Heading2')).toEqual([
      '1. Opfølgning fra sidste møde (Orientering)',
      `2. ${ITEM.title} (Beslutning)`,
      `3. ${ESCAPE} (Drøftelse)`,
    ]);
  });

  it('lists the meeting’s bilag and the approvals as numbered (bulleted) Word lists, naming who, which party and when', async () => {
    const { docx, body } = await docxOf('approved');
    const listItems = [...docx.document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .filter((p) => /<w:numPr>[\s\S]*<w:numId w:val="\d+"\/>[\s\S]*<\/w:numPr>/.test(p))
      .flatMap((p) => wordParagraphs(p));
    expect(listItems).toEqual([
      BILAG.meeting,
      `Hedensted Kommune: godkendt af René G. Nielsen ${APPROVED_AT_TEXT}`,
      `FOA: godkendt af Hanne M. Petersen ${APPROVED_AT_TEXT}`,
    ]);
    // The list's numbering definition exists and is a bullet list.
    const numId = /<w:numPr>[\s\S]*?<w:numId w:val="(\d+)"\/>/.exec(docx.document)![1];
    const numbering = await (await JSZip.loadAsync(body)).file('word/numbering.xml')!.async('string');
    const num = new RegExp(`<w:num w:numId="${numId}"[^>]*>[\\s\\S]*?<w:abstractNumId w:val="(\\d+)"/>`).exec(numbering);
    expect(num).not.toBeNull();
    const abstract = new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${num![1]}"[\\s\\S]*?</w:abstractNum>`).exec(numbering);
    expect(abstract?.[0]).toMatch(/<w:numFmt w:val="bullet"\/>/);
    expect(docx.paragraphs).toContain('Version 1');
  });

  it('puts the follow-up actions in a w:tbl with a header row and one row per action', async () => {
    const { docx } = await docxOf('approved');
    const tables = [...docx.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(tables).toHaveLength(1);
    const rows = [...tables[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => wordParagraphs(c[0]).join('\n')));
    expect(rows).toEqual([
      ['Hvad', 'Hvem', 'Hvornår', 'Status'],
      ['Indkald frivillige til møde (punkt 2)', 'Hanne M. Petersen', '15.12.2026', 'Åben'],
      [`${ESCAPE} (punkt 3)`, 'René G. Nielsen', '05.01.2027', 'I gang'],
    ]);
    expect(tables[0]).toMatch(/<w:tblHeader\/>/); // the header row repeats on each page
  });

  it('escapes user text as XML text: no raw <script> element, æøå intact', async () => {
    const { docx } = await docxOf('draft');
    expect(docx.document).not.toMatch(/<script/i);
    expect(docx.document).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp;');
    expect(docx.paragraphs).toContain(ESCAPE);
    expect(docx.paragraphs).toContain(STRUCTURE_LINES.join('\n')); // line breaks kept as w:br in one paragraph
    expect(docx.paragraphs).toContain('Velkommen til Åse fra Ærø.');
    expect(docx.paragraphs[0]).toBe('UDKAST – ikke godkendt af alle parter');
  });

  it('has a header with partnership and meeting (UDKAST for a draft) and a footer with "Side n af m" fields', async () => {
    const draft = await docxOf('draft');
    expect(draft.docx.headers).toHaveLength(1);
    expect(wordParagraphs(draft.docx.headers[0])).toEqual([`${PARTNERSHIP_NAME} · ${TITLE} · UDKAST`]);
    const footer = draft.docx.footers[0];
    expect(wordParagraphs(footer).join('')).toBe('Version 1 · UDKAST\tSide  af ');
    expect(footer).toMatch(/Side [\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]* af [\s\S]*<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);

    const approved = await docxOf('approved');
    expect(wordParagraphs(approved.docx.headers[0])).toEqual([`${PARTNERSHIP_NAME} · ${TITLE}`]);
    expect(approved.docx.document + approved.docx.headers.join('') + approved.docx.footers.join('')).not.toContain('UDKAST');
  });

  it('exports a 100-item meeting with every item as a Heading2', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    const { meetingId, titles } = await bigMeeting(db, 100);
    const res = await download(reader.agent, `/meetings/${meetingId}/minutes.docx`);
    expect(res.status).toBe(200);
    const docx = await openDocx(res.body);
    expect(styled(docx.document, 'Heading2')).toEqual(titles.map((t, i) => `${i + 1}. ${t} (Orientering)`));
    expect(docx.paragraphs).toContain('Beslutning 100.');
  }, 20_000);
});

// "Samlet PDF" (/meetings/:id/agenda/samlet.pdf): the agenda followed by every PDF bilag in one
// file, read back with pdf-lib — its pages and its bookmarks — and with pdf.js for what the pages
// say. Other kinds of bilag stay out (the agenda lists them); a damaged or encrypted PDF is left
// out with a note instead of failing the file.
import crypto from 'node:crypto';
import request from 'supertest';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aBilag, pdfOfPages } from '../helpers/bilag';
import { aMeeting, anAgendaItem } from '../helpers/factories';
import { download, flat, pdfPages } from '../exports/fixture';
import * as files from '../attachments/files';

interface Bookmark {
  title: string;
  /** The page the bookmark opens, counted from 0. */
  page: number;
}

/** The top-level outline of a PDF as a reader's bookmark pane shows it. */
function bookmarks(doc: PDFDocument): Bookmark[] {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const out: Bookmark[] = [];
  let ref = outlines?.get(PDFName.of('First'));
  while (ref instanceof PDFRef) {
    const item = doc.context.lookup(ref, PDFDict);
    const title = item.lookup(PDFName.of('Title'), PDFString, PDFHexString).decodeText();
    const target = item.lookup(PDFName.of('Dest'), PDFArray).get(0);
    out.push({ title, page: pageIndex.get(String(target)) ?? -1 });
    ref = item.get(PDFName.of('Next'));
  }
  return out;
}

/** A PDF whose trailer says it is encrypted (pdf-lib refuses to read such a file). */
async function encryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.load(await pdfOfPages(1, 'Hemmelig'));
  doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 1, R: 2, P: -4 }));
  return Buffer.from(await doc.save());
}

/** Starts like a PDF (so it is accepted as one), then nothing but noise. */
function noisePdf(): Buffer {
  const bytes = crypto.randomBytes(4096);
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return bytes;
}

async function meetingWithBilag() {
  const t = await testApp();
  const meeting = await aMeeting(t.db, { title: 'Budgetmødet på Ærø', day: '2027-01-14', start_time: '14:00', end_time: '16:00' });
  const budget = await anAgendaItem(t.db, meeting, { title: 'Budget 2027', kind: 'beslutning', proposal: 'Konsulenten indstiller, at budgettet godkendes.' });
  const map = await anAgendaItem(t.db, meeting, { title: 'Stier i Uldum', kind: 'orientering' });
  await aBilag(t.db, meeting, budget, 'budget.pdf', await pdfOfPages(2, 'Budget'), 'Budget 2027');
  await aBilag(t.db, meeting, map, 'kort.png', files.png(), 'Kort over stierne');
  await aBilag(t.db, meeting, null, 'plan.pdf', await pdfOfPages(3, 'Plan'), 'Plan for frivillige');
  const reader = await signedIn(t.app, t.db, 'laeser');
  return { ...t, meeting, reader };
}

describe('the samlet PDF', () => {
  it('is the agenda followed by each PDF bilag, with a bookmark per part; the PNG is not merged but listed in the agenda', async () => {
    const { meeting, reader } = await meetingWithBilag();
    const res = await download(reader.agent, `/meetings/${meeting}/agenda/samlet.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="dagsorden-med-bilag-2027-01-14-budgetmoedet-paa-aeroe.pdf"');

    const agendaPages = (await PDFDocument.load((await download(reader.agent, `/meetings/${meeting}/agenda.pdf`)).body)).getPageCount();
    const merged = await PDFDocument.load(res.body);
    expect(merged.getPageCount()).toBe(agendaPages + 2 + 3);
    expect(bookmarks(merged)).toEqual([
      { title: 'Dagsorden: Budgetmødet på Ærø', page: 0 },
      { title: 'Punkt 2: Budget 2027', page: agendaPages },
      { title: 'Plan for frivillige', page: agendaPages + 2 },
    ]);
    expect(merged.getTitle()).toBe('Dagsorden: Budgetmødet på Ærø med bilag');

    const pages = pdfPages(res.body).map(flat);
    expect(pages[0]).toContain('Dagsorden: Budgetmødet på Ærø');
    expect(pages.join('\n')).toContain('1. Kort over stierne (PNG, 33 byte)'); // listed in the agenda …
    expect(pages.slice(agendaPages)).toEqual(['Budget side 1 af 2', 'Budget side 2 af 2', 'Plan side 1 af 3', 'Plan side 2 af 3', 'Plan side 3 af 3']); // … but not merged
  });

  it('is for everyone signed in who may see the meeting; 404 for an unknown meeting; /login when signed out', async () => {
    const { app, db, meeting } = await meetingWithBilag();
    for (const role of ['laeser', 'repraesentant', 'konsulent'] as const) {
      const who = await signedIn(app, db, role);
      expect([role, (await who.agent.get(`/meetings/${meeting}/agenda/samlet.pdf`)).status]).toEqual([role, 200]);
      expect((await who.agent.get('/meetings/999999/agenda/samlet.pdf')).status).toBe(404);
    }
    const anonymous = await request(app).get(`/meetings/${meeting}/agenda/samlet.pdf`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent(`/meetings/${meeting}/agenda/samlet.pdf`)}`);
  });

  it('leaves out a damaged or encrypted PDF bilag and says so on a last page with its own bookmark; the server answers on', async () => {
    const t = await testApp();
    const meeting = await aMeeting(t.db, { title: 'Mødet med dårlige filer', day: '2027-01-14' });
    const item = await anAgendaItem(t.db, meeting, { title: 'Bilagene' });
    await aBilag(t.db, meeting, item, 'god.pdf', await pdfOfPages(2, 'God'), 'God fil');
    await aBilag(t.db, meeting, item, 'laast.pdf', await encryptedPdf(), 'Låst fil');
    await aBilag(t.db, meeting, item, 'stoej.pdf', noisePdf(), 'Støj');
    await aBilag(t.db, meeting, item, 'tom.pdf', files.pdf('uden sider'), 'Uden sider');
    await aBilag(t.db, meeting, item, 'halv.pdf', (await pdfOfPages(2, 'Halv')).subarray(0, 400), 'Halv fil');
    const reader = await signedIn(t.app, t.db, 'laeser');

    const res = await download(reader.agent, `/meetings/${meeting}/agenda/samlet.pdf`);
    expect(res.status).toBe(200);
    const agendaPages = (await PDFDocument.load((await download(reader.agent, `/meetings/${meeting}/agenda.pdf`)).body)).getPageCount();
    const merged = await PDFDocument.load(res.body);
    expect(merged.getPageCount()).toBe(agendaPages + 2 + 1);
    expect(bookmarks(merged).map((b) => b.title)).toEqual(['Dagsorden: Mødet med dårlige filer', 'Punkt 2: God fil', 'Bilag der ikke er med']);
    const note = flat(pdfPages(res.body).at(-1)!);
    expect(note).toContain('Disse bilag er ikke med i den samlede PDF (for store eller ikke læsbare):');
    for (const title of ['Punkt 2: Låst fil', 'Punkt 2: Støj', 'Punkt 2: Uden sider', 'Punkt 2: Halv fil']) expect(note).toContain(`- ${title}`);
    expect((await reader.agent.get(`/meetings/${meeting}`)).status).toBe(200);
  });
});

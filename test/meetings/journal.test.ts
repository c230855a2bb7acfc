// The journal copy: the approved minutes as a final PDF/A-2b for the municipality's ESDH, with the
// journal number and the approval stamps, checked with a PDF parser (veraPDF is not in the package
// registries here): XMP identification and metadata, embedded fonts, the output intent, and no
// transparency.
import zlib from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFNumber } from 'pdf-lib';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { flashes } from '../helpers/html';
import { withoutAuditRule } from '../helpers/audit-rule';
import { download, fullMeeting, pdfPages } from '../exports/fixture';

function streamText(stream: PDFRawStream): string {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const bytes = stream.getContents();
  return (filter === PDFName.of('FlateDecode') ? zlib.inflateSync(Buffer.from(bytes)) : Buffer.from(bytes)).toString('utf8');
}

describe('/meetings/:id/minutes/journal.pdf', () => {
  it('is PDF/A-2b with the journal number, the approval stamps and a file name of date, title and version', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await fullMeeting(db, 'approved');
    await withoutAuditRule(db, () => db.updateTable('partnerships').set({ journal_number: '00.01.00-A00-1-26' }).execute());
    const konsulent = await signedIn(app, db, 'konsulent');
    const res = await download(konsulent.agent, `/meetings/${meetingId}/minutes/journal.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="2026-06-10 Referat Moede paa Aeroe  aabent \(godkendt v1\)\.pdf"; /);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''2026-06-10%20Referat%20M%C3%B8de%20p%C3%A5%20%C3%86r%C3%B8%20%E2%80%93%20%C3%A5bent%20%28godkendt%20v1%29.pdf`);

    const text = pdfPages(res.body).join('\n');
    expect(text).toContain('Journalnummer');
    expect(text).toContain('00.01.00-A00-1-26');
    expect(text).toContain('FOA: godkendt af Hanne M. Petersen');
    expect(text).not.toContain('UDKAST');

    const pdf = await PDFDocument.load(res.body, { updateMetadata: false });
    expect(res.body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    // XMP: the PDF/A identification, title, creation date.
    const metadata = pdf.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
    const xmp = streamText(metadata);
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Referat: Møde på Ærø – åbent</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2026-06-12T08:30:00Z</xmp:CreateDate>');
    // The output intent with an embedded sRGB profile.
    const intents = pdf.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(intent.lookup(PDFName.of('DestOutputProfile'))).toBeInstanceOf(PDFRawStream);
    // Every font embedded; no transparency anywhere.
    let fonts = 0;
    for (const [, object] of pdf.context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : null;
      if (!dict) continue;
      if (dict.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
        fonts++;
        expect(dict.get(PDFName.of('FontFile2')) ?? dict.get(PDFName.of('FontFile3')) ?? dict.get(PDFName.of('FontFile'))).toBeDefined();
      }
      for (const key of ['CA', 'ca']) {
        const alpha = dict.get(PDFName.of(key));
        if (alpha) expect((alpha as PDFNumber).asNumber()).toBe(1);
      }
      expect(dict.get(PDFName.of('SMask'))).toBeUndefined();
    }
    expect(fonts).toBeGreaterThanOrEqual(2); // regular and bold
  });

  it('is refused, with the reason, until every party has approved', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await fullMeeting(db, 'draft');
    const konsulent = await signedIn(app, db, 'konsulent');
    const res = await konsulent.agent.get(`/meetings/${meetingId}/minutes/journal.pdf`);
    expect(res.status).toBe(303);
    expect(flashes((await konsulent.agent.get(`/meetings/${meetingId}/minutes`)).text)).toEqual(['Journalkopien kan først dannes, når referatet er godkendt af alle parter.']);
    expect((await konsulent.agent.get('/meetings/999999/minutes/journal.pdf')).status).toBe(404);
  });

  it('is not for a læser: it holds closed items in full', async () => {
    const { app, db } = await testApp();
    const { meetingId } = await fullMeeting(db, 'approved');
    const reader = await signedIn(app, db, 'laeser');
    expect((await reader.agent.get(`/meetings/${meetingId}/minutes/journal.pdf`)).status).toBe(403);
  });
});

import fs from 'node:fs';
import { testApp } from '../helpers/app';
import { signedIn } from '../helpers/agent';
import { download, fullMeeting, pdfPages, openDocx } from './fixture';
it('explore', async () => {
  const { app, db } = await testApp();
  const u = await signedIn(app, db, 'konsulent');
  const { meetingId } = await fullMeeting(db, 'approved');
  for (const ext of ['pdf', 'docx', 'md']) {
    const r = await download(u.agent, `/meetings/${meetingId}/minutes.${ext}`);
    fs.writeFileSync(`/tmp/explore/m.${ext}`, r.body);
    console.log(ext, r.status, r.headers['content-disposition'], r.headers['content-type']);
  }
  const p = await u.agent.get(`/meetings/${meetingId}/minutes/print`);
  fs.writeFileSync('/tmp/explore/print.html', p.text);
  const ics = await u.agent.get(`/meetings/${meetingId}/invite.ics`);
  fs.writeFileSync('/tmp/explore/i.ics', ics.text);
  fs.writeFileSync('/tmp/explore/pdf.json', JSON.stringify(pdfPages(fs.readFileSync('/tmp/explore/m.pdf')), null, 1));
  const d = await openDocx(fs.readFileSync('/tmp/explore/m.docx'));
  fs.writeFileSync('/tmp/explore/docx.json', JSON.stringify({ files: d.files, paragraphs: d.paragraphs, headers: d.headers, footers: d.footers }, null, 1));
  fs.writeFileSync('/tmp/explore/document.xml', d.document);
}, 30000);

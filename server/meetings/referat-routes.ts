// The referat as files: /meetings/:id/minutes.pdf, .docx, .md and /minutes/print. Each shows the
// latest version every party approved, or else the current draft marked UDKAST.
import { Router, type Request } from 'express';
import { requireRole, requireUser } from '../web/auth';
import { audienceOf } from './audience';
import { documentDocx, writeDocumentDocx } from '../documents/docx';
import { documentMarkdown } from '../documents/markdown';
import { documentPdf, writeDocumentPdf } from '../documents/pdf';
import { attachment, attachmentWithName, minutesFileName } from '../documents/filename';
import { LARGE_DOCUMENT_CHARACTERS, largeDocuments } from '../documents/gate';
import type { AppContext } from '../web/context';
import { parseId, routeParam } from '../web/form';
import { NotFound } from '../web/errors';
import { findMeeting } from './queries';
import { journalForExport, referatForExport } from './minutes';
import { renderFragment } from '../web/views';


export function referatRoutes({ db, caches }: AppContext): Router {
  const router = Router();
  const files = caches.renderedFiles;

  async function load(req: Request) {
    const id = parseId(routeParam(req, 'id'));
    if (!(await findMeeting(db, id))) throw new NotFound();
    return referatForExport(db, id, audienceOf(requireUser(req).role));
  }

  const fileName = (e: Awaited<ReturnType<typeof load>>, ext: string) => minutesFileName(e.content.date, e.content.title, ext);

  router.get('/:id/minutes.pdf', async (req, res) => {
    const e = await load(req);
    res.type('application/pdf').set('Content-Disposition', attachment(fileName(e, 'pdf')));
    // A large referat is streamed page by page (one at a time); the usual one is kept in memory.
    if (e.size > LARGE_DOCUMENT_CHARACTERS) return largeDocuments.run(() => writeDocumentPdf(e.model, res));
    res.send(await files.get(files.key('minutes.pdf', e.model), () => documentPdf(e.model)));
  });

  router.get('/:id/minutes.docx', async (req, res) => {
    const e = await load(req);
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').set('Content-Disposition', attachment(fileName(e, 'docx')));
    if (e.size > LARGE_DOCUMENT_CHARACTERS) return largeDocuments.run(() => writeDocumentDocx(e.model, res));
    res.send(await files.get(files.key('minutes.docx', e.model), () => documentDocx(e.model)));
  });

  router.get('/:id/minutes.md', async (req, res) => {
    const e = await load(req);
    const markdown = await files.get(files.key('minutes.md', e.model), async () => Buffer.from(documentMarkdown(e.model)));
    res.type('text/markdown; charset=utf-8').set('Content-Disposition', attachment(fileName(e, 'md'))).send(markdown);
  });

  // The approved minutes as the final PDF for the municipality's journal (ESDH): PDF/A-2b.
  // It holds closed items in full: for those who see them.
  router.get('/:id/minutes/journal.pdf', requireRole('konsulent', 'repraesentant'), async (req, res) => {
    const id = parseId(routeParam(req, 'id'));
    const meeting = await findMeeting(db, id);
    if (!meeting) throw new NotFound();
    const j = await journalForExport(db, meeting);
    const name = `${j.content.date} Referat ${j.content.title} (godkendt v${j.version}).pdf`;
    const options = { pdfa: true, createdAt: j.approvedAt, keywords: `${meeting.partnership_name}${j.journalNumber ? ', j.nr. ' + j.journalNumber : ''}` };
    const pdf = await files.get(files.key('journal.pdf', { model: j.model, options }), () => documentPdf(j.model, options));
    res.type('application/pdf').set('Content-Disposition', attachmentWithName(name)).send(pdf);
  });

  router.get('/:id/minutes/print', async (req, res) => {
    const e = await load(req);
    const name = fileName(e, 'html');
    const back = { href: `/meetings/${e.content.meetingId}/minutes`, label: 'Tilbage til referatet' };
    const html = await files.get(files.key('minutes.print', e.model), async () => Buffer.from(await renderFragment('documents/print', { doc: e.model, back })));
    // Shown in the browser, but saved ("Gem som") under the same name as the other formats.
    res.type('html').set('Content-Disposition', `inline; filename="${name}"`).send(html);
  });

  return router;
}

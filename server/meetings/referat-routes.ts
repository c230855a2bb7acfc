// The referat as files: /meetings/:id/minutes.pdf, .docx, .md and /minutes/print. Each shows the
// latest version every party approved, or else the current draft marked UDKAST.
import { Router, type Response } from 'express';
import { documentDocx } from '../documents/docx';
import { documentMarkdown } from '../documents/markdown';
import { documentPdf, writeDocumentPdf } from '../documents/pdf';
import { attachment, minutesFileName } from '../documents/filename';
import type { AppContext } from '../web/context';
import { parseId, routeParam } from '../web/form';
import { NotFound } from '../web/errors';
import { findMeeting } from './queries';
import { referatForExport } from './minutes';

/** A PDF up to this size is laid out once and then served from memory; larger ones are streamed. */
const CACHED_PDF_MAX_TEXT = 400_000;

export function referatRoutes({ db, caches }: AppContext): Router {
  const router = Router();
  const files = caches.renderedFiles;

  async function load(raw: unknown) {
    const id = parseId(raw);
    if (!(await findMeeting(db, id))) throw new NotFound();
    return referatForExport(db, id);
  }

  const fileName = (e: Awaited<ReturnType<typeof load>>, ext: string) => minutesFileName(e.content.date, e.content.title, ext);

  router.get('/:id/minutes.pdf', async (req, res) => {
    const e = await load(routeParam(req, 'id'));
    res.type('application/pdf').set('Content-Disposition', attachment(fileName(e, 'pdf')));
    if (e.size > CACHED_PDF_MAX_TEXT) return streamPdf(res, e.model);
    res.send(await files.get(files.key('minutes.pdf', e.model), () => documentPdf(e.model)));
  });

  router.get('/:id/minutes.docx', async (req, res) => {
    const e = await load(routeParam(req, 'id'));
    const docx = await files.get(files.key('minutes.docx', e.model), () => documentDocx(e.model));
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .set('Content-Disposition', attachment(fileName(e, 'docx')))
      .send(docx);
  });

  router.get('/:id/minutes.md', async (req, res) => {
    const e = await load(routeParam(req, 'id'));
    res.type('text/markdown; charset=utf-8').set('Content-Disposition', attachment(fileName(e, 'md'))).send(documentMarkdown(e.model));
  });

  router.get('/:id/minutes/print', async (req, res) => {
    const e = await load(routeParam(req, 'id'));
    const name = fileName(e, 'html');
    // Shown in the browser, but saved ("Gem som") under the same name as the other formats.
    res.set('Content-Disposition', `inline; filename="${name}"`).render('documents/print', { doc: e.model, back: { href: `/meetings/${e.content.meetingId}/minutes`, label: 'Tilbage til referatet' } });
  });

  return router;
}

/** Streams a large PDF page by page; an error after the first byte can only cut the download. */
async function streamPdf(res: Response, model: Parameters<typeof writeDocumentPdf>[0]): Promise<void> {
  await writeDocumentPdf(model, res);
}

// The agenda as files: /meetings/:id/agenda.pdf, .docx, .md, /agenda/print, and /agenda/samlet.pdf
// (the agenda followed by every PDF bilag, one file with a bookmark per part).
import { Router, type Request } from 'express';
import { requireUser } from '../web/auth';
import { audienceOf } from './audience';
import { documentDocx } from '../documents/docx';
import { attachment, asciiSlug } from '../documents/filename';
import { largeDocuments } from '../documents/gate';
import { documentMarkdown } from '../documents/markdown';
import { mergePdfs, type MergePart } from '../documents/merge';
import { documentPdf } from '../documents/pdf';
import { streamAttachmentContent } from '../attachments/service';
import type { AppContext } from '../web/context';
import { parseId, routeParam } from '../web/form';
import { renderFragment } from '../web/views';
import { buildAgendaDocument, type AgendaDocument } from './agenda-document';

/** The merged file takes PDF bilag up to this much in all; the rest are named as left out. */
const MERGE_MAX_BYTES = 60 * 1024 * 1024;

const fileName = (a: AgendaDocument, ext: string, kind = 'dagsorden') => `${kind}-${a.date}-${asciiSlug(a.title)}.${ext}`;

export function agendaFileRoutes({ db, caches }: AppContext): Router {
  const router = Router();
  const files = caches.renderedFiles;
  // A læser gets closed items by their title only (meetings/audience.ts).
  const load = (req: Request) => buildAgendaDocument(db, parseId(routeParam(req, 'id')), audienceOf(requireUser(req).role));
  const contentOf = async (id: number) => {
    const chunks: Buffer[] = [];
    for await (const chunk of streamAttachmentContent(db, id)) chunks.push(chunk);
    return Buffer.concat(chunks);
  };

  router.get('/:id/agenda.pdf', async (req, res) => {
    const a = await load(req);
    const pdf = await files.get(files.key('agenda.pdf', a.model), () => documentPdf(a.model));
    res.type('application/pdf').set('Content-Disposition', attachment(fileName(a, 'pdf'))).send(pdf);
  });

  router.get('/:id/agenda.docx', async (req, res) => {
    const a = await load(req);
    const docx = await files.get(files.key('agenda.docx', a.model), () => documentDocx(a.model));
    res.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').set('Content-Disposition', attachment(fileName(a, 'docx'))).send(docx);
  });

  router.get('/:id/agenda.md', async (req, res) => {
    const a = await load(req);
    res.type('text/markdown; charset=utf-8').set('Content-Disposition', attachment(fileName(a, 'md'))).send(documentMarkdown(a.model));
  });

  router.get('/:id/agenda/print', async (req, res) => {
    const id = parseId(routeParam(req, 'id'));
    const a = await load(req);
    const html = await renderFragment('documents/print', { doc: a.model, back: { href: `/meetings/${id}#dagsorden`, label: 'Tilbage til mødet' } });
    res.type('html').set('Content-Disposition', `inline; filename="${fileName(a, 'html')}"`).send(html);
  });

  router.get('/:id/agenda/samlet.pdf', async (req, res) => {
    const a = await load(req);
    const key = files.key('agenda-samlet.pdf', { model: a.model, parts: a.pdfAttachments.map((f) => f.id) });
    const pdf = await files.get(key, () =>
      // Every PDF bilag is read whole by the PDF library: one merge at a time, within a total size.
      largeDocuments.run(async () => {
        const parts: MergePart[] = [{ title: a.model.title, pdf: await documentPdf(a.model) }];
        let total = 0;
        const tooLarge: string[] = [];
        for (const f of a.pdfAttachments) {
          if (total + f.size > MERGE_MAX_BYTES) {
            tooLarge.push(f.heading);
            continue;
          }
          total += f.size;
          parts.push({ title: f.heading, pdf: await contentOf(f.id) });
        }
        const merged = await mergePdfs(parts, { title: `${a.model.title} med bilag`, leftOut: tooLarge });
        return Buffer.from(merged.pdf);
      }),
    );
    res.type('application/pdf').set('Content-Disposition', attachment(fileName(a, 'pdf', 'dagsorden-med-bilag'))).send(pdf);
  });

  return router;
}

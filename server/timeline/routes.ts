// /initiatives/:id/forloeb: the initiative's timeline (sagens gang) as a page, a PDF and a Word
// document, filtered by kind of event (?vis=…, repeated).
import { Router, type Request } from 'express';
import { documentDocx } from '../documents/docx';
import { asciiSlug, attachment } from '../documents/filename';
import { documentPdf } from '../documents/pdf';
import { permissions, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { parseId, routeParam } from '../web/form';
import { initiativeHeading } from './queries';
import { TimelineFilterSchema } from './schemas';
import { initiativeTimeline, TIMELINE_KIND_LABELS, TIMELINE_KINDS, timelineDocument } from './service';

export function timelineRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  async function load(req: Request) {
    const initiative = await initiativeHeading(db, parseId(routeParam(req, 'id')));
    if (!initiative) throw new NotFound();
    const { vis } = TimelineFilterSchema.parse(req.query);
    const all = await initiativeTimeline(db, initiative.id, { seesClosed: permissions.seeClosedItems(requireUser(req).role) });
    const events = all.filter((e) => vis.includes(e.kind));
    const counts = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, all.filter((e) => e.kind === k).length]));
    const query = vis.length === TIMELINE_KINDS.length ? '' : `?${new URLSearchParams(vis.map((k) => ['vis', k])).toString()}`;
    return { initiative, vis, events, counts, query };
  }

  router.get('/:id/forloeb', async (req, res) => {
    const t = await load(req);
    res.render('timeline/page', { ...t, kinds: TIMELINE_KINDS, kindLabels: TIMELINE_KIND_LABELS });
  });

  router.get('/:id/forloeb.:ext', async (req, res) => {
    const ext = routeParam(req, 'ext');
    if (ext !== 'pdf' && ext !== 'docx') throw new NotFound();
    const t = await load(req);
    const document = timelineDocument(t.initiative, t.events, t.vis, clock.now());
    // Not kept in the rendered-files cache: it carries the time it was made, so no two are alike.
    const file = ext === 'pdf' ? await documentPdf(document) : await documentDocx(document);
    res
      .type(ext === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .set('Content-Disposition', attachment(`sagens-gang-${asciiSlug(t.initiative.title)}.${ext}`))
      .send(file);
  });

  return router;
}

// The public version of the minutes (offentlig version): a page and its files for the signed-in,
// the konsulent's read-only links, and /offentlig/:token, which needs no login and shows the
// public version of the latest version every party approved.
import { Router, type Request, type Response } from 'express';
import { documentDocx, writeDocumentDocx } from '../documents/docx';
import { LARGE_DOCUMENT_CHARACTERS, largeDocuments } from '../documents/gate';
import { documentMarkdown } from '../documents/markdown';
import { documentPdf, writeDocumentPdf } from '../documents/pdf';
import { attachment, minutesFileName } from '../documents/filename';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { parseId, routeParam } from '../web/form';
import { renderFragment } from '../web/views';
import { MINUTES_TEXTS as T } from './messages';
import { referatForExport, type ReferatExport } from './minutes';
import type { MeetingRow } from './queries';
import { createPublicLink, meetingOfPublicLink, publicLinkPath, publicLinksOf, revokePublicLink } from './public-links';

const TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
} as const;
type Ext = keyof typeof TYPES;
const isExt = (v: string): v is Ext => Object.hasOwn(TYPES, v);

export function publicMinutesRoutes(ctx: AppContext, loadMeeting: (raw: unknown) => Promise<MeetingRow>): Router {
  const { db, clock } = ctx;
  const router = Router({ mergeParams: true });
  const send = sendFile(ctx);

  router.get('/public', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const e = await referatForExport(db, meeting.id, 'public');
    const mayShare = requireUser(req).role === 'konsulent' || requireUser(req).role === 'admin';
    const links = mayShare ? await publicLinksOf(db, meeting.id) : [];
    const base = `${req.protocol}://${req.get('host')}`;
    res.render('meetings/minutes-public', {
      meeting,
      model: e.model,
      approved: !e.model.watermark,
      mayShare,
      links: links.map((l) => ({ ...l, url: base + publicLinkPath(l.token) })),
    });
  });

  router.get('/public.:ext', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const ext = String(routeParam(req, 'ext'));
    if (!isExt(ext)) throw new NotFound();
    await send(res, await referatForExport(db, meeting.id, 'public'), ext);
  });

  router.post('/public-links', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    await createPublicLink(db, meeting.id, { userId: requireUser(req).id }, clock.now());
    flash(req, T.publicLinkCreated);
    res.redirect(303, `/meetings/${meeting.id}/minutes/public#links`);
  });

  router.post('/public-links/:linkId/revoke', requireRole('konsulent'), async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    await revokePublicLink(db, meeting.id, parseId(routeParam(req, 'linkId')), { userId: requireUser(req).id }, clock.now());
    flash(req, T.publicLinkRevoked);
    res.redirect(303, `/meetings/${meeting.id}/minutes/public#links`);
  });

  return router;
}

/** /offentlig/:token (no login): the public version of the latest approved minutes, and its files. */
export function publicLinkRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router();
  const send = sendFile(ctx);

  async function approvedPublic(req: Request): Promise<ReferatExport> {
    const meetingId = await meetingOfPublicLink(db, String(routeParam(req, 'token')));
    if (meetingId === undefined) throw new NotFound();
    const e = await referatForExport(db, meetingId, 'public');
    if (e.model.watermark) throw new NotFound(); // not (or no longer) approved by every party
    return e;
  }

  router.get('/:token', async (req, res) => {
    const e = await approvedPublic(req);
    const token = String(routeParam(req, 'token'));
    const downloads = (['pdf', 'docx', 'md'] as const).map((ext) => ({ href: `${publicLinkPath(token)}/referat.${ext}`, label: ext.toUpperCase() }));
    const html = await renderFragment('documents/print', { doc: e.model, back: null, downloads, publishedBy: e.content.partnership });
    res.set({ 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' }).type('html').send(html);
  });

  router.get('/:token/referat.:ext', async (req, res) => {
    const ext = String(routeParam(req, 'ext'));
    if (!isExt(ext)) throw new NotFound();
    res.set({ 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' });
    await send(res, await approvedPublic(req), ext);
  });

  return router;
}

function sendFile({ caches }: AppContext) {
  const files = caches.renderedFiles;
  return async (res: Response, e: ReferatExport, ext: Ext) => {
    const name = minutesFileName(e.content.date, `${e.content.title} offentlig version`, ext);
    res.type(TYPES[ext]).set('Content-Disposition', attachment(name));
    if (ext === 'md') return res.send(documentMarkdown(e.model));
    // A large referat is streamed page by page, one at a time (as the internal files are).
    if (e.size > LARGE_DOCUMENT_CHARACTERS) return largeDocuments.run(() => (ext === 'pdf' ? writeDocumentPdf(e.model, res) : writeDocumentDocx(e.model, res)));
    res.send(await files.get(files.key(`minutes-public.${ext}`, e.model), () => (ext === 'pdf' ? documentPdf(e.model) : documentDocx(e.model))));
  };
}

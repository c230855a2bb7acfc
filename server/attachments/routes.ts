// /bilag/:id (download, for whoever may read it) and, mounted by meetings at /meetings/:id/bilag,
// adding bilag to a meeting or one of its items (a multipart form that works without
// JavaScript) and removing one (after a confirmation page). Only the konsulent adds and removes.
import { Router, type Request, type Response } from 'express';
import { permissions, requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { Forbidden, NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { FORM_ERROR, formFrom, parseId, routeParam, type FormState } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { csrfToken } from '../web/security';
import { addAttachments, findAttachment, mayReadAttachment, removeAttachment, setAttachmentPublic, streamAttachmentContent, type MeetingBilagChanged, type MeetingLock } from './service';
import { agendaItemChoices } from './queries';
import { ATTACHMENT_TEXTS as T } from './messages';
import { downloadName } from './kinds';
import { contentDisposition, writeChunks } from './download';
import { bilagFormLocals, FILE_FIELD, receiveUpload, uploadLimits } from './upload';
import { parseUploadForm } from './schemas';
import { discardUploads } from './store';

/** GET /bilag/:id: the file itself, streamed from the database. */
export function attachmentDownloadRoutes({ db }: AppContext): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const attachment = await findAttachment(db, parseId(req.params.id));
    // A closed item's bilag does not exist for those who may not see the item.
    if (!attachment || (attachment.item_closed === 1 && !permissions.seeClosedItems(requireUser(req).role))) throw new NotFound();
    if (!mayReadAttachment(requireUser(req), attachment)) throw new Forbidden();
    const etag = `"${attachment.sha256}"`;
    res.set({
      'Cache-Control': 'private, no-cache', // the browser may keep it, and asks again (304) before use
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
    });
    if (req.headers['if-none-match'] === etag) return res.status(304).end();
    res.set({
      'Content-Type': attachment.mime,
      'Content-Length': String(attachment.size),
      'Content-Disposition': contentDisposition(downloadName(attachment.file_name, attachment.mime)),
    });
    await writeChunks(res, streamAttachmentContent(db, attachment.id));
  });
  return router;
}

interface MeetingRef {
  id: number;
  title: string;
}

/**
 * /meetings/:id/bilag: the upload page and form, and removing a bilag. `changed`: what adding or
 * removing one does to the meeting (its released agenda becomes revised).
 */
export function meetingAttachmentRoutes(ctx: AppContext, loadMeeting: (raw: unknown) => Promise<MeetingRef>, lock: MeetingLock, changed?: MeetingBilagChanged): Router {
  const { db, clock } = ctx;
  const router = Router({ mergeParams: true });
  router.use(requireRole('konsulent'));
  const actor = (req: Request) => ({ userId: requireUser(req).id });
  const limits = uploadLimits(ctx);

  async function renderUploadForm(req: Request, res: Response, meeting: MeetingRef, form: FormState, status = 200, formError: string | null = null) {
    const items = await agendaItemChoices(db, meeting.id);
    res.status(status).render('attachments/upload', {
      meeting,
      form,
      formError,
      action: `/meetings/${meeting.id}/bilag?_csrf=${encodeURIComponent(csrfToken(req))}`,
      ...bilagFormLocals(ctx),
      itemOptions: [{ value: '', label: 'Mødet som helhed' }, ...items.map((item, i) => ({ value: item.id, label: `${i + 1}. ${item.title}` }))],
    });
  }

  router.get('/new', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    await lock(db, meeting.id);
    const item = typeof req.query.punkt === 'string' ? req.query.punkt : '';
    await renderUploadForm(req, res, meeting, formFrom({ agenda_item_id: item }));
  });

  router.post('/', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    await lock(db, meeting.id); // before a byte is read: a locked meeting takes no bilag
    const upload = await receiveUpload(db, req, FILE_FIELD, limits, clock.now());
    if (upload.unread) res.set('Connection', 'close');
    const kept = { agenda_item_id: upload.fields.agenda_item_id ?? '', titler: upload.fields.titler ?? '' };
    if (upload.refusal) return renderUploadForm(req, res, meeting, { values: kept, errors: { [FILE_FIELD]: upload.refusal } }, 422, upload.refusal);
    const form = parseUploadForm(upload.fields, upload.files);
    if (!form.ok) {
      await discardUploads(db, upload.files.map((f) => f.key));
      return renderUploadForm(req, res, meeting, { values: kept, errors: { [form.field]: form.message } }, 422, FORM_ERROR);
    }
    const files = upload.files.map((file, i) => ({ file, title: form.titles[i] }));
    const ids = await addAttachments(db, { meetingId: meeting.id, agendaItemId: form.agendaItemId, lock, changed }, files, actor(req), clock.now());
    flash(req, T.added(ids.length));
    res.redirect(303, form.agendaItemId ? `/meetings/${meeting.id}#punkt-${form.agendaItemId}` : `/meetings/${meeting.id}#bilag`);
  });

  async function loadAttachment(req: Request) {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const attachment = await findAttachment(db, parseId(req.params.attachmentId));
    if (!attachment || attachment.meeting_id !== meeting.id || attachment.proposal_id !== null) throw new NotFound();
    return { meeting, attachment };
  }

  router.get('/:attachmentId/delete', async (req, res) => {
    const { meeting, attachment } = await loadAttachment(req);
    await lock(db, meeting.id);
    renderDeleteConfirmation(req, res, {
      question: `Vil du fjerne bilaget "${attachment.title}"?`,
      consequences: [attachment.item_title ? `Bilaget fjernes fra punktet "${attachment.item_title}" på mødet "${meeting.title}".` : `Bilaget fjernes fra mødet "${meeting.title}".`, 'Filen kan ikke hentes bagefter.'],
      back: attachment.agenda_item_id ? `/meetings/${meeting.id}#punkt-${attachment.agenda_item_id}` : `/meetings/${meeting.id}#bilag`,
      button: 'Fjern',
    });
  });

  // "Ikke offentlig": left out of the public version of the minutes (the form sends public=0 or 1).
  router.post('/:attachmentId/public', async (req, res) => {
    const { meeting, attachment } = await loadAttachment(req);
    const isPublic = req.body?.public === '1';
    await setAttachmentPublic(db, attachment.id, isPublic, lock, actor(req), clock.now());
    flash(req, isPublic ? T.madePublic : T.madeNotPublic);
    res.redirect(303, attachment.agenda_item_id ? `/meetings/${meeting.id}#punkt-${attachment.agenda_item_id}` : `/meetings/${meeting.id}#bilag`);
  });

  router.post('/:attachmentId/delete', async (req, res) => {
    const { meeting, attachment } = await loadAttachment(req);
    await removeAttachment(db, attachment.id, lock, actor(req), clock.now(), changed);
    flash(req, T.removed);
    res.redirect(303, attachment.agenda_item_id ? `/meetings/${meeting.id}#punkt-${attachment.agenda_item_id}` : `/meetings/${meeting.id}#bilag`);
  });

  return router;
}

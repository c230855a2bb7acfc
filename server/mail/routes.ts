// /admin/outbox (administrators only): every e-mail the app has queued, by status; one message
// with its text and attachments; Send igen.
import { Router } from 'express';
import { z } from 'zod';
import { OUTBOX_STATUSES } from '../db/schema';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { flash } from '../web/flash';
import { parseId } from '../web/form';
import { pageRequest, pagination } from '../web/pagination';
import { attachmentBytes, countOutbox, findOutboxMessage, listOutbox, outboxAttachment, outboxCounts, resendMail } from './outbox';
import { MAIL_KIND_LABELS, MAIL_TEXTS, OUTBOX_STATUS_LABELS } from './messages';

const FilterSchema = z.object({ status: z.enum(OUTBOX_STATUSES).optional().catch(undefined) });

/** `attachment; filename="…"` with a plain fallback and the UTF-8 name (RFC 6266). */
function disposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'bilag';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function outboxRoutes({ db, clock, config }: AppContext): Router {
  const router = Router();
  router.use(requireRole('admin'));
  const labels = { statusLabels: OUTBOX_STATUS_LABELS, kindLabels: MAIL_KIND_LABELS, mailConfigured: !!config.smtpUrl, notConfigured: MAIL_TEXTS.notConfigured };

  router.get('/', async (req, res) => {
    const filter = FilterSchema.parse(req.query);
    const page = pageRequest(req.query.page, 50);
    const [rows, total, counts] = await Promise.all([listOutbox(db, filter, page.limit, page.offset), countOutbox(db, filter), outboxCounts(db)]);
    res.render('admin/outbox', { ...labels, rows, filter, counts, pager: pagination(page, total, '/admin/outbox', { status: filter.status }) });
  });

  router.get('/:id', async (req, res) => {
    res.render('admin/outbox-message', { ...labels, message: await findOutboxMessage(db, parseId(req.params.id)) });
  });

  router.get('/:id/bilag/:index', async (req, res) => {
    const index = z.coerce.number().int().min(0).max(1000).catch(-1).parse(req.params.index);
    const attachment = await outboxAttachment(db, parseId(req.params.id), index);
    res.set({ 'Content-Type': attachment.contentType, 'Content-Disposition': disposition(attachment.filename), 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "sandbox; default-src 'none'" });
    res.send(attachmentBytes(attachment));
  });

  router.post('/:id/resend', async (req, res) => {
    const id = await resendMail(db, parseId(req.params.id), { userId: requireUser(req).id }, clock.now());
    flash(req, MAIL_TEXTS.resent);
    res.redirect(303, `/admin/outbox/${id}`);
  });

  return router;
}

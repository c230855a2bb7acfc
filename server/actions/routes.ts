// /actions: every follow-up action with filters, and the status change an owner may make.
import { Router } from 'express';
import { ACTION_STATUS_LABELS, options } from '../meetings/labels';
import { listPartnerships } from '../partnerships/queries';
import { permissions, requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { parseId } from '../web/form';
import { pageRequest, pagination } from '../web/pagination';
import { utcToCopenhagen } from '../web/time';
import { countActions, findAction, listActions } from './queries';
import { ActionFilterSchema, ActionStatusSchema } from './schemas';
import { setActionStatus } from './service';

export function actionRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const filter = ActionFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const today = utcToCopenhagen(clock.now()).day;
    const [rows, total, owner, partnerships] = await Promise.all([
      listActions(db, filter, today, page.limit, page.offset),
      countActions(db, filter, today),
      // A select of every person would be thousands of options: the owner is found by name instead.
      filter.owner_id ? db.selectFrom('people').select(['id', 'name']).where('id', '=', filter.owner_id).executeTakeFirst() : undefined,
      listPartnerships(db),
    ]);
    const query = new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'page'));
    res.render('actions/list', {
      csvHref: `/actions.csv${query.size ? '?' + query.toString() : ''}`,
      rows,
      filter,
      today,
      owner,
      partnerships,
      statusOptions: options(ACTION_STATUS_LABELS),
      statusLabels: ACTION_STATUS_LABELS,
      pager: pagination(page, total, '/actions', {
        status: filter.status,
        owner_id: filter.owner_id ? String(filter.owner_id) : undefined,
        owner_q: filter.owner_q,
        overdue: filter.overdue ? 'on' : undefined,
        open: filter.open ? 'on' : undefined,
        meeting_id: filter.meeting_id ? String(filter.meeting_id) : undefined,
        partnership_id: filter.partnership_id ? String(filter.partnership_id) : undefined,
      }),
    });
  });

  router.post('/:id/status', requireRole('konsulent', 'repraesentant'), async (req, res) => {
    const user = requireUser(req);
    const action = await findAction(db, parseId(req.params.id));
    if (!action) throw new NotFound();
    const parsed = ActionStatusSchema.safeParse(req.body);
    if (!parsed.success) {
      flash(req, 'Vælg en gyldig status.', 'error');
      return res.redirect(303, safeBack(req.body?.back, `/meetings/${action.meeting_id}`));
    }
    await setActionStatus(db, action.id, parsed.data.status, { userId: user.id, personId: user.personId, mayEditAll: permissions.edit(user.role) }, clock.now());
    flash(req, `Status er ændret til "${ACTION_STATUS_LABELS[parsed.data.status]}".`);
    res.redirect(303, safeBack(req.body?.back, `/meetings/${action.meeting_id}`));
  });

  return router;
}

/** Where to return after a status change: a local path from the form, or the fallback. */
function safeBack(back: unknown, fallback: string): string {
  // '/' is the dashboard, whose status forms send it.
  return typeof back === 'string' && (back === '/' || /^\/[a-z]/.test(back)) && !back.startsWith('//') ? back : fallback;
}

// /actions: every follow-up action with filters, and the status change an owner may make.
import { Router } from 'express';
import { ACTION_STATUS_LABELS, options } from '../web/labels';
import { listPartnerships } from '../partnerships/service';
import { permissions, requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { Forbidden, NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { parseForm, parseId, renderInvalid } from '../web/form';
import { pageRequest, pagination } from '../web/pagination';
import { utcToCopenhagen } from '../web/time';
import { countActions, findAction, isOverdue, listActions } from './queries';
import { ActionFilterSchema, ActionStatusSchema } from './schemas';
import { setActionStatus } from './service';
import { ACTION_TEXTS as A } from './messages';

const NOT_YOUR_ACTION = A.onlyOwnStatus;

export function actionRoutes({ db, clock, caches }: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const filter = ActionFilterSchema.parse(req.query);
    const page = pageRequest(req.query.page);
    const today = utcToCopenhagen(clock.now()).day;
    const scoped = { ...filter, withoutClosedItems: !permissions.seeClosedItems(requireUser(req).role) };
    const [rows, total, owner, partnerships] = await caches.listPages.get({ list: 'actions', scoped, page, today }, () =>
      Promise.all([
        listActions(db, scoped, today, page.limit, page.offset),
        countActions(db, scoped, today),
        // A select of every person would be thousands of options: the owner is found by name instead.
        filter.owner_id ? db.selectFrom('people').select(['id', 'name']).where('id', '=', filter.owner_id).executeTakeFirst() : undefined,
        listPartnerships(db),
      ]),
    );
    const query = new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'page'));
    res.render('actions/list', {
      isOverdue,
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
    const who = { userId: user.id, personId: user.personId, mayEditAll: permissions.edit(user.role) };
    // The same rule as setActionStatus: someone who may not change it gets no form back either.
    if (!who.mayEditAll && action.owner_id !== who.personId) throw new Forbidden(NOT_YOUR_ACTION);
    const back = safeBack(req.body?.back, `/meetings/${action.meeting_id}`);
    const parsed = parseForm(ActionStatusSchema, req.body);
    if (!parsed.ok) {
      // The status form stands in a table row elsewhere; on its own page it can show its message.
      return renderInvalid(res, 'actions/status-form', { action, back, statusOptions: options(ACTION_STATUS_LABELS) }, parsed.form);
    }
    await setActionStatus(db, action.id, parsed.data.status, who, clock.now());
    flash(req, `Status er ændret til "${ACTION_STATUS_LABELS[parsed.data.status]}".`);
    res.redirect(303, back);
  });

  return router;
}

/** Where to return after a status change: a local path from the form, or the fallback. */
function safeBack(back: unknown, fallback: string): string {
  // '/' is the dashboard, whose status forms send it.
  return typeof back === 'string' && (back === '/' || /^\/[a-z]/.test(back)) && !back.startsWith('//') ? back : fallback;
}

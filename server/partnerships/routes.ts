// /partnerships: the partnerships, their parties and representatives, and their settings.
import { Router, type Response } from 'express';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { groupBy } from '../web/collections';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { findPartnership, listPartnerships, membersOf, partiesOf } from './queries';
import { PartnershipFormSchema } from './schemas';
import { updatePartnership } from './service';
import { PARTNERSHIP_TEXTS as T } from './messages';
import { standardItemsOf } from './standard-items';
import { standardItemRoutes } from './standard-items-routes';
import { AGENDA_KIND_LABELS } from '../web/labels';

export function partnershipRoutes(ctx: AppContext): Router {
  const { db, clock } = ctx;
  const router = Router();

  router.get('/', async (_req, res) => {
    const partnerships = await listPartnerships(db);
    const partiesByPartnership = groupBy(await partiesOf(db, partnerships.map((p) => p.id)), (x) => x.partnership_id);
    res.render('partnerships/list', {
      partnerships: partnerships.map((p) => ({ ...p, parties: partiesByPartnership.get(p.id) ?? [] })),
    });
  });

  async function renderShow(res: Response, id: number, status = 200, extra: Record<string, unknown> = {}) {
    const partnership = await findPartnership(db, id);
    if (!partnership) throw new NotFound();
    const [parties, members, standardItems] = await Promise.all([partiesOf(db, [partnership.id]), membersOf(db, partnership.id), standardItemsOf(db, partnership.id)]);
    res.status(status).render('partnerships/show', {
      partnership,
      parties: parties.map((party) => ({
        ...party,
        representatives: members.filter((m) => m.is_representative && m.organisation_id === party.id),
      })),
      conveners: members.filter((m) => m.convenes_meetings),
      standardItems,
      agendaKindLabels: AGENDA_KIND_LABELS,
      ...extra,
    });
  }

  router.get('/:id', async (req, res) => {
    await renderShow(res, parseId(req.params.id));
  });

  router.use('/:id/standard-items', standardItemRoutes(ctx, (_req, res, id, formError) => renderShow(res, id, 422, { formError })));

  router.get('/:id/edit', requireRole('konsulent'), async (req, res) => {
    const partnership = await findPartnership(db, parseId(req.params.id));
    if (!partnership) throw new NotFound();
    res.render('partnerships/form', { partnership, form: formFrom(partnership) });
  });

  router.post('/:id', requireRole('konsulent'), async (req, res) => {
    const user = requireUser(req);
    const partnership = await findPartnership(db, parseId(req.params.id));
    if (!partnership) throw new NotFound();
    await submitForm(res, {
      schema: PartnershipFormSchema,
      body: req.body,
      view: 'partnerships/form',
      locals: () => ({ partnership }),
      save: async (data) => {
        await updatePartnership(db, partnership.id, data, { userId: user.id }, clock.now());
        flash(req, T.saved);
        res.redirect(303, `/partnerships/${partnership.id}`);
      },
    });
  });

  return router;
}

// /partnerships: the partnerships, their parties and representatives, and their settings.
import { Router } from 'express';
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

export function partnershipRoutes({ db, clock }: AppContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const partnerships = await listPartnerships(db);
    const partiesByPartnership = groupBy(await partiesOf(db, partnerships.map((p) => p.id)), (x) => x.partnership_id);
    res.render('partnerships/list', {
      partnerships: partnerships.map((p) => ({ ...p, parties: partiesByPartnership.get(p.id) ?? [] })),
    });
  });

  router.get('/:id', async (req, res) => {
    const partnership = await findPartnership(db, parseId(req.params.id));
    if (!partnership) throw new NotFound();
    const [parties, members] = await Promise.all([partiesOf(db, [partnership.id]), membersOf(db, partnership.id)]);
    res.render('partnerships/show', {
      partnership,
      parties: parties.map((party) => ({
        ...party,
        representatives: members.filter((m) => m.is_representative && m.organisation_id === party.id),
      })),
      conveners: members.filter((m) => m.convenes_meetings),
    });
  });

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

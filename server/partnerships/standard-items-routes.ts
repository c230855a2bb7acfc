// /partnerships/:id/standard-items: the konsulent's template of standard agenda items (add, edit,
// remove, move up or down), shown on the partnership page.
import { Router, type Request, type Response } from 'express';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { renderDeleteConfirmation } from '../web/confirm';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseForm, parseId, routeParam, submitForm } from '../web/form';
import { AGENDA_KIND_LABELS, options } from '../web/labels';
import { findPartnership } from './queries';
import { StandardItemMoveSchema, StandardItemSchema } from './schemas';
import { addStandardItem, findStandardItem, moveStandardItem, removeStandardItem, updateStandardItem } from './standard-items';
import { PARTNERSHIP_TEXTS as T } from './messages';

/** The partnership page again with status 422 and a message over it. */
export type RenderInvalidPartnership = (req: Request, res: Response, partnershipId: number, formError: string) => Promise<void>;

export function standardItemRoutes({ db, clock }: AppContext, renderInvalidPartnership: RenderInvalidPartnership): Router {
  const router = Router({ mergeParams: true });
  router.use(requireRole('konsulent'));
  const actor = (req: Request) => ({ userId: requireUser(req).id });
  const kindOptions = options(AGENDA_KIND_LABELS);

  async function loadPartnership(req: Request) {
    const partnership = await findPartnership(db, parseId(routeParam(req, 'id')));
    if (!partnership) throw new NotFound();
    return partnership;
  }

  async function loadItem(req: Request) {
    const partnership = await loadPartnership(req);
    const item = await findStandardItem(db, partnership.id, parseId(req.params.itemId));
    if (!item) throw new NotFound();
    return { partnership, item };
  }

  const back = (partnershipId: number) => `/partnerships/${partnershipId}#standardpunkter`;

  router.get('/new', async (req, res) => {
    const partnership = await loadPartnership(req);
    res.render('partnerships/standard-item-form', { partnership, item: null, kindOptions, form: formFrom({ kind: 'orientering' }) });
  });

  router.post('/', async (req, res) => {
    const partnership = await loadPartnership(req);
    await submitForm(res, {
      schema: StandardItemSchema,
      body: req.body,
      view: 'partnerships/standard-item-form',
      locals: () => ({ partnership, item: null, kindOptions }),
      save: async (data) => {
        await addStandardItem(db, partnership.id, data, actor(req), clock.now());
        flash(req, T.standardItemAdded);
        res.redirect(303, back(partnership.id));
      },
    });
  });

  router.get('/:itemId/edit', async (req, res) => {
    const { partnership, item } = await loadItem(req);
    res.render('partnerships/standard-item-form', { partnership, item, kindOptions, form: formFrom(item) });
  });

  router.post('/:itemId', async (req, res) => {
    const { partnership, item } = await loadItem(req);
    await submitForm(res, {
      schema: StandardItemSchema,
      body: req.body,
      view: 'partnerships/standard-item-form',
      locals: () => ({ partnership, item, kindOptions }),
      save: async (data) => {
        await updateStandardItem(db, partnership.id, item.id, data, actor(req), clock.now());
        flash(req, T.standardItemSaved);
        res.redirect(303, back(partnership.id));
      },
    });
  });

  router.post('/:itemId/move', async (req, res) => {
    const { partnership, item } = await loadItem(req);
    const parsed = parseForm(StandardItemMoveSchema, req.body);
    if (!parsed.ok) return renderInvalidPartnership(req, res, partnership.id, parsed.form.errors.direction);
    await moveStandardItem(db, partnership.id, item.id, parsed.data.direction, actor(req), clock.now());
    res.redirect(303, back(partnership.id));
  });

  router.get('/:itemId/delete', async (req, res) => {
    const { partnership, item } = await loadItem(req);
    renderDeleteConfirmation(req, res, {
      question: `Vil du fjerne standardpunktet "${item.title}"?`,
      consequences: [
        'Nye møder får ikke længere punktet på dagsordenen. Møder, der allerede er oprettet, beholder det.',
        ...(item.follow_up ? ['Åbne opfølgningspunkter fra tidligere møder sættes så ind som første punkt på nye møders dagsorden.'] : []),
      ],
      back: back(partnership.id),
      button: 'Fjern',
    });
  });

  router.post('/:itemId/delete', async (req, res) => {
    const { partnership, item } = await loadItem(req);
    await removeStandardItem(db, partnership.id, item.id, actor(req), clock.now());
    flash(req, T.standardItemRemoved);
    res.redirect(303, back(partnership.id));
  });

  return router;
}

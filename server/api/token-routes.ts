// /admin/api-tokens: an administrator issues a token for the open-data API (shown once) and revokes it.
import { Router } from 'express';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { flash } from '../web/flash';
import { formFrom, parseId, routeParam, submitForm } from '../web/form';
import { API_TEXTS as T } from './messages';
import { NewTokenSchema } from './schemas';
import { issueToken, listTokens, revokeToken, TOKENS_PAGE } from './service';

export function apiTokenRoutes(ctx: AppContext): Router {
  const { db, clock } = ctx;
  const router = Router();
  router.use(requireRole('admin'));

  const locals = async () => ({ tokens: await listTokens(db), issued: null });

  router.get('/', async (_req, res) => {
    res.render('admin/api-tokens', { ...(await locals()), form: formFrom() });
  });

  // The token is on this answer and nowhere else: it is not stored, flashed or put in the address.
  router.post('/', async (req, res) => {
    await submitForm(res, {
      schema: NewTokenSchema,
      body: req.body,
      view: 'admin/api-tokens',
      locals,
      save: async (data) => {
        const issued = await issueToken(db, data.name, { userId: requireUser(req).id }, clock.now());
        res.status(201).render('admin/api-tokens', { tokens: await listTokens(db), issued: { ...issued, name: data.name }, form: formFrom() });
      },
    });
  });

  router.post('/:id/revoke', async (req, res) => {
    await revokeToken(db, parseId(routeParam(req, 'id')), { userId: requireUser(req).id }, clock.now());
    flash(req, T.tokenRevoked);
    res.redirect(303, TOKENS_PAGE);
  });

  return router;
}

// /historier/mest-betydningsfulde: the stories the partnership meeting chose as the most
// significant, with why, newest first. Readers see no choice made in a closed item.
import { Router } from 'express';
import { permissions, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { chosenStories } from './queries';

export function mscRoutes({ db }: AppContext): Router {
  const router = Router();
  router.get('/mest-betydningsfulde', async (req, res) => {
    const chosen = await chosenStories(db, { withClosed: permissions.seeClosedItems(requireUser(req).role) });
    res.render('msc/list', { chosen });
  });
  return router;
}

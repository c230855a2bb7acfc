// POST /profile/beskeder: the messages a user wants by e-mail (the form is on /profile).
import { Router } from 'express';
import { requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { flash } from '../web/flash';
import { NOTIFICATION_TEXTS as T } from './messages';
import { savePreferences, TOPICS, type Topic } from './preferences';

export function preferenceRoutes({ db, clock }: AppContext): Router {
  const router = Router();
  router.post('/profile/beskeder', async (req, res) => {
    const user = requireUser(req);
    const raw = req.body?.topics;
    const ticked = new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map(String));
    await savePreferences(db, user.id, new Set<Topic>(TOPICS.filter((t) => ticked.has(t))), clock.now());
    flash(req, T.preferencesSaved);
    res.redirect(303, '/profile#beskeder');
  });
  return router;
}

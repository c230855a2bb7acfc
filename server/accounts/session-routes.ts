// /profile/sessions: where the user is signed in (started, last seen, browser, address), with
// "Log ud her" for each and "Log ud alle andre steder".
import { Router } from 'express';
import { requireLogin, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { flash } from '../web/flash';
import { ACCOUNT_TEXTS as A } from './messages';
import { SessionHandleSchema } from './schemas';
import { endSessionByHandle, endSessionsOf, sessionHandle, sessionsOf } from './sessions';
import { endSession } from './sign-in';

const METHOD_LABELS: Record<string, string> = {
  password: 'Adgangskode',
  'password+totp': 'Adgangskode og engangskode',
  'password+recovery': 'Adgangskode og reservekode',
  oidc: 'Organisationens konto',
};

export function sessionRoutes({ db, clock, config }: AppContext): Router {
  const router = Router();

  router.get('/profile/sessions', requireLogin, async (req, res) => {
    const user = requireUser(req);
    const sessions = await sessionsOf(db, user.id, req.sessionID, clock.now(), config.sessionSecret);
    res.render('accounts/sessions', { sessions, methodLabels: METHOD_LABELS, idleMinutes: config.sessionIdleMinutes ?? 120, maxHours: config.sessionMaxHours ?? 12 });
  });

  router.post('/profile/sessions/end', requireLogin, async (req, res) => {
    const user = requireUser(req);
    const parsed = SessionHandleSchema.safeParse(req.body);
    if (parsed.success && parsed.data.session === sessionHandle(config.sessionSecret, req.sessionID)) {
      await endSession(req, res); // this browser's own: the same as "Log ud"
      return res.redirect(303, '/login');
    }
    const ended = parsed.success && (await endSessionByHandle(db, user.id, parsed.data.session, { userId: user.id }, clock.now(), config.sessionSecret));
    flash(req, ended ? A.sessionEnded : A.sessionGone, ended ? 'success' : 'info');
    res.redirect(303, '/profile/sessions');
  });

  router.post('/profile/sessions/end-others', requireLogin, async (req, res) => {
    const user = requireUser(req);
    await endSessionsOf(db, user.id, { userId: user.id }, clock.now(), req.sessionID);
    flash(req, A.otherSessionsEnded);
    res.redirect(303, '/profile/sessions');
  });

  return router;
}

// /password/forgot ("Glemt adgangskode?"), the reset link /nulstil/:token (also
// /password/reset/:token) and the invitation link /invitation/:token: reachable without a session.
import { Router, type Request, type Response } from 'express';
import type { AccountTokenPurpose } from '../db/schema';
import { appUrlOf } from '../mail/service';
import type { AppContext } from '../web/context';
import { flash } from '../web/flash';
import { parseForm, renderInvalid } from '../web/form';
import { checkLink, INVITATION_PATH, RESET_PATH, requestPasswordReset, setPasswordFromLink } from './by-email';
import { ACCOUNT_TEXTS as A } from './messages';
import { ResetThrottle } from './reset-throttle';
import { ForgotPasswordSchema, NewPasswordSchema } from './schemas';
import type { TokenCheck } from './tokens';

/** The browser's session starts afresh: a session of the account must not outlive the new password. */
function freshSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

export function emailAccountRoutes(ctx: AppContext): Router {
  const { db, clock, config } = ctx;
  const router = Router();
  if (config.passwordLogin === false) return router; // no passwords to reset or choose
  const throttle = new ResetThrottle(db, clock);

  router.get('/password/forgot', (_req, res) => {
    res.render('accounts/forgot');
  });

  router.post('/password/forgot', async (req, res) => {
    const address = req.ip ?? '';
    if (await throttle.isRefused(address)) {
      res.status(429);
      return res.render('accounts/forgot', { form: { values: { email: String(req.body?.email ?? '') }, errors: {} }, formError: A.resetTooMany });
    }
    const parsed = parseForm(ForgotPasswordSchema, req.body);
    if (!parsed.ok) return renderInvalid(res, 'accounts/forgot', {}, parsed.form);
    const mail = await throttle.record(address, parsed.data.email);
    await requestPasswordReset(db, parsed.data.email, { at: clock.now(), appUrl: appUrlOf(config), mail });
    res.render('accounts/forgot-sent', { message: A.resetRequested });
  });

  const linkProblem = (res: Response, purpose: AccountTokenPurpose, check: Extract<TokenCheck, { ok: false }>) => {
    const message = check.reason === 'expired' ? A.linkExpired : check.reason === 'used' ? A.linkUsed : A.linkInvalid;
    res.status(check.reason === 'invalid' ? 404 : 410);
    res.render('accounts/link-problem', { message, purpose, resetAgain: A.resetAgain, invitationAgain: A.invitationAgain });
  };

  const linkRoutes = (paths: string[], purpose: AccountTokenPurpose) => {
    const view = (check: Extract<TokenCheck, { ok: true }>, token: string) => ({
      purpose,
      action: `${purpose === 'reset' ? RESET_PATH : INVITATION_PATH}${token}`,
      name: check.name,
      email: check.email,
    });

    router.get(paths, async (req, res) => {
      const token = String(req.params.token);
      const check = await checkLink(db, token, purpose, clock.now());
      if (!check.ok) return linkProblem(res, purpose, check);
      res.render('accounts/new-password', view(check, token));
    });

    router.post(paths, async (req, res) => {
      const token = String(req.params.token);
      const check = await checkLink(db, token, purpose, clock.now());
      if (!check.ok) return linkProblem(res, purpose, check);
      const parsed = parseForm(NewPasswordSchema, req.body);
      if (!parsed.ok) return renderInvalid(res, 'accounts/new-password', view(check, token), parsed.form);
      const done = await setPasswordFromLink(db, token, purpose, parsed.data.password, clock.now());
      if (!done.ok) return linkProblem(res, purpose, done);
      await freshSession(req);
      flash(req, purpose === 'reset' ? A.resetDone : A.invitationAccepted);
      res.redirect(303, '/login');
    });
  };
  linkRoutes([`${RESET_PATH}:token`, '/password/reset/:token'], 'reset');
  linkRoutes([`${INVITATION_PATH}:token`], 'invitation');
  return router;
}

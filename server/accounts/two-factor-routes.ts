// The second step of signing in with a password (/login/two-factor: a code from the app or a
// recovery code, or setting up the app when the role requires it), and two-factor on the
// profile (/profile/two-factor: turn on, new recovery codes, turn off). A code is checked at most
// five times per quarter of an hour per account; the sixth attempt is refused, right or wrong.
import { Router, type Request, type Response } from 'express';
import { requireLogin, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { Conflict } from '../web/errors';
import { flash } from '../web/flash';
import { FORM_ERROR, parseForm, renderInvalid } from '../web/form';
import { FailureCounter } from '../web/rate-limit';
import { ACCOUNT_TEXTS as A } from './messages';
import { CodeSchema, EnrolCodeSchema } from './schemas';
import { pendingOf, startSignedInSession } from './sign-in';
import {
  checkSecondFactor,
  enableTotp,
  enrolmentFor,
  newTotpKey,
  removeTotp,
  renewRecoveryCodes,
  sealTotpKey,
  totpRequiredFor,
  twoFactorStatus,
  unsealTotpKey,
} from './totp';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;

export function twoFactorRoutes({ db, clock, config }: AppContext): Router {
  const router = Router();
  const failures = new FailureCounter(db, 'totp', WINDOW_MS, () => clock.now());
  const secret = config.sessionSecret;

  const emailOf = async (userId: number) => (await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;

  /** The key being set up in this session (made on first sight, kept sealed in the session until confirmed). */
  const enrolmentKey = (req: Request): string => {
    const kept = unsealTotpKey(secret, req.session.totpEnrolment);
    if (kept) return kept;
    const key = newTotpKey();
    req.session.totpEnrolment = sealTotpKey(secret, key);
    return key;
  };

  const renderEnrol = async (req: Request, res: Response, userId: number, action: string, extra: Record<string, unknown> = {}) => {
    const enrolment = await enrolmentFor(await emailOf(userId), enrolmentKey(req));
    res.render('accounts/two-factor-enrol', { enrolment, action, signingIn: action.startsWith('/login'), ...extra });
  };

  /** Five wrong codes in a quarter: refused (429) before the code is looked at. */
  const refused = async (userId: number) => (await failures.count(`code:${userId}`)) >= MAX_FAILURES;

  const tooMany = (res: Response, view: string, locals: Record<string, unknown>) => {
    res.status(429).render(view, { ...locals, formError: A.tooManyCodes });
  };

  // ---- the second step of signing in ----

  router.get('/login/two-factor', async (req, res) => {
    const pending = pendingOf(req, clock);
    if (!pending) return res.redirect(303, '/login');
    if (pending.enrol) return renderEnrol(req, res, pending.userId, '/login/two-factor/enrol');
    res.render('accounts/two-factor-code');
  });

  router.post('/login/two-factor', async (req, res) => {
    const pending = pendingOf(req, clock);
    if (!pending || pending.enrol) {
      if (req.session.pending) flash(req, A.pendingExpired, 'error');
      return res.redirect(303, '/login');
    }
    if (await refused(pending.userId)) return tooMany(res, 'accounts/two-factor-code', {});
    const parsed = parseForm(CodeSchema, req.body);
    if (!parsed.ok) return renderInvalid(res, 'accounts/two-factor-code', {}, parsed.form);
    const factor = await checkSecondFactor(db, pending.userId, parsed.data.code, clock.now(), secret);
    if (!factor) {
      await failures.record(`code:${pending.userId}`);
      return renderInvalid(res, 'accounts/two-factor-code', {}, { values: {}, errors: { code: A.wrongCode } });
    }
    await failures.reset(`code:${pending.userId}`);
    await startSignedInSession(req, clock, pending.userId, { method: factor === 'totp' ? 'password+totp' : 'password+recovery' });
    if (factor === 'recovery') flash(req, A.recoveryCodeUsed, 'info');
    res.redirect(303, pending.next);
  });

  router.post('/login/two-factor/enrol', async (req, res) => {
    const pending = pendingOf(req, clock);
    if (!pending || !pending.enrol) return res.redirect(303, '/login');
    const action = '/login/two-factor/enrol';
    if (await refused(pending.userId)) return tooMany(res, 'accounts/two-factor-enrol', { enrolment: await enrolmentFor(await emailOf(pending.userId), enrolmentKey(req)), action, signingIn: true });
    const parsed = parseForm(EnrolCodeSchema, req.body);
    const codes = parsed.ok ? await enableTotp(db, pending.userId, enrolmentKey(req), parsed.data.code, clock.now(), secret) : null;
    if (!codes) {
      if (parsed.ok) await failures.record(`code:${pending.userId}`);
      const form = parsed.ok ? { values: {}, errors: { code: A.wrongEnrolmentCode } } : parsed.form;
      res.status(422);
      return renderEnrol(req, res, pending.userId, action, { form, formError: FORM_ERROR });
    }
    await startSignedInSession(req, clock, pending.userId, { method: 'password+totp' });
    res.render('accounts/recovery-codes', { codes, continueTo: pending.next, fresh: true });
  });

  // ---- two-factor on the profile ----

  router.get('/profile/two-factor', requireLogin, async (req, res) => {
    const user = requireUser(req);
    const status = await twoFactorStatus(db, user.id);
    if (status.enabled) {
      return res.render('accounts/two-factor', { status, required: totpRequiredFor(user.role, config.requireTotpFor) });
    }
    return renderEnrol(req, res, user.id, '/profile/two-factor');
  });

  router.post('/profile/two-factor', requireLogin, async (req, res) => {
    const user = requireUser(req);
    if ((await twoFactorStatus(db, user.id)).enabled) throw new Conflict('Totrinsbekræftelse er allerede slået til.', '/profile/two-factor');
    const action = '/profile/two-factor';
    if (await refused(user.id)) {
      return tooMany(res, 'accounts/two-factor-enrol', { enrolment: await enrolmentFor(user.email, enrolmentKey(req)), action, signingIn: false });
    }
    const parsed = parseForm(EnrolCodeSchema, req.body);
    const codes = parsed.ok ? await enableTotp(db, user.id, enrolmentKey(req), parsed.data.code, clock.now(), secret) : null;
    if (!codes) {
      if (parsed.ok) await failures.record(`code:${user.id}`);
      const form = parsed.ok ? { values: {}, errors: { code: A.wrongEnrolmentCode } } : parsed.form;
      res.status(422);
      return renderEnrol(req, res, user.id, action, { form, formError: FORM_ERROR });
    }
    // A new factor is a change of privilege: a new session id.
    await startSignedInSession(req, clock, user.id, { method: 'password+totp' });
    res.render('accounts/recovery-codes', { codes, continueTo: '/profile/two-factor', fresh: true });
  });

  /** The profile's steps that need a current code (so a borrowed session alone cannot do them). */
  const withCode = (handle: (userId: number, req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    const user = requireUser(req);
    const status = await twoFactorStatus(db, user.id);
    if (!status.enabled) throw new Conflict(A.twoFactorNotEnabled, '/profile/two-factor');
    const locals = { status, required: totpRequiredFor(user.role, config.requireTotpFor) };
    if (await refused(user.id)) return tooMany(res, 'accounts/two-factor', locals);
    const parsed = parseForm(CodeSchema, req.body);
    if (!parsed.ok) return renderInvalid(res, 'accounts/two-factor', locals, parsed.form);
    if (!(await checkSecondFactor(db, user.id, parsed.data.code, clock.now(), secret))) {
      await failures.record(`code:${user.id}`);
      return renderInvalid(res, 'accounts/two-factor', locals, { values: {}, errors: { code: A.wrongCode } });
    }
    await handle(user.id, req, res);
  };

  router.post(
    '/profile/two-factor/recovery-codes',
    requireLogin,
    withCode(async (userId, _req, res) => {
      const codes = await renewRecoveryCodes(db, userId, clock.now());
      res.render('accounts/recovery-codes', { codes, continueTo: '/profile/two-factor', fresh: false });
    }),
  );

  router.post(
    '/profile/two-factor/disable',
    requireLogin,
    (req, _res, next) => {
      if (totpRequiredFor(requireUser(req).role, config.requireTotpFor)) throw new Conflict(A.twoFactorRequired, '/profile/two-factor');
      next();
    },
    withCode(async (userId, req, res) => {
      await removeTotp(db, userId, { userId }, clock.now(), { endSessions: false });
      flash(req, A.twoFactorRemoved);
      res.redirect(303, '/profile/two-factor');
    }),
  );

  return router;
}

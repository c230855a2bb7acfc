// /setup, /login, /logout and /profile.
import { Router, type Request } from 'express';
import { calendarTokenOf } from '../exports/calendar';
import { organisationOptions } from '../organisations/service';
import { requireLogin, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { parseForm, renderInvalid, submitForm } from '../web/form';
import { isKnownBrowser, rememberBrowser } from './known-browser';
import { LoginThrottle } from './login-throttle';
import { ChangePasswordSchema, LoginSchema, ProfileNameSchema, safeNext, SetupSchema } from './schemas';
import { authenticate, changeOwnName, changeOwnPassword, createAccount, hasAnyUser } from './service';
import { ACCOUNT_TEXTS as A } from './messages';

/** Starts a fresh session for the user (a new id, so a planted session id is worthless). */
function signIn(req: Request, userId: number): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.userId = userId;
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    });
  });
}

export function accountRoutes({ db, clock, config }: AppContext): Router {
  const router = Router();
  const throttle = new LoginThrottle(clock);

  const setupLocals = async () => ({
    organisationOptions: [{ value: '', label: 'Ingen / vælg senere' }, ...(await organisationOptions(db))],
  });

  router.get('/setup', async (_req, res) => {
    if (await hasAnyUser(db)) throw new NotFound();
    res.render('accounts/setup', await setupLocals());
  });

  router.post('/setup', async (req, res) => {
    if (await hasAnyUser(db)) throw new NotFound();
    await submitForm(res, {
      schema: SetupSchema,
      body: req.body,
      view: 'accounts/setup',
      locals: setupLocals,
      save: async (data) => {
        const userId = await createAccount(
          db,
          { email: data.email, password: data.password, role: 'admin', name: data.name, organisationId: data.organisation_id },
          { userId: null },
          clock.now(),
          { onlyIfNoUsers: true },
        );
        await signIn(req, userId);
        flash(req, A.setupDone);
        res.redirect(303, '/');
      },
    });
  });

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    res.render('accounts/login', { next: safeNext(req.query.next) });
  });

  router.post('/login', async (req, res) => {
    const parsed = parseForm(LoginSchema, req.body);
    const next = safeNext(req.body?.next);
    if (!parsed.ok) return renderInvalid(res, 'accounts/login', { next }, parsed.form);
    const { email, password } = parsed.data;
    const attempt = { email, address: req.ip ?? '', knownBrowser: isKnownBrowser(req, config.sessionSecret, email) };
    if (throttle.isRefused(attempt)) {
      res.status(429);
      return res.render('accounts/login', {
        next,
        form: { values: { email }, errors: {} },
        formError: 'For mange mislykkede forsøg. Vent et kvarter, og prøv igen.',
      });
    }
    const userId = await authenticate(db, email, password, clock.now());
    if (!userId) {
      throttle.recordFailure(attempt);
      return renderInvalid(res, 'accounts/login', { next }, {
        values: { email },
        errors: { password: 'E-mail eller adgangskode er forkert' },
      });
    }
    throttle.recordSuccess(attempt);
    await signIn(req, userId);
    rememberBrowser(req, res, config.sessionSecret, email);
    res.redirect(303, next);
  });

  router.get('/logout', (req, res) => {
    if (!req.user) return res.redirect(303, '/login');
    res.render('accounts/logout');
  });

  router.post('/logout', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('uldum.sid');
      res.redirect(303, '/login');
    });
  });

  const profileLocals = async (req: Request) => {
    const token = await calendarTokenOf(db, requireUser(req).id);
    return { calendarUrl: token ? `${req.protocol}://${req.get('host')}/meetings.ics?token=${token}` : null };
  };

  router.get('/profile', requireLogin, async (req, res) => {
    res.render('accounts/profile', await profileLocals(req));
  });

  router.post('/profile/name', requireLogin, async (req, res) => {
    const user = requireUser(req);
    await submitForm(res, {
      schema: ProfileNameSchema,
      body: req.body,
      view: 'accounts/profile',
      locals: () => profileLocals(req),
      save: async (data) => {
        await changeOwnName(db, user.id, data.name, clock.now());
        flash(req, A.nameChanged);
        res.redirect(303, '/profile');
      },
    });
  });

  router.post('/profile/password', requireLogin, async (req, res) => {
    const user = requireUser(req);
    await submitForm(res, {
      schema: ChangePasswordSchema,
      body: req.body,
      view: 'accounts/profile',
      locals: () => profileLocals(req),
      save: async (data) => {
        await changeOwnPassword(db, user.id, data.current_password, data.password, clock.now(), req.sessionID);
        flash(req, A.passwordChanged);
        res.redirect(303, '/profile');
      },
    });
  });

  return router;
}

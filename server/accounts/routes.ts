// /setup, /login, /logout and /profile. Signing in with an OpenID provider is in oidc-routes.ts,
// the second step and two-factor in two-factor-routes.ts, the sessions page in session-routes.ts.
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
import { authenticate, changeOwnName, changeOwnPassword, createAccount, hasAnyUser, hasPassword } from './service';
import { ACCOUNT_TEXTS as A } from './messages';
import { continueToProviderLogout, oidcRoutes, providerLogoutOf } from './oidc-routes';
import { enabledProviders } from './providers';
import { endSession, startPendingSession, startSignedInSession } from './sign-in';
import { sessionRoutes } from './session-routes';
import { totpRequiredFor } from './totp';
import { twoFactorRoutes } from './two-factor-routes';
import { emailAccountRoutes } from './email-routes';
import { mailSettingsOf } from '../notifications/service';

export function accountRoutes(ctx: AppContext): Router {
  const { db, clock, config } = ctx;
  const router = Router();
  const throttle = new LoginThrottle(db, clock);
  const passwordLogin = config.passwordLogin !== false;

  /** What the login page shows besides the form: a button per provider, and whether the password form is on. */
  const loginLocals = async (next: string) => ({ next, providers: await enabledProviders(db), passwordLogin });

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
        if (totpRequiredFor('admin', config.requireTotpFor)) {
          // The first administrator sets up a second factor before anything else.
          await startPendingSession(req, clock, userId, true, '/');
          return res.redirect(303, '/login/two-factor');
        }
        await startSignedInSession(req, clock, userId);
        flash(req, A.setupDone);
        res.redirect(303, '/');
      },
    });
  });

  router.get('/login', async (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next));
    res.render('accounts/login', await loginLocals(safeNext(req.query.next)));
  });

  router.post('/login', async (req, res) => {
    const next = safeNext(req.body?.next);
    if (!passwordLogin) {
      res.status(403);
      return res.render('accounts/login', { ...(await loginLocals(next)), formError: A.passwordLoginOff });
    }
    const parsed = parseForm(LoginSchema, req.body);
    if (!parsed.ok) return renderInvalid(res, 'accounts/login', await loginLocals(next), parsed.form);
    const { email, password } = parsed.data;
    const attempt = { email, address: req.ip ?? '', knownBrowser: isKnownBrowser(req, config.sessionSecret, email) };
    if (await throttle.isRefused(attempt)) {
      res.status(429);
      return res.render('accounts/login', {
        ...(await loginLocals(next)),
        form: { values: { email }, errors: {} },
        formError: 'For mange mislykkede forsøg. Vent et kvarter, og prøv igen.',
      });
    }
    const user = await authenticate(db, email, password, clock.now());
    if (!user) {
      await throttle.recordFailure(attempt);
      return renderInvalid(res, 'accounts/login', await loginLocals(next), {
        values: { email },
        errors: { password: 'E-mail eller adgangskode er forkert' },
      });
    }
    await throttle.recordSuccess(attempt);
    rememberBrowser(req, res, config.sessionSecret, email);
    if (user.totpEnabled || totpRequiredFor(user.role, config.requireTotpFor)) {
      await startPendingSession(req, clock, user.id, !user.totpEnabled, next);
      return res.redirect(303, '/login/two-factor');
    }
    await startSignedInSession(req, clock, user.id);
    res.redirect(303, next);
  });

  router.get('/logout', (req, res) => {
    if (!req.user) return res.redirect(303, '/login');
    res.render('accounts/logout');
  });

  // "Log ud" ends the session here, and at the OpenID provider too when the user signed in there
  // and it offers RP-initiated logout (through /logout/provider; it then sends the browser back to /login).
  router.post('/logout', async (req, res) => {
    const providerLogout = await providerLogoutOf(ctx, req);
    await endSession(req, res);
    res.redirect(303, providerLogout ? continueToProviderLogout(ctx, req, res, providerLogout) : '/login');
  });

  const profileLocals = async (req: Request) => {
    const user = requireUser(req);
    const token = await calendarTokenOf(db, user.id);
    return {
      calendarUrl: token ? `${req.protocol}://${req.get('host')}/meetings.ics?token=${token}` : null,
      hasPassword: await hasPassword(db, user.id),
      mail: await mailSettingsOf(db, user),
    };
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

  router.use(twoFactorRoutes(ctx));
  router.use(oidcRoutes(ctx));
  router.use(sessionRoutes(ctx));
  router.use(emailAccountRoutes(ctx));
  return router;
}

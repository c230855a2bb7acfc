// Signing in with an OpenID provider: /login/oidc/<slug> sends the browser there (authorization
// code flow with PKCE, state and nonce), /login/oidc/<slug>/callback takes the answer. Until the
// answer comes, the flow's secrets travel in a sealed, short-lived cookie scoped to /login/oidc,
// so starting a sign-in writes no session row. Who the claims are is identities.ts's decision.
// "Log ud" after such a sign-in continues to the provider's end_session_endpoint through a page
// of our own (/logout/provider): a browser does not follow a form's redirect to another origin
// (CSP form-action 'self'), but it does follow that page's refresh.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../web/context';
import { readCookie } from '../web/csrf';
import { NotFound } from '../web/errors';
import { seal, unseal } from '../web/sealed';
import { resolveIdentity } from './identities';
import { ACCOUNT_TEXTS as A } from './messages';
import { configurationOf, endSessionUrl, finishFlow, startFlow, type FlowState } from './oidc';
import { findProvider, findProviderBySlug, providerClientSecret, type Provider } from './providers';
import { safeNext } from './schemas';
import { startSignedInSession } from './sign-in';

const FLOW_COOKIE = 'uldum.oidc';
const FLOW_PATH = '/login/oidc';
const FLOW_PURPOSE = 'oidc-flow';
/** How long a sign-in at the provider may take. */
const FLOW_MS = 15 * 60 * 1000;

/** The app's own address: PUBLIC_URL, or the request's (behind a proxy: set TRUST_PROXY). */
export function baseUrl(ctx: AppContext, req: Request): string {
  return ctx.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
}

export function redirectUriFor(base: string, provider: Pick<Provider, 'slug'>): string {
  return `${base}${FLOW_PATH}/${provider.slug}/callback`;
}

const LOGOUT_COOKIE = 'uldum.logout';
const LOGOUT_PATH = '/logout';
const LOGOUT_PURPOSE = 'oidc-logout';
/** How long the way on to the provider's sign-out is kept after "Log ud". */
const LOGOUT_MS = 5 * 60 * 1000;

/** Where "Log ud" continues to end the provider's session too. */
export interface ProviderLogout {
  url: string;
  providerName: string;
}

/** The provider's sign-out for this session (read before it ends); null when it has none (or cannot say). */
export async function providerLogoutOf(ctx: AppContext, req: Request): Promise<ProviderLogout | null> {
  const { providerId, idToken, method } = req.session ?? {};
  if (method !== 'oidc' || !providerId) return null;
  try {
    const provider = await findProvider(ctx.db, providerId);
    if (!provider) return null;
    const config = await configurationOf(ctx.caches, provider, await providerClientSecret(ctx.db, provider.id, ctx.config.sessionSecret));
    const url = await endSessionUrl(config, idToken, `${baseUrl(ctx, req)}/login`);
    return url ? { url, providerName: provider.displayName } : null;
  } catch (err) {
    ctx.log(`OpenID: sign-out at provider ${providerId} skipped: ${(err as Error).message}`);
    return null;
  }
}

/**
 * After the session ended: keeps the provider's sign-out in a sealed, short-lived cookie for
 * /logout/provider (the ID token hint in it stays unreadable) and returns that address.
 */
export function continueToProviderLogout(ctx: AppContext, req: Request, res: Response, logout: ProviderLogout): string {
  const until = new Date(ctx.clock.now().getTime() + LOGOUT_MS).toISOString();
  res.cookie(LOGOUT_COOKIE, seal(ctx.config.sessionSecret, LOGOUT_PURPOSE, JSON.stringify({ ...logout, until })), {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: LOGOUT_PATH,
    maxAge: LOGOUT_MS,
  });
  return `${LOGOUT_PATH}/provider`;
}

/** The log line's reason: openid-client's message, the inner one (which parameter or claim) and the provider's error code. */
function reasonOf(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    if (!parts.includes(e.message)) parts.push(e.message);
    const { error, code } = e as { error?: unknown; code?: unknown };
    if (typeof error === 'string') parts.push(error);
    else if (depth === 0 && typeof code === 'string') parts.push(code);
  }
  return parts.join(': ');
}

export function oidcRoutes(ctx: AppContext): Router {
  const { db, clock, config, caches } = ctx;
  const router = Router();

  const enabledProvider = async (slug: string): Promise<Provider> => {
    const provider = await findProviderBySlug(db, slug);
    if (!provider || !provider.enabled) throw new NotFound();
    return provider;
  };

  const failed = (res: Response, provider: Provider, reason: string, status = 400, message: string = A.providerFailed) => {
    ctx.log(`OpenID: sign-in with ${provider.slug} refused: ${reason}`);
    res.status(status).render('accounts/oidc-failed', { providerName: provider.displayName, message });
  };

  router.get(`${FLOW_PATH}/:slug`, async (req, res) => {
    const provider = await enabledProvider(String(req.params.slug));
    let configuration;
    try {
      configuration = await configurationOf(caches, provider, await providerClientSecret(db, provider.id, config.sessionSecret));
    } catch (err) {
      return failed(res, provider, `discovery failed: ${(err as Error).message}`, 502);
    }
    const until = new Date(clock.now().getTime() + FLOW_MS);
    const { url, flow } = await startFlow(configuration, provider, redirectUriFor(baseUrl(ctx, req), provider), safeNext(req.query.next), until);
    res.cookie(FLOW_COOKIE, seal(config.sessionSecret, FLOW_PURPOSE, JSON.stringify(flow)), {
      httpOnly: true,
      sameSite: 'lax', // sent on the provider's redirect back (a top-level GET), not on cross-site posts
      secure: req.secure,
      path: FLOW_PATH,
      maxAge: FLOW_MS,
    });
    res.redirect(303, url);
  });

  router.get(`${FLOW_PATH}/:slug/callback`, async (req, res) => {
    const provider = await enabledProvider(String(req.params.slug));
    const sealed = readCookie(req, FLOW_COOKIE);
    res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH }); // one answer per start: a replayed callback finds nothing
    const opened = sealed ? unseal(config.sessionSecret, FLOW_PURPOSE, sealed) : null;
    const flow = opened ? (JSON.parse(opened) as FlowState) : null;
    if (!flow || flow.providerId !== provider.id) return failed(res, provider, 'no sign-in was started in this browser');
    if (flow.until <= clock.now().toISOString()) return failed(res, provider, 'the sign-in took too long');
    if (typeof req.query.error === 'string') return failed(res, provider, `the provider answered ${req.query.error}`);
    let result;
    try {
      const configuration = await configurationOf(caches, provider, await providerClientSecret(db, provider.id, config.sessionSecret));
      result = await finishFlow(configuration, provider, new URL(req.originalUrl, baseUrl(ctx, req)), flow);
    } catch (err) {
      return failed(res, provider, reasonOf(err));
    }
    const outcome = await resolveIdentity(db, provider, String(result.claims.iss), result.claims, clock.now());
    if (outcome.kind === 'disabled') return failed(res, provider, 'the account is disabled', 403, A.accountDisabled);
    if (outcome.kind === 'requested') {
      return res.status(403).render('accounts/access-requested', { providerName: provider.displayName, email: outcome.email, name: outcome.name });
    }
    await startSignedInSession(req, clock, outcome.userId, { method: 'oidc', providerId: provider.id, idToken: result.idToken });
    res.redirect(303, flow.next);
  });

  // The page between "Log ud" and the provider's sign-out: once, then it sends to /login.
  router.get(`${LOGOUT_PATH}/provider`, (req, res) => {
    const sealed = readCookie(req, LOGOUT_COOKIE);
    res.clearCookie(LOGOUT_COOKIE, { path: LOGOUT_PATH });
    const opened = sealed ? unseal(config.sessionSecret, LOGOUT_PURPOSE, sealed) : null;
    const logout = opened ? (JSON.parse(opened) as ProviderLogout & { until: string }) : null;
    if (!logout || logout.until <= clock.now().toISOString()) return res.redirect(303, '/login');
    res.render('accounts/provider-logout', { providerName: logout.providerName, url: logout.url });
  });

  return router;
}

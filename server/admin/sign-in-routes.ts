// /admin/providers (the OpenID providers people sign in with: list, add, edit, turn off),
// /admin/access-requests (people a provider knows but no account has yet), and the sign-in
// steps on a user: reset their second factor, end all their sessions.
import { Router, type Request } from 'express';
import {
  createProvider,
  declineAccessRequest,
  endSessionsOf,
  findAccessRequest,
  findProvider,
  grantAccessRequest,
  listAccessRequests,
  listProviders,
  removeTotp,
  setProviderEnabled,
  updateProvider,
  type Provider,
  type ProviderInput,
} from '../accounts/service';
import { organisationOptions } from '../organisations/service';
import { requireUser, ROLE_LABELS } from '../web/auth';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseId, submitForm } from '../web/form';
import { formatRoleMap } from '../web/sign-in-options';
import { findUser, listUsers, peopleWithoutAccount } from './queries';
import { ADMIN_TEXTS as A } from './messages';
import { roleOptions } from './schemas';
import { ACCESS_REQUEST_STATUS_LABELS, EnabledSchema, GrantSchema, ProviderSchema } from './sign-in-schemas';

export function signInAdminRoutes({ db, clock, config }: AppContext): Router {
  const router = Router();
  const actorOf = (req: Request) => ({ userId: requireUser(req).id });
  const base = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  // ---- OpenID providers ----

  router.get('/providers', async (req, res) => {
    res.render('admin/providers', { providers: await listProviders(db), passwordLogin: config.passwordLogin !== false, base: base(req) });
  });

  const providerLocals = (req: Request, provider?: Provider) => () => ({ provider: provider ?? null, base: base(req) });

  const inputOf = (data: ReturnType<typeof ProviderSchema.parse>): ProviderInput => ({
    slug: data.slug,
    displayName: data.display_name,
    issuer: data.issuer,
    clientId: data.client_id,
    clientSecret: data.client_secret,
    clearSecret: data.clear_secret,
    scopes: data.scopes,
    emailClaim: data.email_claim,
    roleClaim: data.role_claim,
    roleMap: data.roleMap,
    allowLinking: data.allow_linking,
    enabled: data.enabled,
  });

  router.get('/providers/new', (req, res) => {
    res.render('admin/provider-form', { ...providerLocals(req)(), form: formFrom({ scopes: 'openid email profile', email_claim: 'email', enabled: true }) });
  });

  router.post('/providers', async (req, res) => {
    await submitForm(res, {
      schema: ProviderSchema,
      body: req.body,
      view: 'admin/provider-form',
      locals: providerLocals(req),
      save: async (data) => {
        await createProvider(db, inputOf(data), actorOf(req), clock.now(), config.sessionSecret);
        flash(req, A.providerSaved);
        res.redirect(303, '/admin/providers');
      },
    });
  });

  const loadProvider = async (raw: unknown) => {
    const provider = await findProvider(db, parseId(raw));
    if (!provider) throw new NotFound('Udbyderen findes ikke');
    return provider;
  };

  router.get('/providers/:id/edit', async (req, res) => {
    const p = await loadProvider(req.params.id);
    const values = {
      display_name: p.displayName,
      slug: p.slug,
      issuer: p.issuer,
      client_id: p.clientId,
      scopes: p.scopes,
      email_claim: p.emailClaim,
      role_claim: p.roleClaim,
      role_map: formatRoleMap(p.roleMap),
      allow_linking: p.allowLinking,
      enabled: p.enabled,
    };
    res.render('admin/provider-form', { ...providerLocals(req, p)(), form: formFrom(values) });
  });

  router.post('/providers/:id', async (req, res) => {
    const provider = await loadProvider(req.params.id);
    await submitForm(res, {
      schema: ProviderSchema,
      body: req.body,
      view: 'admin/provider-form',
      locals: providerLocals(req, provider),
      save: async (data) => {
        await updateProvider(db, provider.id, inputOf(data), actorOf(req), clock.now(), config.sessionSecret);
        flash(req, A.providerSaved);
        res.redirect(303, '/admin/providers');
      },
    });
  });

  router.post('/providers/:id/enabled', async (req, res) => {
    const provider = await loadProvider(req.params.id);
    const { enabled } = EnabledSchema.parse(req.body);
    await setProviderEnabled(db, provider.id, enabled, actorOf(req), clock.now());
    flash(req, enabled ? A.providerEnabled : A.providerDisabled);
    res.redirect(303, '/admin/providers');
  });

  // ---- access requests ----

  router.get('/access-requests', async (_req, res) => {
    const [open, decided] = await Promise.all([listAccessRequests(db, 'aaben'), listAccessRequests(db, 'afgjort')]);
    res.render('admin/access-requests', { open, decided, statusLabels: ACCESS_REQUEST_STATUS_LABELS });
  });

  const grantLocals = async (id: number) => {
    const request = await findAccessRequest(db, id);
    const users = await listUsers(db);
    return {
      request,
      userOptions: [{ value: '', label: 'Ny bruger (vælg rolle nedenfor)' }, ...users.map((u) => ({ value: u.id, label: `${u.person_name} (${u.email})` }))],
      roleOptions: [{ value: '', label: 'Vælg rolle' }, ...roleOptions(ROLE_LABELS)],
      personOptions: [
        { value: '', label: request.name ? `Opret en ny person: ${request.name}` : 'Opret en ny person' },
        ...(await peopleWithoutAccount(db)).map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name })),
      ],
      organisationOptions: [{ value: '', label: 'Ingen organisation' }, ...(await organisationOptions(db))],
    };
  };

  router.get('/access-requests/:id', async (req, res) => {
    const locals = await grantLocals(parseId(req.params.id));
    res.render('admin/access-request', { ...locals, form: formFrom({ role: locals.request.claimed_role ?? '' }) });
  });

  router.post('/access-requests/:id/grant', async (req, res) => {
    const id = parseId(req.params.id);
    await submitForm(res, {
      schema: GrantSchema,
      body: req.body,
      view: 'admin/access-request',
      locals: () => grantLocals(id),
      save: async (data) => {
        await grantAccessRequest(
          db,
          id,
          { userId: data.user_id, role: data.role || undefined, personId: data.person_id, organisationId: data.organisation_id },
          actorOf(req),
          clock.now(),
        );
        flash(req, A.accessGranted);
        res.redirect(303, '/admin/access-requests');
      },
    });
  });

  router.post('/access-requests/:id/decline', async (req, res) => {
    const id = parseId(req.params.id);
    await findAccessRequest(db, id);
    await declineAccessRequest(db, id, actorOf(req), clock.now());
    flash(req, A.accessDeclined);
    res.redirect(303, '/admin/access-requests');
  });

  // ---- a user's sign-in ----

  const loadAccount = async (raw: unknown) => {
    const account = await findUser(db, parseId(raw));
    if (!account) throw new NotFound();
    return account;
  };

  router.post('/users/:id/two-factor/reset', async (req, res) => {
    const account = await loadAccount(req.params.id);
    // An administrator resetting their own keeps this session (ending it here would end the request's own).
    const keepSid = account.id === requireUser(req).id ? req.sessionID : undefined;
    await removeTotp(db, account.id, actorOf(req), clock.now(), { endSessions: true, keepSid });
    flash(req, A.twoFactorReset);
    res.redirect(303, `/admin/users/${account.id}/edit`);
  });

  router.post('/users/:id/sessions/end', async (req, res) => {
    const account = await loadAccount(req.params.id);
    const keepSid = account.id === requireUser(req).id ? req.sessionID : undefined;
    await endSessionsOf(db, account.id, actorOf(req), clock.now(), keepSid);
    flash(req, A.sessionsEnded);
    res.redirect(303, `/admin/users/${account.id}/edit`);
  });

  return router;
}

// A real OpenID provider in the test process (oidc-provider) on a free port, for the sign-in
// tests: two confidential clients (PKCE required), people to sign in as, a login page of our own
// (a form with the username), consent given automatically, and RP-initiated logout with pages
// that pass the browser tests' accessibility checks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, exportJWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export const APP_URL = 'https://uldum.test';

export interface TestPerson {
  email?: string;
  email_verified?: boolean;
  name?: string;
  roles?: string[];
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  /** The app's base URL the client's redirect URIs are registered for. */
  appUrl: string;
  slugs: string[];
}

export interface TestProvider {
  issuer: string;
  /** People by subject (sub); change them between sign-ins. */
  people: Record<string, TestPerson>;
  clients: TestClient[];
  stop(): Promise<void>;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/**
 * Starts the provider; `clients` name the app's base URL and the provider slugs its redirect URIs
 * use. `port` fixes its issuer in advance (the browser tests give it to the app's server before
 * the provider can know the app's address); otherwise a free one.
 */
export async function startTestProvider(clients: TestClient[], options: { port?: number } = {}): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people: Record<string, TestPerson> = {};
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), use: 'sig', alg: 'RS256', kid: 'test' };

  const configuration: Configuration = {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.slugs.map((slug) => `${c.appUrl}/login/oidc/${slug}/callback`),
      post_logout_redirect_uris: [`${c.appUrl}/login`],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['test-cookie-key-test-cookie-key'] },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'roles', 'offline_access'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], roles: ['roles'] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page('Log ud hos testudbyderen', `${form}<p>Vil du også logge ud her?</p><button form="op.logoutForm" type="submit" value="yes" name="logout">Ja, log ud</button>`);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.body = page('Du er logget ud', '<p>Du er logget ud hos testudbyderen.</p>');
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const person = people[sub];
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...person }) };
    },
    // Consent is given without asking: the tests are about the app, not the provider's screens.
    loadExistingGrant: async (ctx) => {
      const existing = ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid email profile roles');
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Fejl hos testudbyderen', `<p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p>`);
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!m) return callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (req.method === 'POST' && m[2]) {
          const login = (await readForm(req)).get('login') ?? '';
          if (!people[login]) {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            return res.end(page('Log ind hos testudbyderen', `<p>Ukendt bruger.</p><p><a href="/interaction/${details.uid}">Prøv igen</a></p>`));
          }
          return await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          page(
            'Log ind hos testudbyderen',
            `<form method="post" action="/interaction/${details.uid}/login"><label for="login">Brugernavn</label> <input id="login" name="login" autocomplete="username"> <button type="submit">Fortsæt</button></form>`,
          ),
        );
      } catch (err) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(String(err));
      }
    })();
  });

  return {
    issuer,
    people,
    clients,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

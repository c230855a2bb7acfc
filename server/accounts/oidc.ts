// OpenID Connect with openid-client: discovery from the issuer, the authorization code flow with
// PKCE, state and nonce, the claims of the ID token (and the userinfo endpoint for those it
// leaves out), and RP-initiated logout. What to do with the claims is identities.ts's job.
import type { Configuration } from 'openid-client';
import type { Caches } from '../web/caches';
import { isLoopbackIssuer } from '../web/sign-in-options';
import type { Provider } from './providers';

const TIMEOUT_SECONDS = 10;

/** openid-client is loaded with the first sign-in through a provider, not at the server's start. */
const openid = () => import('openid-client');

export type Claims = Record<string, unknown>;

/** What the browser carries (sealed) from the start of a sign-in to the provider's answer. */
export interface FlowState {
  providerId: number;
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  /** Until when the answer is awaited (ISO). */
  until: string;
}

/** The provider's discovered configuration, remembered an hour (ctx.caches.oidcConfigurations). */
export function configurationOf(caches: Caches, provider: Provider, clientSecret: string): Promise<Configuration> {
  const key = `${provider.id}|${provider.updatedAt}`;
  const hit = caches.oidcConfigurations.get(key) as Promise<Configuration> | undefined;
  if (hit) return hit;
  const found = openid().then((client) =>
    client.discovery(
      new URL(provider.issuer),
      provider.clientId,
      undefined,
      clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
      // Plain http only for a provider on this machine (tests, development); isAllowedIssuer refuses any other.
      { timeout: TIMEOUT_SECONDS, execute: isLoopbackIssuer(provider.issuer) ? [client.allowInsecureRequests] : [] },
    ),
  );
  caches.oidcConfigurations.set(key, found);
  found.catch(() => {
    if (caches.oidcConfigurations.get(key) === found) caches.oidcConfigurations.delete(key);
  });
  return found;
}

/** Starts a sign-in: the address to send the browser to, and what to remember until it comes back. */
export async function startFlow(
  config: Configuration,
  provider: Provider,
  redirectUri: string,
  next: string,
  until: Date,
): Promise<{ url: string; flow: FlowState }> {
  const client = await openid();
  const verifier = client.randomPKCECodeVerifier();
  const flow: FlowState = { providerId: provider.id, state: client.randomState(), nonce: client.randomNonce(), verifier, next, until: until.toISOString() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    response_type: 'code',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, flow };
}

export interface FlowResult {
  claims: Claims;
  idToken: string | undefined;
}

/**
 * Redeems the code the provider sent back (checking state, PKCE and the ID token's nonce,
 * issuer, audience and signature) and returns the claims: the ID token's, plus the userinfo
 * endpoint's for the e-mail and role claims when the ID token leaves them out.
 */
export async function finishFlow(config: Configuration, provider: Provider, currentUrl: URL, flow: FlowState): Promise<FlowResult> {
  const client = await openid();
  const tokens = await client.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims() as Claims | undefined;
  if (!idClaims) throw new Error('no ID token');
  let claims: Claims = { ...idClaims };
  const wanted = [provider.emailClaim, provider.roleClaim, 'email_verified', 'name'].filter(Boolean);
  const missing = wanted.some((c) => claims[c] === undefined);
  if (missing && config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    const info = await client.fetchUserInfo(config, tokens.access_token, String(idClaims.sub));
    claims = { ...info, ...idClaims };
  }
  return { claims, idToken: tokens.id_token };
}

/** Where to send the browser to sign out at the provider too, when it offers that. */
export async function endSessionUrl(config: Configuration, idToken: string | undefined, postLogoutRedirectUri: string): Promise<string | null> {
  const client = await openid();
  if (!config.serverMetadata().end_session_endpoint) return null;
  const params: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirectUri, client_id: config.clientMetadata().client_id };
  if (idToken) params.id_token_hint = idToken;
  return client.buildEndSessionUrl(config, params).href;
}

// Production sign-in: OpenID Connect authorisation code flow with PKCE (RFC 7636, S256) against the
// configured issuer (ProConnect for agents), through `oauth4webapi` (a certified, dependency-free
// OAuth 2.0 / OpenID Connect client for browsers): discovery, the PKCE pair, the authorisation
// response's state and issuer, the code exchange, and the ID token's issuer, audience, expiry,
// issue time and nonce are all checked there. This file only adds what the console decides:
// tokens kept in memory (api.ts), and only the one-time verifier, state and nonce waiting in
// sessionStorage across the redirect to the issuer, removed when the user comes back.
import * as oauth from 'oauth4webapi';

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

export type IssuerMetadata = oauth.AuthorizationServer;

/** What waits across the redirect (never a token). */
export interface PendingSignIn {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly redirectUri: string;
  readonly returnTo: string;
}

export interface SignedIn {
  readonly accessToken: string;
  readonly claims: Record<string, unknown>;
  readonly returnTo: string;
}

const PENDING_KEY = 'psp-oidc-pending';

/**
 * Plain HTTP is accepted only for an issuer on this machine (development and the browser test's
 * issuer); any other issuer must be HTTPS, as oauth4webapi requires.
 */
function requestOptions(issuer: string, fetcher?: typeof fetch) {
  const { protocol, hostname } = new URL(issuer);
  const local = protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  return {
    ...(local ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(fetcher ? { [oauth.customFetch]: fetcher } : {}),
  };
}

/** RFC 7636 S256: BASE64URL(SHA-256(ASCII(verifier))). */
export const codeChallenge = (verifier: string): Promise<string> =>
  oauth.calculatePKCECodeChallenge(verifier);

/** The issuer's metadata (OpenID Connect Discovery), checked to be that issuer's and to support S256. */
export async function discover(config: OidcConfig, fetcher?: typeof fetch): Promise<IssuerMetadata> {
  const issuer = new URL(config.issuer);
  let metadata: IssuerMetadata;
  try {
    metadata = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, requestOptions(config.issuer, fetcher)),
    );
  } catch (error) {
    throw new Error(`OIDC discovery: ${(error as Error).message}`, { cause: error });
  }
  if (
    metadata.code_challenge_methods_supported &&
    !metadata.code_challenge_methods_supported.includes('S256')
  )
    throw new Error('OIDC: the issuer does not support PKCE S256');
  return metadata;
}

/** The authorisation request URL, and what must wait for the user's return. */
export async function authorisationRequest(
  metadata: IssuerMetadata,
  config: OidcConfig,
  redirectUri: string,
  returnTo: string,
): Promise<{ url: string; pending: PendingSignIn }> {
  if (!metadata.authorization_endpoint) throw new Error('OIDC: the issuer has no authorisation endpoint');
  const pending: PendingSignIn = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    redirectUri,
    returnTo,
  };
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: config.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), pending };
}

/** The claims of a JWT, unverified: the API verifies the access token's signature on every call. */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('OIDC: the token is not a JWT');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/**
 * The user is back from the issuer: checks the state (CSRF), exchanges the code with the PKCE
 * verifier, checks the ID token (issuer, audience, expiry, nonce against replay), and answers the
 * access token.
 */
export async function completeSignIn(
  callbackUrl: string,
  pending: PendingSignIn | undefined,
  metadata: IssuerMetadata,
  config: OidcConfig,
  fetcher?: typeof fetch,
): Promise<SignedIn> {
  const back = new URL(callbackUrl);
  if (back.searchParams.get('error'))
    throw new Error(
      `OIDC: the issuer refused: ${back.searchParams.get('error_description') ?? back.searchParams.get('error')}`,
    );
  if (!pending) throw new Error('OIDC: no sign-in was started from this page');
  const client: oauth.Client = { client_id: config.clientId };
  try {
    const params = oauth.validateAuthResponse(metadata, client, back, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(
      metadata,
      client,
      oauth.None(),
      params,
      pending.redirectUri,
      pending.verifier,
      requestOptions(config.issuer, fetcher),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(metadata, client, response, {
      expectedNonce: pending.nonce,
      requireIdToken: true,
    });
    return {
      accessToken: tokens.access_token,
      claims: jwtClaims(tokens.access_token),
      returnTo: pending.returnTo,
    };
  } catch (error) {
    throw new Error(`OIDC: ${(error as Error).message}`, { cause: error });
  }
}

export function savePending(pending: PendingSignIn, storage: Storage = sessionStorage): void {
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
}

/** Read once: the verifier, state and nonce are used for one return only. */
export function takePending(storage: Storage = sessionStorage): PendingSignIn | undefined {
  const text = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  return text ? (JSON.parse(text) as PendingSignIn) : undefined;
}

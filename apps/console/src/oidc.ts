// Production sign-in: OpenID Connect authorisation code flow with PKCE (RFC 7636, S256) against the
// configured issuer (ProConnect for agents). Written on the browser's WebCrypto and fetch only: the
// flow is four small steps and every check is here, in one file, unit-tested (oidc.spec.ts).
// Tokens are kept in memory (api.ts); only the one-time PKCE verifier, state and nonce wait in
// sessionStorage across the redirect to the issuer, and are removed when the user comes back.

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

export interface IssuerMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly code_challenge_methods_supported?: readonly string[];
}

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

export function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes, base64url: a PKCE verifier (43 characters), a state or a nonce. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** RFC 7636 S256: BASE64URL(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The issuer's metadata (OpenID Connect Discovery), checked to be that issuer's and to support S256. */
export async function discover(config: OidcConfig, fetcher: typeof fetch = fetch): Promise<IssuerMetadata> {
  const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetcher(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`OIDC discovery failed (${response.status})`);
  const metadata = (await response.json()) as IssuerMetadata;
  if (metadata.issuer !== config.issuer) throw new Error('OIDC discovery: the issuer does not match');
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
  const pending: PendingSignIn = {
    verifier: randomToken(),
    state: randomToken(),
    nonce: randomToken(),
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
 * verifier, checks the ID token's issuer, audience and nonce (replay), and answers the access token.
 */
export async function completeSignIn(
  callbackUrl: string,
  pending: PendingSignIn | undefined,
  metadata: IssuerMetadata,
  config: OidcConfig,
  fetcher: typeof fetch = fetch,
): Promise<SignedIn> {
  const params = new URL(callbackUrl).searchParams;
  if (params.get('error'))
    throw new Error(`OIDC: the issuer refused: ${params.get('error_description') ?? params.get('error')}`);
  if (!pending) throw new Error('OIDC: no sign-in was started from this page');
  if (!params.get('state') || params.get('state') !== pending.state)
    throw new Error('OIDC: the state does not match');
  const code = params.get('code');
  if (!code) throw new Error('OIDC: the issuer gave no code');
  const response = await fetcher(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  if (!response.ok) throw new Error(`OIDC: the code exchange failed (${response.status})`);
  const tokens = (await response.json()) as { access_token?: string; id_token?: string; token_type?: string };
  if (!tokens.access_token || !tokens.id_token)
    throw new Error('OIDC: the issuer gave no access or ID token');
  const id = jwtClaims(tokens.id_token);
  if (id.iss !== config.issuer) throw new Error('OIDC: the ID token is from another issuer');
  const audience = Array.isArray(id.aud) ? id.aud : [id.aud];
  if (!audience.includes(config.clientId)) throw new Error('OIDC: the ID token is for another client');
  if (id.nonce !== pending.nonce) throw new Error('OIDC: the nonce does not match');
  return {
    accessToken: tokens.access_token,
    claims: jwtClaims(tokens.access_token),
    returnTo: pending.returnTo,
  };
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

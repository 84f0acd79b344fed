import { createHash } from 'node:crypto';
import {
  IssuerMetadata,
  OidcConfig,
  authorisationRequest,
  codeChallenge,
  completeSignIn,
  discover,
  takePending,
  savePending,
} from './oidc';

const CONFIG: OidcConfig = { issuer: 'https://issuer.example', clientId: 'psp-console', scope: 'openid psp' };
const METADATA: IssuerMetadata = {
  issuer: CONFIG.issuer,
  authorization_endpoint: 'https://issuer.example/authorize',
  token_endpoint: 'https://issuer.example/token',
  code_challenge_methods_supported: ['S256'],
  id_token_signing_alg_values_supported: ['ES256'],
};
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A JWT as the token endpoint answers it (its signature is the API's to verify, not the console's). */
const jwt = (claims: Record<string, unknown>) => {
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'ES256', kid: 'k1' })}.${part({ iat: now, exp: now + 600, ...claims })}.c2ln`;
};
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

describe('production sign-in: OIDC authorisation code with PKCE (RFC 7636)', () => {
  it('derives the S256 challenge: BASE64URL(SHA-256(verifier)), as node:crypto computes it independently', async () => {
    for (const verifier of [
      'dBjftJeZ4CVP-mJ92K9QF-3p2rA3B9bLvBmn1GkvRDk',
      'a'.repeat(43),
      '~._-0123456789AZaz'.repeat(3),
    ]) {
      const expected = createHash('sha256').update(verifier).digest('base64url');
      expect(await codeChallenge(verifier)).toBe(expected);
    }
  });

  it('builds the authorisation request: code flow, S256 challenge of a fresh verifier, state and nonce', async () => {
    const { url, pending } = await authorisationRequest(
      METADATA,
      CONFIG,
      'https://psp.example/console/connexion/retour',
      '/dossiers/x',
    );
    const query = new URL(url).searchParams;
    expect(url.startsWith('https://issuer.example/authorize?')).toBe(true);
    expect(Object.fromEntries(query)).toMatchObject({
      response_type: 'code',
      client_id: 'psp-console',
      redirect_uri: 'https://psp.example/console/connexion/retour',
      scope: 'openid psp',
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    expect(query.get('code_challenge')).toBe(await codeChallenge(pending.verifier));
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).not.toContain(pending.verifier);
  });

  it('refuses an issuer whose metadata names another issuer or lacks S256', async () => {
    const answer = (body: unknown) => (async () => json(body)) as typeof fetch;
    await expect(discover(CONFIG, answer({ ...METADATA, issuer: 'https://evil.example' }))).rejects.toThrow(
      /OIDC discovery: .*issuer/,
    );
    await expect(
      discover(CONFIG, answer({ ...METADATA, code_challenge_methods_supported: ['plain'] })),
    ).rejects.toThrow('S256');
    expect(await discover(CONFIG, answer(METADATA))).toEqual(METADATA);
  });

  it('exchanges the code with the verifier, and checks state, issuer, audience and nonce', async () => {
    const { pending } = await authorisationRequest(METADATA, CONFIG, 'https://psp.example/cb', '/');
    const access = jwt({ sub: 'agent-1', psp_role: 'prefecture', psp_departement: '69' });
    const sent: { url: string; body: string }[] = [];
    const issuer = (id: Record<string, unknown>) =>
      (async (url: string, init: RequestInit) => {
        sent.push({ url: String(url), body: String(init.body) });
        return json({ access_token: access, id_token: jwt(id), token_type: 'Bearer', expires_in: 600 });
      }) as unknown as typeof fetch;
    const good = { iss: CONFIG.issuer, sub: 'agent-1', aud: 'psp-console', nonce: pending.nonce };
    const back = `https://psp.example/cb?code=abc&state=${pending.state}`;

    const done = await completeSignIn(back, pending, METADATA, CONFIG, issuer(good));
    expect(done.accessToken).toBe(access);
    expect(done.claims).toMatchObject({ psp_role: 'prefecture', psp_departement: '69' });
    const form = new URLSearchParams(sent[0].body);
    expect(sent[0].url).toBe(METADATA.token_endpoint);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'authorization_code',
      code: 'abc',
      redirect_uri: 'https://psp.example/cb',
      client_id: 'psp-console',
      code_verifier: pending.verifier,
    });

    await expect(
      completeSignIn('https://psp.example/cb?code=abc&state=forged', pending, METADATA, CONFIG, issuer(good)),
    ).rejects.toThrow('state');
    await expect(
      completeSignIn(back, pending, METADATA, CONFIG, issuer({ ...good, nonce: 'x' })),
    ).rejects.toThrow(/OIDC: .*nonce/);
    await expect(
      completeSignIn(back, pending, METADATA, CONFIG, issuer({ ...good, exp: 1_000_000 })),
    ).rejects.toThrow(/OIDC: .*"exp"/);
    await expect(
      completeSignIn(back, pending, METADATA, CONFIG, issuer({ ...good, aud: 'other' })),
    ).rejects.toThrow(/OIDC: .*"aud"/);
    await expect(
      completeSignIn(back, pending, METADATA, CONFIG, issuer({ ...good, iss: 'https://evil.example' })),
    ).rejects.toThrow(/OIDC: .*"iss"/);
    await expect(completeSignIn(back, undefined, METADATA, CONFIG, issuer(good))).rejects.toThrow(
      'no sign-in',
    );
    await expect(
      completeSignIn('https://psp.example/cb?error=access_denied', pending, METADATA, CONFIG, issuer(good)),
    ).rejects.toThrow('access_denied');
  });

  it('keeps only the one-time verifier, state and nonce across the redirect, and reads them once', async () => {
    const storage = memoryStorage();
    const { pending } = await authorisationRequest(METADATA, CONFIG, 'https://psp.example/cb', '/');
    savePending(pending, storage);
    expect(storage.getItem('psp-oidc-pending')).not.toContain('token');
    expect(takePending(storage)).toEqual(pending);
    expect(takePending(storage)).toBeUndefined();
  });
});

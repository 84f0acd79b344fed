import { createHash, randomBytes } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

/** The user the issuer signs in next (its consent page is skipped): the engine's claims. */
export interface IssuerUser {
  readonly sub: string;
  readonly psp_role: string;
  readonly psp_departement?: string;
  readonly psp_association?: string;
}

export interface TokenRequestSeen {
  readonly form: Record<string, string>;
  readonly pkceVerified: boolean;
}

/**
 * A small but real OpenID Connect issuer over HTTP, started by the console's browser test:
 * discovery, JWKS (ES256), an authorisation endpoint that signs in a configured user and
 * redirects back with a code, and a token endpoint that checks the client, the redirect URI and
 * the PKCE verifier (S256) before issuing an ID token (nonce) and an access token for the API.
 */
export class TestIssuer {
  readonly seen: TokenRequestSeen[] = [];
  user: IssuerUser = { sub: 'agent-69', psp_role: 'prefecture', psp_departement: '69' };
  private readonly codes = new Map<
    string,
    { challenge: string; nonce: string; redirectUri: string; clientId: string }
  >();
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly sign: (claims: Record<string, unknown>, audience: string) => Promise<string>,
    private readonly jwks: unknown,
  ) {}

  static async start(audience: string): Promise<TestIssuer> {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-issuer-1', alg: 'ES256', use: 'sig' };
    const holder: { issuer?: TestIssuer } = {};
    const server = createServer((req, res) => void holder.issuer!.handle(req, res, audience));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sign = (claims: Record<string, unknown>, aud: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'test-issuer-1' })
        .setIssuer(url)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    holder.issuer = new TestIssuer(server, url, sign, { keys: [jwk] });
    return holder.issuer;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, apiAudience: string) {
    const url = new URL(req.url ?? '/', this.url);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type, accept',
      });
      return res.end();
    }
    if (url.pathname === '/.well-known/openid-configuration')
      return this.json(res, 200, {
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/jwks`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['ES256'],
      });
    if (url.pathname === '/jwks') return this.json(res, 200, this.jwks);
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256')
        return this.json(res, 400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('hex');
      this.codes.set(code, {
        challenge: q.get('code_challenge') ?? '',
        nonce: q.get('nonce') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        clientId: q.get('client_id') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let text = '';
      for await (const chunk of req) text += chunk;
      const form = Object.fromEntries(new URLSearchParams(text));
      const grant = this.codes.get(form.code ?? '');
      this.codes.delete(form.code ?? '');
      const pkceVerified =
        !!grant &&
        createHash('sha256')
          .update(form.code_verifier ?? '')
          .digest('base64url') === grant.challenge;
      this.seen.push({ form, pkceVerified });
      if (
        !grant ||
        !pkceVerified ||
        form.client_id !== grant.clientId ||
        form.redirect_uri !== grant.redirectUri ||
        form.grant_type !== 'authorization_code'
      )
        return this.json(res, 400, { error: 'invalid_grant' });
      const { sub, ...claims } = this.user;
      return this.json(res, 200, {
        token_type: 'Bearer',
        expires_in: 600,
        access_token: await this.sign({ sub, amr: ['mfa'], ...claims }, apiAudience),
        id_token: await this.sign({ sub, nonce: grant.nonce }, grant.clientId),
      });
    }
    return this.json(res, 404, { error: 'not_found' });
  }
}

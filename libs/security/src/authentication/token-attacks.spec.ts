import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import { AuthenticationError } from './authentication-errors';
import {
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  TokenVerifier,
  issueDevToken,
  canonicalEs256Token,
  loadOrCreateDevKey,
} from './token-verifier';

/**
 * Forged and misdirected tokens, one attack per case (R6, R19; docs/security.md "Tokens and
 * revocation"): only ES256 signed by the configured key, for this issuer and audience, unexpired,
 * passes; in production mode (OIDC) an agent token must also show multi-factor authentication.
 */
describe('token attacks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-token-attacks-'));
  const keyFile = join(dir, 'dev-signing-key.json');
  const bearer = (token: string) => `Bearer ${token}`;
  let verifier: TokenVerifier;
  let privateKey: Parameters<SignJWT['sign']>[0];

  beforeAll(async () => {
    verifier = await TokenVerifier.create({
      mode: 'dev',
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      devKeyFile: keyFile,
    });
    privateKey = (await loadOrCreateDevKey(keyFile)).privateKey;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const claims = { psp_role: 'auditor', amr: ['pwd', 'otp'] };
  const signed = (
    alg: string,
    key: Parameters<SignJWT['sign']>[0],
    edit: (jwt: SignJWT) => SignJWT = (j) => j,
  ) =>
    edit(
      new SignJWT(claims)
        .setProtectedHeader({ alg })
        .setSubject('attacker')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEFAULT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h'),
    )
      .sign(key)
      .then(canonicalEs256Token);

  it('accepts the genuine token (the control case)', async () => {
    await expect(verifier.verify(bearer(await signed('ES256', privateKey)))).resolves.toMatchObject({
      role: 'auditor',
    });
  });

  it('refuses alg "none", with or without a signature part', async () => {
    const unsecured = new UnsecuredJWT(claims)
      .setSubject('attacker')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .encode();
    await expect(verifier.verify(bearer(unsecured))).rejects.toBeInstanceOf(AuthenticationError);
    await expect(verifier.verify(bearer(`${unsecured}c2ln`))).rejects.toThrow(
      'the token is invalid or expired',
    );
  });

  it('refuses HS256 signed with the public key as the HMAC secret (key confusion)', async () => {
    const jwk = JSON.parse(readFileSync(keyFile, 'utf8'));
    const { d: _private, ...publicJwk } = jwk;
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    await expect(verifier.verify(bearer(await signed('HS256', secret)))).rejects.toThrow(
      'the token is invalid or expired',
    );
  });

  it('refuses RS256 and ES384 tokens, even signed with a key of their own', async () => {
    const rsa = await generateKeyPair('RS256');
    const p384 = await generateKeyPair('ES384');
    for (const token of [await signed('RS256', rsa.privateKey), await signed('ES384', p384.privateKey)]) {
      await expect(verifier.verify(bearer(token))).rejects.toThrow('the token is invalid or expired');
    }
  });

  it('refuses an expired token (beyond the 30 s clock tolerance)', async () => {
    const expired = await signed('ES256', privateKey, (j) =>
      j.setExpirationTime(Math.floor(Date.now() / 1000) - 60),
    );
    await expect(verifier.verify(bearer(expired))).rejects.toThrow('the token is invalid or expired');
  });

  it('R19: refuses a token issued in the future beyond the 30 s clock skew (it would escape a revocation of its subject)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await signed('ES256', privateKey, (j) =>
      j.setIssuedAt(now + 3600).setExpirationTime(now + 7200),
    );
    await expect(verifier.verify(bearer(future))).rejects.toThrow('the token is invalid or expired');
    // Within the skew, a clock slightly ahead is tolerated.
    const slightlyAhead = await signed('ES256', privateKey, (j) => j.setIssuedAt(now + 10));
    await expect(verifier.verify(bearer(slightlyAhead))).resolves.toMatchObject({ role: 'auditor' });
  });

  it('R19: refuses a non-canonical (high-S) ECDSA signature of a genuine token', async () => {
    const genuine = await signed('ES256', privateKey);
    expect(canonicalEs256Token(genuine)).toBe(genuine);
    const [header, payload, signature] = genuine.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    const n = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
    const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
    // (r, n - s) is the same signature's mirror: valid for a lax verifier, refused here.
    const flipped = Buffer.concat([
      bytes.subarray(0, 32),
      Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex'),
    ]).toString('base64url');
    const [lowS, highS] = s > n / 2n ? [flipped, signature] : [signature, flipped];
    await expect(verifier.verify(bearer(`${header}.${payload}.${highS}`))).rejects.toThrow(
      'the token is invalid or expired',
    );
    await expect(verifier.verify(bearer(`${header}.${payload}.${lowS}`))).resolves.toMatchObject({
      role: 'auditor',
    });
  });

  it('refuses a token without an expiry', async () => {
    const forever = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('attacker')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .sign(privateKey);
    await expect(verifier.verify(bearer(forever))).rejects.toThrow('the token is invalid or expired');
  });

  it('refuses another issuer and another audience', async () => {
    const wrongIssuer = await signed('ES256', privateKey, (j) => j.setIssuer('https://evil.example'));
    const wrongAudience = await signed('ES256', privateKey, (j) => j.setAudience('another-service'));
    await expect(verifier.verify(bearer(wrongIssuer))).rejects.toThrow('the token is invalid or expired');
    await expect(verifier.verify(bearer(wrongAudience))).rejects.toThrow('the token is invalid or expired');
  });

  it('refuses a token whose payload was edited after signing', async () => {
    const genuine = await signed('ES256', privateKey);
    const [header, , signature] = genuine.split('.');
    const payload = Buffer.from(JSON.stringify({ ...decodeJwt(genuine), psp_role: 'system' })).toString(
      'base64url',
    );
    await expect(verifier.verify(bearer(`${header}.${payload}.${signature}`))).rejects.toThrow(
      'the token is invalid or expired',
    );
  });

  it('development tokens carry a jti, returned with the issue time for revocation', async () => {
    const token = await issueDevToken(keyFile, { subject: 'agent-1', role: 'auditor' });
    const other = await issueDevToken(keyFile, { subject: 'agent-1', role: 'auditor' });
    const verified = await verifier.authenticate(bearer(token));
    expect(verified.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(verified.tokenId).not.toBe((await verifier.authenticate(bearer(other))).tokenId);
    expect(verified.issuedAt).toBeInstanceOf(Date);
  });

  describe('production mode (OIDC with the issuer JWKS)', () => {
    const issuer = 'https://identity.example.gouv.fr';
    let server: Server;
    let oidc: TokenVerifier;
    let idpKey: Parameters<SignJWT['sign']>[0];

    beforeAll(async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      idpKey = pair.privateKey;
      const jwks = JSON.stringify({
        keys: [{ ...(await exportJWK(pair.publicKey)), alg: 'ES256', use: 'sig' }],
      });
      server = createServer((_request, response) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      // The same default as loadConfig in production (libs/runtime app-config.ts, OIDC_REQUIRED_AMR).
      oidc = await TokenVerifier.create({
        mode: 'oidc',
        issuer,
        audience: DEFAULT_AUDIENCE,
        jwksUrl: `http://127.0.0.1:${port}/jwks`,
        requiredAmr: ['mfa', 'otp', 'hwk', 'swk', 'sms', 'pop'],
      });
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const agentToken = (amr: string[] | undefined) =>
      new SignJWT({ psp_role: 'prefecture', psp_departement: '75', ...(amr ? { amr } : {}) })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('agent-75')
        .setIssuer(issuer)
        .setAudience(DEFAULT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(idpKey as Parameters<SignJWT['sign']>[0]);

    it('accepts an agent who logged in with a second factor', async () => {
      await expect(oidc.verify(bearer(await agentToken(['pwd', 'otp'])))).resolves.toMatchObject({
        role: 'prefecture',
      });
    });

    it('refuses an agent token without amr, or with a password only', async () => {
      await expect(oidc.verify(bearer(await agentToken(undefined)))).rejects.toThrow('multi-factor');
      await expect(oidc.verify(bearer(await agentToken(['pwd'])))).rejects.toThrow('multi-factor');
    });

    it('refuses a token signed by the development key in production mode', async () => {
      const dev = await signed('ES256', privateKey, (j) => j.setIssuer(issuer));
      await expect(oidc.verify(bearer(dev))).rejects.toThrow('the token is invalid or expired');
    });
  });
});

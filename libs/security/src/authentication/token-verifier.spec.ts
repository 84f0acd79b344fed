import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { AuthenticationError } from './authentication-errors';
import { DEFAULT_AUDIENCE, DEV_ISSUER, TokenVerifier, issueDevToken } from './token-verifier';

describe('bearer tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-keys-'));
  const keyFile = join(dir, 'dev-signing-key.json');
  let verifier: TokenVerifier;
  beforeAll(async () => {
    verifier = await TokenVerifier.create({
      mode: 'dev',
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      devKeyFile: keyFile,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bearer = (token: string) => `Bearer ${token}`;

  it('turns a development token into an actor with its role and scope', async () => {
    const token = await issueDevToken(keyFile, {
      subject: 'agent-7',
      role: 'association',
      departement: '75',
      associationId: 'asso-nid',
    });
    await expect(verifier.verify(bearer(token))).resolves.toEqual({
      subject: 'agent-7',
      role: 'association',
      departement: '75',
      associationId: 'asso-nid',
    });
  });

  it('a token verified once is refused again once it has expired (the verified-token cache ends at exp)', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const token = await issueDevToken(keyFile, {
        subject: 'agent-8',
        role: 'prefecture',
        departement: '69',
        ttlSeconds: 10,
      });
      await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ subject: 'agent-8' });
      await expect(verifier.verify(bearer(token))).resolves.toMatchObject({ subject: 'agent-8' });
      jest.setSystemTime(Date.now() + 45_000); // past exp + the 30 s tolerance, within the cache's 60 s
      await expect(verifier.verify(bearer(token))).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([
    ['no header', undefined],
    ['not a bearer', 'Basic abc'],
    ['garbage', 'Bearer not.a.token'],
  ])('refuses %s', async (_label, header) => {
    await expect(verifier.verify(header)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses an expired token, another audience, another issuer, another key and another algorithm', async () => {
    const expired = await issueDevToken(keyFile, { subject: 'a', role: 'auditor', ttlSeconds: -120 });
    const otherAudience = await issueDevToken(keyFile, { subject: 'a', role: 'auditor' }, 'someone-else');
    const { privateKey } = await generateKeyPair('ES256');
    const otherKey = await new SignJWT({ psp_role: 'auditor' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('a')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    const hmac = await new SignJWT({ psp_role: 'auditor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new Uint8Array(32));
    for (const token of [expired, otherAudience, otherKey, hmac]) {
      await expect(verifier.verify(bearer(token))).rejects.toThrow('the token is invalid or expired');
    }
  });

  it('refuses a token whose scope does not fit its role', async () => {
    const noDepartement = await issueDevToken(keyFile, { subject: 'a', role: 'prefecture' });
    const noAssociation = await issueDevToken(keyFile, {
      subject: 'a',
      role: 'association',
      departement: '13',
    });
    const badRole = await issueDevToken(keyFile, { subject: 'a', role: 'superuser', departement: '13' });
    const badDepartement = await issueDevToken(keyFile, {
      subject: 'a',
      role: 'prefecture',
      departement: '99',
    });
    await expect(verifier.verify(bearer(noDepartement))).rejects.toThrow('must name its département');
    await expect(verifier.verify(bearer(noAssociation))).rejects.toThrow('must name its association');
    await expect(verifier.verify(bearer(badRole))).rejects.toThrow('no known psp_role');
    await expect(verifier.verify(bearer(badDepartement))).rejects.toThrow('not a département code');
  });

  it('requires a multi-factor method in amr when configured', async () => {
    const strict = await TokenVerifier.create({
      mode: 'dev',
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      devKeyFile: keyFile,
      requiredAmr: ['mfa', 'otp'],
    });
    const single = await issueDevToken(keyFile, { subject: 'a', role: 'auditor', amr: ['pwd'] });
    const multi = await issueDevToken(keyFile, { subject: 'a', role: 'auditor', amr: ['pwd', 'otp'] });
    await expect(strict.verify(bearer(single))).rejects.toThrow('multi-factor');
    await expect(strict.verify(bearer(multi))).resolves.toMatchObject({ role: 'auditor' });
  });
});

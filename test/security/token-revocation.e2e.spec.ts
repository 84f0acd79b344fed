import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';

const ROOT = join(__dirname, '..', '..');

/**
 * R7: a revoked token is refused from the next request, whether the revocation came through the
 * API or from another process (the CLI) writing the same database; only system and auditor revoke.
 */
describe('token revocation (R7)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-revocation-'));
  const env = { EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`, SCHEDULER_INTERVAL_MS: '0' };
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;

  beforeAll(async () => {
    api = await startApiProcess(env);
    mint = devTokens(dir);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const list = (token: string) => call(api.baseUrl, 'GET', '/cases', { token });
  const revoke = (token: string, body: unknown) =>
    call(api.baseUrl, 'POST', '/security/revocations', { token, body });

  it('revokes one token by its jti through the API: refused on the next request, the subject’s other tokens still work', async () => {
    const auditor = await mint('auditor', { subject: 'auditor-1' });
    const target = await mint('prefecture', { departement: '75', subject: 'agent-a' });
    const sibling = await mint('prefecture', { departement: '75', subject: 'agent-a' });
    expect((await list(target)).status).toBe(200);
    const answer = await revoke(auditor, {
      tokenId: decodeJwt(target).jti,
      reason: 'token leaked in a ticket',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      kind: 'token',
      value: decodeJwt(target).jti,
      revokedBy: 'auditor:auditor-1',
    });
    const refused = await list(target);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toBe('the token has been revoked');
    expect((await list(sibling)).status).toBe(200);
  });

  it('revokes every token of a subject issued up to now; a token issued afterwards works', async () => {
    const system = await mint('system', { subject: 'ops' });
    const old1 = await mint('association', {
      departement: '13',
      associationId: 'asso-13',
      subject: 'agent-b',
    });
    const old2 = await mint('association', {
      departement: '13',
      associationId: 'asso-13',
      subject: 'agent-b',
    });
    expect((await revoke(system, { subject: 'agent-b', reason: 'left the association' })).status).toBe(201);
    expect((await list(old1)).status).toBe(401);
    expect((await list(old2)).status).toBe(401);
    // iat has one-second precision: a token issued in the next second is a new login.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const fresh = await mint('association', {
      departement: '13',
      associationId: 'asso-13',
      subject: 'agent-b',
    });
    expect((await list(fresh)).status).toBe(200);
  });

  it('a revocation written by the CLI (another process) holds on the next request', async () => {
    const target = await mint('prefecture', { departement: '69', subject: 'agent-c' });
    expect((await list(target)).status).toBe(200);
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          join(ROOT, 'apps/cli/src/main.ts'),
          'revoke',
          '--token',
          String(decodeJwt(target).jti),
          '--reason',
          'incident 42',
        ],
        {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'development', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('exit', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`revoke exited ${code}: ${out}`)),
      );
    });
    expect(JSON.parse(output.trim().split('\n').pop()!)).toMatchObject({
      kind: 'token',
      reason: 'incident 42',
    });
    expect((await list(target)).status).toBe(401);
  });

  it('only system and auditor may revoke (403 for the others); the body names exactly one target', async () => {
    const auditor = await mint('auditor', { subject: 'auditor-2' });
    for (const token of [
      await mint('association', { departement: '75', associationId: 'asso-75' }),
      await mint('prefecture', { departement: '75' }),
      await mint('analyst'),
      await mint('commission_member', { departement: '75', memberId: 'm-1' }),
    ]) {
      const answer = await revoke(token, { subject: 'agent-a', reason: 'not allowed' });
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await revoke(auditor, { reason: 'nothing named' })).status).toBe(400);
    expect((await revoke(auditor, { tokenId: 'a', subject: 'b', reason: 'both named' })).status).toBe(400);
    expect((await revoke(auditor, { subject: '../etc', reason: 'bad id' })).status).toBe(400);
  });
});

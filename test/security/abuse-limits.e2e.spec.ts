import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';
import type { HttpAnswer } from '../../apps/cli/src/demo/http-client';

/**
 * R8 over HTTP, each limit exceeded by one with a tiny limit set by env: a 429 problem with
 * Retry-After; authentication failures counted per IP never lock out a valid token; one subject's
 * allowance is its own.
 */
describe('abuse limits (R8)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-limits-'));
  let api: RunningApi;
  let mint: ReturnType<typeof devTokens>;

  beforeAll(async () => {
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      SCHEDULER_INTERVAL_MS: '0',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3',
      RATE_LIMIT_SEARCHES_PER_MINUTE: '2',
      RATE_LIMIT_EXPORTS_PER_MINUTE: '1',
      RATE_LIMIT_COMMANDS_PER_MINUTE: '2',
      RATE_LIMIT_READS_PER_MINUTE: '2',
    });
    mint = devTokens(dir);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function expectTooMany(answer: HttpAnswer, category: string) {
    expect(answer.status).toBe(429);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(answer.body).toMatchObject({ status: 429, category, detail: expect.stringContaining('R8') });
  }

  it('search (GET on a collection): the limit, then 429', async () => {
    const token = await mint('prefecture', { departement: '75', subject: 'searcher' });
    for (let i = 0; i < 2; i++)
      expect((await call(api.baseUrl, 'GET', '/cases?status=active', { token })).status).toBe(200);
    expectTooMany(await call(api.baseUrl, 'GET', '/cases?status=active', { token }), 'search');
    // another subject has its own allowance
    const other = await mint('prefecture', { departement: '75', subject: 'other-searcher' });
    expect((await call(api.baseUrl, 'GET', '/cases', { token: other })).status).toBe(200);
  });

  it('export (CSV asked by Accept or ?format=csv): the limit, then 429', async () => {
    const token = await mint('prefecture', { departement: '75', subject: 'exporter' });
    const first = await call(api.baseUrl, 'GET', '/cases', { token, headers: { accept: 'text/csv' } });
    expect(first.status).not.toBe(429);
    expectTooMany(await call(api.baseUrl, 'GET', '/cases?format=csv', { token }), 'export');
    // reads of another category are not spent by exports
    expect((await call(api.baseUrl, 'GET', '/cases', { token })).status).toBe(200);
  });

  it('commands (POST): the limit, then 429, refused or not', async () => {
    const token = await mint('association', {
      departement: '75',
      associationId: 'asso-x',
      subject: 'writer',
    });
    for (let i = 0; i < 2; i++)
      expect((await call(api.baseUrl, 'POST', '/cases', { token, body: {} })).status).toBe(400);
    expectTooMany(await call(api.baseUrl, 'POST', '/cases', { token, body: {} }), 'command');
  });

  it('reads of one record: the limit, then 429', async () => {
    const token = await mint('prefecture', { departement: '75', subject: 'reader' });
    const path = '/cases/00000000-0000-4000-8000-000000000000';
    for (let i = 0; i < 2; i++) expect((await call(api.baseUrl, 'GET', path, { token })).status).toBe(404);
    expectTooMany(await call(api.baseUrl, 'GET', path, { token }), 'read');
  });

  it('authentication failures per IP: 401 up to the limit, then 429; a valid token is never locked out', async () => {
    const forged = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await call(api.baseUrl, 'GET', '/cases', { token: forged }));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
    expectTooMany(await call(api.baseUrl, 'GET', '/cases', { token: forged }), 'authentication');
    expectTooMany(await call(api.baseUrl, 'GET', '/cases'), 'authentication');
    const valid = await mint('prefecture', { departement: '75', subject: 'same-ip-colleague' });
    expect((await call(api.baseUrl, 'GET', '/cases', { token: valid })).status).toBe(200);
  });

  it('public routes (health probes) are not limited', async () => {
    for (let i = 0; i < 10; i++) expect((await call(api.baseUrl, 'GET', '/health/live')).status).toBe(200);
  });
});

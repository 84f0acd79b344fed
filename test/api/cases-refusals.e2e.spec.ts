import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_REQUEST_BODY } from '../../apps/api/src/cases/commands';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';
import { seedRegistries } from '../support/registry-seed';

/** Bad input gets a clear error and nothing is written; no request produces a 500. */
describe('case commands refused over HTTP, with nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-refusals-'));
  let api: RunningApi;
  let token: Awaited<ReturnType<ReturnType<typeof devTokens>>>;
  let tokens: ReturnType<typeof devTokens>;

  beforeAll(async () => {
    api = await startApiProcess({ EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}` });
    tokens = devTokens(dir);
    token = await tokens('association', { departement: '69', associationId: 'asso-unknown' });
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 401 with a problem document without a valid token', async () => {
    const none = await call(api.baseUrl, 'GET', '/cases');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const forged = await call(api.baseUrl, 'GET', '/cases', { token: `${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(JSON.stringify(forged.body)).not.toContain(token.slice(0, 20));
  });

  it('answers 400 naming the field for an unknown field, a wrong type, a bad date', async () => {
    const example = OPEN_REQUEST_BODY.example as Record<string, unknown>;
    const extra = await call(api.baseUrl, 'POST', '/cases', {
      token,
      body: { ...example, nationalInsuranceNumber: 'x' },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual(
      expect.arrayContaining([{ field: 'nationalInsuranceNumber', problems: ['unknown field'] }]),
    );
    const badDate = await call(api.baseUrl, 'POST', '/cases', {
      token,
      body: { ...example, openedOn: '2024-02-30' },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('openedOn');
    // The refused value is never echoed back (it may be personal data).
    const badName = await call(api.baseUrl, 'POST', '/cases', {
      token,
      body: { ...example, person: { ...(example.person as object), givenName: 42 } },
    });
    expect(badName.status).toBe(400);
    expect(JSON.stringify(badName.body)).not.toContain('Exemple');
  });

  it('answers 400 for malformed JSON and 415 for another media type, never 500', async () => {
    const malformed = await call(api.baseUrl, 'POST', '/cases', {
      token,
      rawBody: '{"openedOn": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const text = await call(api.baseUrl, 'POST', '/cases', {
      token,
      rawBody: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
  });

  it('T1: refuses a request from an association without a valid agrément (422 with the rule), and writes no case', async () => {
    const response = await call(api.baseUrl, 'POST', '/cases', {
      token,
      body: OPEN_REQUEST_BODY.example,
      headers: { 'idempotency-key': 'open-without-agrement-1' },
    });
    expect(response.status).toBe(422);
    expect(response.body.rules.map((r: { rule: string }) => r.rule)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(T1|AGR-\d+)$/)]),
    );
    const list = await call(api.baseUrl, 'GET', '/cases', { token });
    expect(list.body.items).toEqual([]);
  });

  it('answers 404 for an unknown case, an unknown command and a malformed case id', async () => {
    const prefecture = await tokens('prefecture', { departement: '69' });
    for (const path of [
      '/cases/00000000-0000-4000-8000-000000000000/authorise',
      '/cases/00000000-0000-4000-8000-000000000000/no-such-command',
      '/cases/not-a-uuid/authorise',
    ]) {
      const response = await call(api.baseUrl, 'POST', path, {
        token: prefecture,
        body: { decisionDate: '2024-03-10' },
      });
      expect(response.status).toBe(404);
    }
    expect(
      (await call(api.baseUrl, 'GET', '/cases/00000000-0000-4000-8000-000000000000', { token: prefecture }))
        .status,
    ).toBe(404);
  });

  it('refuses individual case lists to analysts (aggregates only)', async () => {
    const analyst = await tokens('analyst');
    expect((await call(api.baseUrl, 'GET', '/cases', { token: analyst })).status).toBe(403);
  });
});

/** Errors that say what to do (docs/api-errors.md): who may, which commands exist. */
describe('refusals that say what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-refusals-say-'));
  let api: RunningApi;
  let tokens: ReturnType<typeof devTokens>;

  beforeAll(async () => {
    api = await startApiProcess({ EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}` });
    tokens = devTokens(dir);
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ACL: a 403 on a command names the roles that may issue it', async () => {
    const prefecture = await tokens('prefecture', { departement: '69' });
    const refused = await call(api.baseUrl, 'POST', '/cases', {
      token: prefecture,
      body: OPEN_REQUEST_BODY.example,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.roles).toEqual(['association']);
    expect(refused.body.detail).toContain('association');
  });

  it('ACL: a 403 on a read speaks of reading, not of issuing a command, and names who may read', async () => {
    const analyst = await tokens('analyst');
    const refused = await call(api.baseUrl, 'GET', '/cases', { token: analyst });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).not.toContain('command');
    expect(refused.body.detail).toContain('read');
    expect(refused.body.roles).toEqual(expect.arrayContaining(['association', 'prefecture']));
    expect(refused.body.roles).not.toContain('analyst');
  });

  it('PD-6: a 409 for the state names the rule and what the actor may issue now instead', async () => {
    await seedRegistries(api.baseUrl, tokens, { departement: '69', associationId: 'asso-69-x' });
    const association = await tokens('association', { departement: '69', associationId: 'asso-69-x' });
    const opened = await call(api.baseUrl, 'POST', '/cases', {
      token: association,
      body: OPEN_REQUEST_BODY.example,
    });
    expect(opened.status).toBe(201);
    const early = await call(api.baseUrl, 'POST', `/cases/${opened.body.caseId}/submit`, {
      token: association,
      body: { submittedOn: '2024-01-22' },
    });
    expect(early.status).toBe(409);
    expect(early.body.rules.length).toBeGreaterThan(0);
    // The papers of the instruction are not on file yet (PSP-03, PSP-04): not offered.
    expect(early.body.available).toEqual(expect.arrayContaining(['aps-not-applicable', 'withdraw']));
    expect(early.body.available).not.toContain('complete-instruction');
    expect(early.body.detail).toContain('you may issue now: ');
  });

  it('an unknown command is a problem document naming the commands of that resource', async () => {
    const association = await tokens('association', { departement: '69', associationId: 'asso-69-x' });
    const unknown = await call(api.baseUrl, 'POST', '/cases/3f0c6f0e-8a47-4a8e-9b3c-0b8f7f0b6c11/fly-away', {
      token: association,
      body: {},
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body.commands).toEqual(expect.arrayContaining(['submit', 'authorise', 'withdraw']));
    expect(unknown.body.detail).toContain('fly-away');
    const registry = await call(api.baseUrl, 'POST', '/associations/asso-69-x/fly-away', {
      token: association,
      body: {},
    });
    expect(registry.body.commands).toEqual(expect.arrayContaining(['grant', 'renew']));
  });
});

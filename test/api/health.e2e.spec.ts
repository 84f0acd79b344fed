import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { startApiProcess } from '../support/api-process';
import { devTokens } from '../support/dev-tokens';

describe('the API process answers its health endpoint with the store in use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on the embedded SQLite default with no set-up and reports it (to an operator)', async () => {
    const api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
    });
    try {
      const auditor = await devTokens(dir)('auditor');
      const response = await fetch(`${api.baseUrl}/health`, {
        headers: { authorization: `Bearer ${auditor}` },
      });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({
        status: 'ok',
        store: { ok: true, kind: 'sqlite', details: { journalMode: 'wal', synchronous: 'FULL' } },
      });
      const docs = await fetch(`${api.baseUrl}/docs/openapi.json`);
      expect(((await docs.json()) as { info: { title: string } }).info.title).toBe('PSP case engine');
    } finally {
      // Nest closes the store on SIGTERM, then ends with the signal it received.
      expect(await api.stop()).toBe('SIGTERM');
    }
  });

  it('R20: in public, /health says up or down and nothing else; the store path and positions only to an authenticated operator', async () => {
    const own = join(dir, 'public');
    const api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(own, 'events.sqlite')}`,
      DATA_DIR: own,
    });
    try {
      const mint = devTokens(own);
      for (const path of ['/health', '/health/ready']) {
        for (const headers of [
          {} as Record<string, string>,
          { authorization: 'Bearer not.a.token' },
          {
            authorization: `Bearer ${await mint('association', { departement: '69', associationId: 'asso-69' })}`,
          },
        ]) {
          const response = await fetch(`${api.baseUrl}${path}`, { headers });
          expect(response.status).toBe(200);
          expect(await response.json()).toEqual({ status: 'ok' });
        }
      }
      const system = await mint('system');
      const operator = (await (
        await fetch(`${api.baseUrl}/health`, { headers: { authorization: `Bearer ${system}` } })
      ).json()) as { store: { details: Record<string, string> }; projections: unknown[] };
      expect(operator.store.details.file).toContain('events.sqlite');
      expect(operator.projections.length).toBeGreaterThan(0);
    } finally {
      await api.stop();
    }
  });

  it('starts on PostgreSQL when EVENT_STORE_URL names it', async () => {
    const schema = freshSchemaUrl('api');
    const own = join(dir, 'pg');
    const api = await startApiProcess({ EVENT_STORE_URL: schema.url, DATA_DIR: own });
    try {
      const auditor = await devTokens(own)('auditor');
      const body = await (
        await fetch(`${api.baseUrl}/health/ready`, { headers: { authorization: `Bearer ${auditor}` } })
      ).json();
      expect(body).toMatchObject({ status: 'ok', store: { ok: true, kind: 'postgres' } });
    } finally {
      await api.stop();
      await schema.drop();
    }
  });

  it('refuses to start on an unknown store URL with a clear message', async () => {
    await expect(startApiProcess({ EVENT_STORE_URL: 'mysql://nope' })).rejects.toThrow(
      /EVENT_STORE_URL must start with sqlite:, postgres:\/\//,
    );
  });
});

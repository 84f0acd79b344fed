import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { startApiProcess } from '../support/api-process';

describe('the API process answers its health endpoint with the store in use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on the embedded SQLite default with no set-up and reports it', async () => {
    const api = await startApiProcess({ EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}` });
    try {
      const response = await fetch(`${api.baseUrl}/health`);
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

  it('starts on PostgreSQL when EVENT_STORE_URL names it', async () => {
    const schema = freshSchemaUrl('api');
    const api = await startApiProcess({ EVENT_STORE_URL: schema.url });
    try {
      const body = await (await fetch(`${api.baseUrl}/health/ready`)).json();
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

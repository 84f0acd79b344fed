import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '@psp/runtime';
import { createApp } from '../../../api/src/create-app';
import { stringOption } from '../arguments';

export const OPENAPI_USAGE = `openapi [--out FILE]
    Writes the API's OpenAPI 3.1 document (the one served at /docs/openapi.json) to FILE, or to
    stdout. Opens no database: the document is built on an in-memory store. A client can be
    generated from it (npm run openapi:client writes test/support/api-client/psp-api.d.ts).`;

/** The document the API serves, built in-process without listening. */
export async function apiDocumentJson(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'psp-openapi-'));
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      EVENT_STORE_URL: 'memory:',
      DATA_DIR: dataDir,
      SCHEDULER_INTERVAL_MS: '0',
    }),
  );
  try {
    await app.init();
    const answer = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: '/docs/openapi.json' });
    if (answer.statusCode !== 200) throw new Error(`GET /docs/openapi.json answered ${answer.statusCode}`);
    return `${JSON.stringify(JSON.parse(answer.body), null, 2)}\n`;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function openapiCommand(options: Record<string, string | true>): Promise<void> {
  const json = await apiDocumentJson();
  const out = stringOption(options, 'out');
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, json);
  } else process.stdout.write(json);
}

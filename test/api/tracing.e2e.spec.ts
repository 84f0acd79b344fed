import 'reflect-metadata';
import { createServer, Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_REQUEST_BODY } from '../../apps/api/src/cases/commands';
import { RunningApi, startApiProcess } from '../support/api-process';
import { call, devTokens } from '../support/dev-tokens';
import { freePort } from '../support/free-port';
import { seedRegistries } from '../support/registry-seed';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/**
 * OpenTelemetry: with OTEL_EXPORTER_OTLP_ENDPOINT set, the API exports its traces over OTLP/HTTP
 * (JSON) — here to a collector this test runs on 127.0.0.1 — and a command is one trace: the HTTP
 * request, the command, the store read, the decision and the append.
 */
describe('traces of a command, exported over OTLP; request ids in the logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-tracing-'));
  const spans: ExportedSpan[] = [];
  let collector: Server;
  let api: RunningApi;

  beforeAll(async () => {
    const port = await freePort();
    collector = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const payload = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[];
        };
        for (const resource of payload.resourceSpans)
          for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(port, '127.0.0.1', resolve));
    api = await startApiProcess({
      EVENT_STORE_URL: `sqlite:${join(dir, 'events.sqlite')}`,
      DATA_DIR: dir,
      SCHEDULER_INTERVAL_MS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  });
  afterAll(async () => {
    await api?.stop();
    collector?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('POST /cases is one trace: request → command → store read, decision, append', async () => {
    const tokens = devTokens(dir);
    await seedRegistries(api.baseUrl, tokens, { departement: '69', associationId: 'asso-69-traced' });
    const token = await tokens('association', { departement: '69', associationId: 'asso-69-traced' });
    const opened = await call(api.baseUrl, 'POST', '/cases', { token, body: OPEN_REQUEST_BODY.example });
    expect(opened.status).toBe(201);

    const deadline = Date.now() + 20_000;
    let request: ExportedSpan | undefined;
    let trace: ExportedSpan[] = [];
    while (Date.now() < deadline) {
      request = spans.find((span) => span.name === 'POST /cases');
      trace = request ? spans.filter((span) => span.traceId === request!.traceId) : [];
      if (trace.some((span) => span.name === 'store.append')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(request).toBeDefined();
    const names = trace.map((span) => span.name).sort();
    expect(names).toEqual(['POST /cases', 'command', 'decide', 'store.append', 'store.readStream']);
    const command = trace.find((span) => span.name === 'command')!;
    expect(command.parentSpanId).toBe(request!.spanId);
    for (const span of trace.filter((s) => s.name.startsWith('store.') || s.name === 'decide'))
      expect(span.parentSpanId).toBe(command.spanId);
    // The projector's batches have spans of their own (the read views follow asynchronously).
    const deadlineProjector = Date.now() + 10_000;
    while (!spans.some((span) => span.name === 'projector.applyBatch') && Date.now() < deadlineProjector)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(spans.some((span) => span.name === 'projector.applyBatch')).toBe(true);

    // The logs (pino): the request line carries the request id the caller gave, echoed in the answer.
    const echoed = await call(api.baseUrl, 'GET', '/cases', {
      token,
      headers: { 'x-request-id': 'logged-req-0001' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('logged-req-0001');
    const deadlineLog = Date.now() + 5_000;
    while (!api.output().includes('"requestId":"logged-req-0001"') && Date.now() < deadlineLog)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const line = api
      .output()
      .split('\n')
      .find((l) => l.includes('"requestId":"logged-req-0001"'));
    expect(JSON.parse(line!)).toMatchObject({ level: 'info', msg: 'request', route: '/cases', status: 200 });

    // Nothing personal in a span: the person's name is in the body, never in the trace.
    expect(JSON.stringify(spans)).not.toContain(
      (OPEN_REQUEST_BODY.example as { person: { familyName: string } }).person.familyName,
    );
  });
});

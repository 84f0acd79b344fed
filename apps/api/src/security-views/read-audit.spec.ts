import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { FastifyInstance, FastifyRequest } from 'fastify';
import { SqliteReadModel } from '@psp/projections';
import { Actor } from '@psp/security';
import { registerReadAudit } from './read-audit';
import { ReadAuditStore } from './read-audit-store';

const CASE = '3f2b8f6e-8c59-4c55-9a43-5a2b1f0c9d11';
const actor = { role: 'prefecture', subject: 'agent-7', departement: '69' } as Actor;

/** A real Fastify server with the hook, routes shaped like the API's, and a real read-model file. */
async function server(
  dir: string,
): Promise<{ app: FastifyInstance; db: SqliteReadModel; store: ReadAuditStore }> {
  const db = new SqliteReadModel(join(dir, 'read.sqlite'));
  const store = new ReadAuditStore(db);
  await store.migrate();
  const app = Fastify();
  app.addHook('onRequest', async (request) => {
    (request as FastifyRequest & { actor?: Actor }).actor = actor;
  });
  registerReadAudit(app, store, () => new Date('2026-12-06T10:00:00.000Z'));
  app.get('/cases/:caseId', async () => ({ person: { givenName: 'Amina' } }));
  app.get('/cases/:caseId/missing', async (_request, reply) => reply.code(404).send({ status: 404 }));
  app.post('/cases/:caseId', async () => ({ revision: 3 }));
  app.get('/cases/:caseId/file', async (_request, reply) =>
    reply
      .header('content-disposition', 'attachment; filename="amina.pdf"')
      .type('application/pdf')
      .send(Readable.from([Buffer.from('%PDF-secret')])),
  );
  app.get('/export', async (_request, reply) => reply.type('text/csv').send('case_id\nx\n'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, db, store };
}

/** Real HTTP to the server: status, headers and body as a client gets them. */
async function call(
  app: FastifyInstance,
  method: string,
  path: string,
): Promise<{ status: number; headers: Headers; body: string }> {
  const { port } = app.server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, signal: AbortSignal.timeout(5_000) });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

describe('read audit (ACL-06)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psp-read-audit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records each successful GET of a case and each CSV export before answering, and nothing else', async () => {
    const { app, db, store } = await server(dir);
    expect((await call(app, 'GET', `/cases/${CASE}`)).status).toBe(200);
    expect((await call(app, 'GET', `/cases/${CASE}/file`)).body).toBe('%PDF-secret');
    expect((await call(app, 'GET', '/export')).status).toBe(200);
    expect((await call(app, 'POST', `/cases/${CASE}`)).status).toBe(200);
    expect((await call(app, 'GET', `/cases/${CASE}/missing`)).status).toBe(404);
    const records = await store.list({ limit: 100, offset: 0 });
    expect(
      records.map((r) => [r.kind, r.route, r.caseId, r.contentType, r.actorSubject, r.departement]).sort(),
    ).toEqual(
      [
        ['export', '/export', undefined, 'text/csv', 'agent-7', '69'],
        ['read', '/cases/:caseId', CASE, 'application/json', 'agent-7', '69'],
        ['read', '/cases/:caseId/file', CASE, 'application/pdf', 'agent-7', '69'],
      ].sort(),
    );
    await app.close();
    await db.close();
  });

  it('fails closed: when the record cannot be written, a 503 problem leaves instead of the case', async () => {
    const { app, db } = await server(dir);
    await db.close(); // a real failure of the audit table's database
    const read = await call(app, 'GET', `/cases/${CASE}`);
    expect(read.status).toBe(503);
    expect(read.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(read.body)).toMatchObject({
      status: 503,
      title: 'Read audit unavailable',
      instance: `/cases/${CASE}`,
    });
    expect(read.body).not.toContain('Amina');
    const file = await call(app, 'GET', `/cases/${CASE}/file`);
    expect(file.status).toBe(503);
    expect(file.body).not.toContain('secret');
    expect(file.headers.get('content-disposition')).toBeNull();
    // What is not a case read is answered as before.
    expect((await call(app, 'POST', `/cases/${CASE}`)).status).toBe(200);
    await app.close();
  });
});

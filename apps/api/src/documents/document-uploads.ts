import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../infrastructure/problem-details';

/** `DOCUMENT_MAX_BYTES` (default 10 MiB): the largest document an upload may carry. */
export function documentMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DOCUMENT_MAX_BYTES;
  if (raw === undefined || raw === '') return 10 * 1024 * 1024;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1024 || value > 100 * 1024 * 1024) {
    throw new Error('DOCUMENT_MAX_BYTES must be an integer between 1024 and 104857600');
  }
  return value;
}

/** The only route that takes a multipart body (every other one is JSON only). */
export const UPLOAD_ROUTE = /^\/cases\/[^/]+\/documents\/?$/;

/**
 * Streamed multipart for document uploads: one file, a few short fields before it, the file cut
 * at `maxBytes` (413). Any other route refuses a multipart body (415), as before.
 */
export async function registerDocumentUploads(fastify: FastifyInstance, maxBytes: number): Promise<void> {
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 100, parts: 5, headerPairs: 50 },
    throwFileSizeLimit: true,
  });
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const type = String(request.headers['content-type'] ?? '');
    if (!/^multipart\//i.test(type)) return;
    const path = request.url.split('?')[0];
    if (request.method === 'POST' && UPLOAD_ROUTE.test(path)) return;
    await reply
      .status(415)
      .type('application/problem+json')
      .send(
        problem(415, 'unsupported-media-type', 'Unsupported media type', {
          detail: 'only document uploads (POST /cases/{caseId}/documents) take a multipart body',
          instance: path.slice(0, 200),
        }),
      );
  });
}

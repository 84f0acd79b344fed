import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from './problem-details';

/** Request size limits (R8/ASVS): refused before any handler runs, each with its own status. */
export const REQUEST_LIMITS = {
  /** JSON bodies (413 above). */
  bodyBytes: 64 * 1024,
  /** Path and query string (414 above). */
  urlLength: 2_048,
  /** One path parameter (longer: the route does not match, 404). */
  paramLength: 200,
  /** Header lines (431 above); Node itself refuses more than 16 KiB of headers in all. */
  headerCount: 64,
  /** One header value (431 above). */
  headerBytes: 8 * 1024,
  /** Nesting of arrays and objects in a JSON body (400 above). */
  jsonDepth: 32,
} as const;

/** Content-Security-Policy for JSON answers: nothing may load, nothing may frame them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Swagger UI at /docs needs its own scripts, styles and images (same origin only). */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The web console at /console: its own bundled scripts, styles, fonts and images (same origin only). */
const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const STATIC_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function sendProblem(
  reply: FastifyReply,
  status: number,
  slug: string,
  title: string,
  detail: string,
  instance: string,
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problem(status, slug, title, { detail, instance }));
}

/** Whether `text` (JSON) nests arrays/objects deeper than `max`, scanned without parsing. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Keys no body may carry at any depth: `__proto__`, `constructor`, `prototype` reach object
 * prototypes in the validators (prototype pollution), and every other name of `Object.prototype`
 * (`toString`, `valueOf`, `hasOwnProperty`…) shadows a built-in and slips past the whitelist of
 * known fields.
 */
const FORBIDDEN_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** The first forbidden key found in a parsed JSON value, if any. */
export function forbiddenKeyIn(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return undefined;
}

/**
 * Malformed HTTP that never reaches a route (headers over 16 KiB, a broken request line) still
 * gets a problem document, written straight on the socket.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'HPE_URI_TOO_LONG' ? 414 : 400;
  const title =
    status === 431 ? 'Request headers too large' : status === 414 ? 'URI too long' : 'Invalid request';
  const body = JSON.stringify(
    problem(status, status === 400 ? 'invalid-request' : 'too-large', title, {
      detail: 'malformed or oversized HTTP request',
    }),
  );
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Errors Fastify raises before routing (a malformed percent-encoding in the URL, a bad
 * constraint): a 400 problem document instead of Fastify's own JSON.
 */
export function frameworkErrors(
  error: Error & { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status =
    typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
      ? error.statusCode
      : 400;
  for (const [name, value] of Object.entries(STATIC_HEADERS)) reply.header(name, value);
  void reply
    .header('Content-Security-Policy', API_CSP)
    .header('Cache-Control', 'no-store')
    .code(status)
    .type('application/problem+json')
    .send(problem(status, 'invalid-request', 'Invalid request', { detail: 'the URL is malformed' }));
}

/** Security headers on every answer, size limits on every request, a JSON parser with a depth limit. */
export function registerHttpHardening(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const instance = request.url.split('?')[0].slice(0, 200);
    if (request.url.length > REQUEST_LIMITS.urlLength) {
      return sendProblem(
        reply,
        414,
        'too-large',
        'URI too long',
        `the URL is longer than ${REQUEST_LIMITS.urlLength} characters`,
        instance,
      );
    }
    // No write takes query parameters: anything there is refused, never silently ignored.
    if (request.method === 'POST' && request.url.includes('?')) {
      return sendProblem(
        reply,
        400,
        'invalid-request',
        'Invalid request',
        'query: a POST takes no query parameters',
        instance,
      );
    }
    const raw = request.raw.rawHeaders;
    if (raw.length / 2 > REQUEST_LIMITS.headerCount) {
      return sendProblem(
        reply,
        431,
        'too-large',
        'Request headers too large',
        `more than ${REQUEST_LIMITS.headerCount} header lines`,
        instance,
      );
    }
    for (let i = 1; i < raw.length; i += 2) {
      if (raw[i].length > REQUEST_LIMITS.headerBytes) {
        return sendProblem(
          reply,
          431,
          'too-large',
          'Request headers too large',
          `a header is longer than ${REQUEST_LIMITS.headerBytes} bytes`,
          instance,
        );
      }
    }
  });

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    for (const [name, value] of Object.entries(STATIC_HEADERS)) reply.header(name, value);
    const path = request.url.split('?')[0];
    const isConsole = path === '/console' || path.startsWith('/console/');
    reply.header(
      'Content-Security-Policy',
      path === '/docs' || path.startsWith('/docs/') ? DOCS_CSP : isConsole ? CONSOLE_CSP : API_CSP,
    );
    // API data is never cached; only the static Swagger UI assets may say otherwise.
    reply.header(
      'Cache-Control',
      path.startsWith('/docs') ? (reply.getHeader('Cache-Control') ?? 'no-store') : 'no-store',
    );
    return payload;
  });

  // JSON only: the default parser (refusing __proto__ and constructor.prototype keys) behind a depth check.
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: REQUEST_LIMITS.bodyBytes },
    (request, body, done) => {
      if (jsonDepthExceeds(body as string, REQUEST_LIMITS.jsonDepth)) {
        const error = new Error(
          `the JSON body nests deeper than ${REQUEST_LIMITS.jsonDepth} levels`,
        ) as Error & { statusCode: number };
        error.statusCode = 400;
        done(error, undefined);
        return;
      }
      parse(request, body as string, (error, parsed) => {
        if (error) return done(error, undefined);
        const key = forbiddenKeyIn(parsed);
        if (key !== undefined) {
          const refused = new Error(`the JSON body may not contain the key "${key}"`) as Error & {
            statusCode: number;
          };
          refused.statusCode = 400;
          return done(refused, undefined);
        }
        done(null, parsed);
      });
    },
  );
}

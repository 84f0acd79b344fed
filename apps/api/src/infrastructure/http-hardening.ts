import { consoleOidc } from './console-static';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cleanText, strictUtf8 } from './hostile-text';
import { RequestProblem } from './request-problem';
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
  /** Slow clients (slowloris): headers not complete within this time, the connection is closed (408). */
  headersMs: 10_000,
  /** A whole request (headers and body) not received within this time: closed (408). */
  requestMs: 30_000,
  /** A connection with no traffic at all for this long is closed. */
  idleMs: 60_000,
  /** How often Node looks for connections past those times. */
  checkEveryMs: 1_000,
} as const;

/**
 * The server's timeouts, as Fastify options (`http` goes to Node's `http.createServer`): a client
 * that trickles its headers or body in gets a bounded time, not a connection held for ever.
 */
export const SERVER_TIMEOUTS = {
  connectionTimeout: REQUEST_LIMITS.idleMs,
  requestTimeout: REQUEST_LIMITS.requestMs,
  http: {
    headersTimeout: REQUEST_LIMITS.headersMs,
    requestTimeout: REQUEST_LIMITS.requestMs,
    connectionsCheckingInterval: REQUEST_LIMITS.checkEveryMs,
  },
} as const;

/** Content-Security-Policy for JSON answers: nothing may load, nothing may frame them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Swagger UI at /docs needs its own scripts, styles and images (same origin only). */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The web console at /console: its own bundled scripts, styles, fonts and images (same origin
 * only); with production sign-in configured, the page may also call the OIDC issuer (discovery
 * and the code exchange, docs/console.md).
 */
export function consoleCsp(issuer?: string): string {
  const connect = ["'self'", ...(issuer ? [new URL(issuer).origin] : [])].join(' ');
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src ${connect}; manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`;
}

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
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'HPE_URI_TOO_LONG'
        ? 414
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
  const title =
    status === 431
      ? 'Request headers too large'
      : status === 414
        ? 'URI too long'
        : status === 408
          ? 'Request timeout'
          : 'Invalid request';
  const body = JSON.stringify(
    problem(
      status,
      status === 400 ? 'invalid-request' : status === 408 ? 'request-timeout' : 'too-large',
      title,
      {
        detail:
          status === 408 ? 'R8: the request was not received in time' : 'malformed or oversized HTTP request',
      },
    ),
  );
  // Then the connection is gone, not half-closed: a client that never reads (slowloris) would
  // otherwise keep the socket open on the server by never acknowledging the close.
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
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
  const CONSOLE_CSP = consoleCsp(consoleOidc(process.env)?.issuer);
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
    { parseAs: 'buffer', bodyLimit: REQUEST_LIMITS.bodyBytes },
    (request, raw, done) => {
      const refuse = (detail: string, errors?: { field: string; problems: string[] }[]) =>
        done(
          new RequestProblem(
            problem(400, 'invalid-request', 'Invalid request', { detail, ...(errors ? { errors } : {}) }),
          ),
          undefined,
        );
      // R9: a body that is not UTF-8 is refused, not decoded with replacement characters.
      const body = strictUtf8(raw as Buffer);
      if (body === undefined) return refuse('the body is not valid UTF-8');
      if (jsonDepthExceeds(body, REQUEST_LIMITS.jsonDepth)) {
        return refuse(`the JSON body nests deeper than ${REQUEST_LIMITS.jsonDepth} levels`);
      }
      parse(request, body, (error, parsed) => {
        if (error) return done(error, undefined);
        const key = forbiddenKeyIn(parsed);
        if (key !== undefined) return refuse(`the JSON body may not contain the key "${key}"`);
        // R9: hostile Unicode refused naming the field; every string in NFC.
        const text = cleanText(parsed);
        if ('refused' in text) {
          return refuse(`${text.refused.field}: ${text.refused.problem}`, [
            { field: text.refused.field, problems: [text.refused.problem] },
          ]);
        }
        done(null, text.value);
      });
    },
  );
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/** The request a log line is written for: its id (and correlation id) go on every line. */
export interface RequestLogContext {
  readonly requestId: string;
  readonly correlationId?: string;
}

/** Set by the HTTP layer for the life of each request (create-app.ts `onRequest`). */
export const REQUEST_LOG_CONTEXT = new AsyncLocalStorage<RequestLogContext>();

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Fields that may carry a request's content or a person: never written, whoever logs them. */
const WITHHELD = new Set([
  'body',
  'payload',
  'query',
  'querystring',
  'params',
  'headers',
  'cookies',
  'authorization',
  'person',
  'record',
  'givenName',
  'familyName',
  'birthDate',
  'nationality',
  'contact',
  'phone',
  'email',
  'address',
  'documents',
  'reasons',
  'difficulties',
]);
/** Fields that hold a path: written without their query string. */
const PATHS = new Set(['url', 'path', 'route', 'instance', 'originalUrl']);

/**
 * Nest's logger, written by pino: one JSON object per line (`time`, `level` as a word, `msg`),
 * errors on stderr, the rest on stdout, the level set by `LOG_LEVEL` (default `info`), and the
 * request's `requestId` and `correlationId` on every line written while it runs. Callers log
 * identifiers, routes, statuses and durations only: never a request body, a name, or anything
 * from the vault. As a second line of defence the logger withholds the fields that could carry
 * them (`body`, `query`, `person`, `givenName`…, at any depth) and cuts the query string off any
 * path; pino's own redaction removes authorisation headers and cookies wherever they appear.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Logger | undefined;

  constructor(silent = false, level: string = process.env.LOG_LEVEL ?? 'info') {
    if (!(LOG_LEVELS as readonly string[]).includes(level))
      throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${level}`);
    this.pino = silent
      ? undefined
      : pino(
          {
            level,
            base: undefined,
            messageKey: 'msg',
            timestamp: pino.stdTimeFunctions.isoTime,
            formatters: { level: (label) => ({ level: label }) },
            mixin: () => ({ ...REQUEST_LOG_CONTEXT.getStore() }),
            redact: {
              paths: ['*.authorization', '*.cookie', 'headers', 'req.headers'],
              censor: '[withheld]',
            },
          },
          pino.multistream(
            [
              { level: 'trace', stream: process.stdout },
              { level: 'error', stream: process.stderr },
            ],
            { dedupe: true },
          ),
        );
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, _trace?: string, context?: string): void {
    this.write('error', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace',
    message: unknown,
    context?: string,
  ): void {
    if (!this.pino) return;
    const fields = typeof message === 'object' && message !== null ? message : { msg: String(message) };
    this.pino[level]({ ...(context ? { context } : {}), ...safeLogFields(fields) });
  }
}

/** The fields as they may be logged: content-bearing fields withheld, query strings cut off. */
export function safeLogFields(value: object, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (WITHHELD.has(key)) out[key] = '[withheld]';
    else if (PATHS.has(key) && typeof field === 'string') out[key] = field.split('?')[0];
    else if (field !== null && typeof field === 'object' && !Array.isArray(field) && depth < 4)
      out[key] = safeLogFields(field, depth + 1);
    else out[key] = field;
  }
  return out;
}

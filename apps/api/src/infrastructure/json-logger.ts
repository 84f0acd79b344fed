import { LoggerService } from '@nestjs/common';

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
 * One JSON object per line on stdout/stderr. Callers log identifiers, routes, statuses and
 * durations only: never a request body, a name, or anything from the vault. As a second line of
 * defence the logger itself withholds the fields that could carry them (`body`, `query`, `person`,
 * `givenName`…, at any depth) and cuts the query string off any path.
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly silent = false) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, _trace?: string, context?: string): void {
    this.write('error', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(): void {}
  verbose(): void {}

  private write(level: string, message: unknown, context?: string): void {
    if (this.silent) return;
    const fields = typeof message === 'object' && message !== null ? message : { msg: String(message) };
    const line = JSON.stringify({ time: new Date().toISOString(), level, context, ...safeLogFields(fields) });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
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

/** RFC 9457 problem document, as the API answers every refusal. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly rule?: string;
  readonly errors?: unknown;
  readonly [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly etag: string | null;
}

/**
 * The bearer token lives in this module's memory only (never localStorage, never sessionStorage):
 * a reload signs the user out.
 */
let bearer: string | undefined;

export function setToken(token: string | undefined): void {
  bearer = token;
}

/** The token in memory, for a download the browser cannot make with `api()` (a CSV file). */
export function currentToken(): string | undefined {
  return bearer;
}

export async function api<T>(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { detail: text };
    }
  }
  if (!response.ok) throw new ApiError(response.status, (body ?? {}) as Problem);
  return { status: response.status, body: body as T, etag: response.headers.get('etag') };
}

/** A fresh key per form submission: a double click or a retry never acts twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

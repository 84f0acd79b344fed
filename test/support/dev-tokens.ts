import { join } from 'node:path';
import { Role, issueDevToken } from '@psp/security';

export interface TokenScope {
  readonly departement?: string;
  readonly associationId?: string;
  readonly memberId?: string;
  readonly subject?: string;
}

/**
 * Bearer tokens signed with the development key of an API started on `dataDir` (the API creates
 * the key at start: call this after `startApiProcess`).
 */
export function devTokens(dataDir: string) {
  const keyFile = join(dataDir, 'dev-signing-key.json');
  return async (role: Role, scope: TokenScope = {}): Promise<string> =>
    issueDevToken(keyFile, {
      subject: scope.subject ?? `test-${role}`,
      role,
      departement: scope.departement,
      associationId: scope.associationId,
      memberId: scope.memberId,
    });
}

/** JSON over real HTTP with a bearer token; returns status, headers and parsed body. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

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

export { call } from '../../apps/cli/src/demo/http-client';

import { ALL_ROLES, actorFromClaims, issueDevToken } from '@psp/security';
import { UsageError, stringOption } from '../arguments';
import { loadConfig } from '@psp/runtime';

export const TOKEN_USAGE = `token --role ROLE [--departement 75] [--association ID] [--member ID] [--subject ID] [--ttl SECONDS]
    Prints a development bearer token (AUTH_MODE=dev only), signed with the local key in DATA_DIR.
    Roles: ${ALL_ROLES.join(', ')}`;

export async function tokenCommand(options: Record<string, string | true>): Promise<void> {
  const config = loadConfig();
  if (config.auth.mode !== 'dev' || !config.auth.devKeyFile) {
    throw new UsageError('development tokens exist only with AUTH_MODE=dev (not in production)');
  }
  const role = stringOption(options, 'role');
  if (!role) throw new UsageError('--role is required');
  if (!(ALL_ROLES as readonly string[]).includes(role)) throw new UsageError(`unknown role "${role}"`);
  const ttl = stringOption(options, 'ttl');
  if (ttl !== undefined && !(Number.isInteger(Number(ttl)) && Number(ttl) > 0))
    throw new UsageError(`--ttl must be a whole number of seconds, got "${ttl}"`);
  const request = {
    subject: stringOption(options, 'subject') ?? `dev-${role}`,
    role,
    departement: stringOption(options, 'departement'),
    associationId: stringOption(options, 'association'),
    memberId: stringOption(options, 'member'),
    ttlSeconds: ttl === undefined ? undefined : Number(ttl),
  };
  refuseWhatTheApiWouldRefuse(request);
  const token = await issueDevToken(config.auth.devKeyFile, request, config.auth.audience);
  process.stdout.write(`${token}\n`);
}

const OPTION_OF: Readonly<Record<string, string>> = {
  département: '--departement 75',
  association: '--association ID',
  'member id': '--member ID',
  subject: '--subject ID',
};

/**
 * The API reads a token's claims with `actorFromClaims` and answers 401 to a scope that does not
 * fit the role (an association token without a département or an association): the same check
 * here, before signing, names the missing option instead.
 */
function refuseWhatTheApiWouldRefuse(request: {
  subject: string;
  role: string;
  departement?: string;
  associationId?: string;
  memberId?: string;
}): void {
  try {
    actorFromClaims({
      sub: request.subject,
      psp_role: request.role,
      psp_departement: request.departement,
      psp_association: request.associationId,
      psp_member: request.memberId,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const option = Object.entries(OPTION_OF).find(([word]) => reason.includes(word))?.[1];
    throw new UsageError(`${reason}${option ? `: add ${option}` : ''}`);
  }
}

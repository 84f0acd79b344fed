import { ALL_ROLES, issueDevToken } from '@psp/security';
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
  const token = await issueDevToken(
    config.auth.devKeyFile,
    {
      subject: stringOption(options, 'subject') ?? `dev-${role}`,
      role,
      departement: stringOption(options, 'departement'),
      associationId: stringOption(options, 'association'),
      memberId: stringOption(options, 'member'),
      ttlSeconds: ttl === undefined ? undefined : Number(ttl),
    },
    config.auth.audience,
  );
  process.stdout.write(`${token}\n`);
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ROLES, Role, issueDevToken } from '@psp/security';
import { UsageError, stringOption } from '../arguments';
import { TokenScope, seedRegistries } from '../demo/registry-seed';
import { walkthroughScript } from '../demo/walkthrough';
import { loadConfig } from '@psp/runtime';

export const SEED_DEMO_USAGE = `seed-demo [--api http://127.0.0.1:3000] [--departement 69] [--association asso-69-demo] [--out FILE]
    With the API running (npm start), seeds one département over HTTP: an approved association and
    the commission with its members. Prints a token per role and writes a curl walk-through that
    takes a case from request to an active parcours (run it with: bash FILE).`;

export async function seedDemoCommand(options: Record<string, string | true>): Promise<void> {
  const config = loadConfig();
  if (config.auth.mode !== 'dev' || !config.auth.devKeyFile) {
    throw new UsageError('the demo uses development tokens: AUTH_MODE=dev only (not in production)');
  }
  const api = stringOption(options, 'api') ?? `http://127.0.0.1:${config.port}`;
  const departement = stringOption(options, 'departement') ?? '69';
  const associationId = stringOption(options, 'association') ?? `asso-${departement}-demo`;
  const out = stringOption(options, 'out') ?? join(config.dataDir, 'walkthrough.sh');
  const keyFile = config.auth.devKeyFile;
  const mint = (role: Role, scope: TokenScope = {}) =>
    issueDevToken(keyFile, { subject: `demo-${role}`, role, ...scope }, config.auth.audience);

  try {
    await fetch(`${api}/health/live`);
  } catch {
    throw new UsageError(`no API answers at ${api}: start it first (npm start) or pass --api`);
  }
  const registries = await seedRegistries(api, mint, { departement, associationId });
  const ids = registries.ids;

  const scopeOf = (role: Role): TokenScope => ({
    departement: ['auditor', 'analyst', 'system'].includes(role) ? undefined : departement,
    associationId: role === 'association' ? associationId : undefined,
    memberId: role === 'commission_member' ? ids.memberIds[0] : undefined,
  });
  const tokens = Object.fromEntries(
    await Promise.all(ALL_ROLES.map(async (role) => [role, await mint(role, scopeOf(role))])),
  );

  writeFileSync(
    out,
    walkthroughScript({
      api,
      ids,
      tokens: {
        association: tokens.association,
        prefecture: tokens.prefecture,
        commission_secretariat: tokens.commission_secretariat,
      },
    }),
    { mode: 0o700 },
  );
  process.stdout.write(
    [
      `Seeded département ${departement}: association ${associationId} (agrément granted 2023-05-15),`,
      `commission ${ids.commissionId} with members ${[...ids.chairIds, ...ids.memberIds].join(', ')}.`,
      '',
      'Tokens (8 hours):',
      ...ALL_ROLES.map((role) => `  ${role.padEnd(24)} ${tokens[role]}`),
      '',
      `Walk-through from request to an active parcours: bash ${out}`,
      `API docs: ${api}/docs`,
      '',
    ].join('\n'),
  );
}

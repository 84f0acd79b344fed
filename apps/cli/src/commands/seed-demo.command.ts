import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ROLES, Role, issueDevToken } from '@psp/security';
import { UsageError, stringOption } from '../arguments';
import { Registries, TokenScope, seedRegistries } from '../demo/registry-seed';
import { walkthroughScript } from '../demo/walkthrough';
import { loadConfig } from '@psp/runtime';

export const SEED_DEMO_USAGE = `seed-demo [--api http://127.0.0.1:3000] [--departement 69] [--association asso-69-demo] [--out FILE]
    With the API running (npm start), seeds one département over HTTP: an approved association and
    the commission with its members, dated from today (the agrément and the members' terms run for
    two more years). Prints a token per role and writes a curl walk-through that takes a new case
    from request to an active parcours, its dates counted back from the day it runs (run it with:
    bash FILE, as often as you like). Seeding again reuses the registries already there.`;

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
  const today = demoToday();
  const prefecture = await mint('prefecture', { departement });
  const known = await fetch(`${api}/associations/${associationId}`, {
    headers: { authorization: `Bearer ${prefecture}` },
  });
  const registries =
    known.status === 200
      ? Registries.existing(api, mint, { departement, associationId })
      : await seedRegistries(api, mint, { departement, associationId, today });
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
      `Seeded département ${departement} as of ${today}: association ${associationId} (agrément granted),`,
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

/** Today for the demo: the API's fixed clock when it has one (PSP_CLOCK_FIXED), else the real date. */
export function demoToday(env: NodeJS.ProcessEnv = process.env): string {
  const fixed = env.PSP_CLOCK_FIXED;
  return (fixed && /^\d{4}-\d{2}-\d{2}/.test(fixed) ? fixed : new Date().toISOString()).slice(0, 10);
}

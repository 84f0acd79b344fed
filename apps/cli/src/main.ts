import { UsageError, parseArguments } from './arguments';
import { DIGEST_USAGE, digestCommand } from './commands/digest.command';
import { VERIFY_USAGE, verifyCommand } from './commands/verify.command';
import { REVOKE_USAGE, revokeCommand } from './commands/revoke.command';
import { RUN_DEADLINES_USAGE, runDeadlinesCommand } from './commands/run-deadlines.command';
import { RUN_RETENTION_USAGE, runRetentionCommand } from './commands/run-retention.command';
import { RUN_AFIS_PAYMENTS_USAGE, runAfisPaymentsCommand } from './commands/run-afis-payments.command';
import { SEED_DEMO_USAGE, seedDemoCommand } from './commands/seed-demo.command';
import { TOKEN_USAGE, tokenCommand } from './commands/token.command';
import { GENERATE_USAGE, generateCommand } from './commands/generate.command';
import { REBUILD_USAGE, rebuildCommand } from './commands/rebuild.command';
import { OPENAPI_USAGE, openapiCommand } from './commands/openapi.command';
import { CONFIG_USAGE, configCommand } from './commands/config.command';

const COMMANDS: Record<
  string,
  { usage: string; run: (options: Record<string, string | true>) => Promise<void> }
> = {
  token: { usage: TOKEN_USAGE, run: tokenCommand },
  'run-deadlines': { usage: RUN_DEADLINES_USAGE, run: runDeadlinesCommand },
  'run-retention': { usage: RUN_RETENTION_USAGE, run: runRetentionCommand },
  'run-afis-payments': { usage: RUN_AFIS_PAYMENTS_USAGE, run: runAfisPaymentsCommand },
  'seed-demo': { usage: SEED_DEMO_USAGE, run: seedDemoCommand },
  digest: { usage: DIGEST_USAGE, run: digestCommand },
  verify: { usage: VERIFY_USAGE, run: verifyCommand },
  revoke: { usage: REVOKE_USAGE, run: revokeCommand },
  generate: { usage: GENERATE_USAGE, run: generateCommand },
  rebuild: { usage: REBUILD_USAGE, run: rebuildCommand },
  openapi: { usage: OPENAPI_USAGE, run: openapiCommand },
  config: { usage: CONFIG_USAGE, run: configCommand },
};

function usage(): string {
  return `Usage: npm run cli -- <command> [options]\n\n${Object.values(COMMANDS)
    .map((c) => `  ${c.usage}`)
    .join('\n\n')}\n`;
}

async function main(): Promise<void> {
  const { command, options } = parseArguments(process.argv.slice(2));
  if (!command || command === 'help' || options.help) {
    process.stdout.write(usage());
    return;
  }
  const entry = COMMANDS[command];
  if (!entry) throw new UsageError(`unknown command "${command}"`);
  await entry.run(options);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n\n${usage()}`);
    process.exit(2);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import { UsageError, parseArguments } from './arguments';
import { RUN_DEADLINES_USAGE, runDeadlinesCommand } from './commands/run-deadlines.command';
import { SEED_DEMO_USAGE, seedDemoCommand } from './commands/seed-demo.command';
import { TOKEN_USAGE, tokenCommand } from './commands/token.command';
import { GENERATE_USAGE, generateCommand } from './commands/generate.command';
import { REBUILD_USAGE, rebuildCommand } from './commands/rebuild.command';

const COMMANDS: Record<
  string,
  { usage: string; run: (options: Record<string, string | true>) => Promise<void> }
> = {
  token: { usage: TOKEN_USAGE, run: tokenCommand },
  'run-deadlines': { usage: RUN_DEADLINES_USAGE, run: runDeadlinesCommand },
  'seed-demo': { usage: SEED_DEMO_USAGE, run: seedDemoCommand },
  generate: { usage: GENERATE_USAGE, run: generateCommand },
  rebuild: { usage: REBUILD_USAGE, run: rebuildCommand },
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

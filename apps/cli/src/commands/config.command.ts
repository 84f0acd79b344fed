import { loadAuditConfig } from '@psp/audit';
import { minCellFromEnv } from '@psp/projections';
import { ConfigError, describeEnvironment, loadConfig } from '@psp/runtime';
import { clockFromEnvironment } from '../../../api/src/infrastructure/clock';
import { UsageError } from '../arguments';

export const CONFIG_USAGE = `config --check
    Validates every environment variable the API, the projector and this command line read
    (libs/runtime ENVIRONMENT), prints each with the value in force (secrets as ***) and exits 1
    naming every variable that is wrong.`;

/** Every check the processes run at start, run here at once; each problem is collected. */
export function environmentProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const attempt = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  };
  let config: ReturnType<typeof loadConfig> | undefined;
  attempt(() => {
    config = loadConfig(env);
  });
  attempt(() => loadAuditConfig({ dataDir: config?.dataDir ?? './data' }, env));
  attempt(() => minCellFromEnv(env));
  attempt(() => clockFromEnvironment({ environment: config?.environment ?? 'development' }, env));
  const progress = env.PROGRESS_EVERY_MS;
  if (progress !== undefined && !/^\d+$/.test(progress))
    problems.push(`PROGRESS_EVERY_MS must be a whole number of milliseconds, got ${progress}`);
  return problems;
}

export async function configCommand(options: Record<string, string | true>): Promise<void> {
  if (options.check !== true) throw new UsageError('config takes --check');
  const width = 40;
  for (const { name, value } of describeEnvironment(process.env)) {
    process.stdout.write(`${name.padEnd(width)} ${value}\n`);
  }
  const problems = environmentProblems(process.env);
  if (problems.length === 0) {
    process.stdout.write('\nconfiguration valid\n');
    return;
  }
  throw new ConfigError(`configuration refused:\n  ${problems.join('\n  ')}`);
}

/**
 * Every benchmark of issue #16 in one process run: `npm run bench` (see bench/README.md).
 * `--only=case-load,http` picks sections, `--quick` shrinks every size, `--skip-postgres` stays on SQLite.
 * Never part of `npm test`; record the printed figures in BENCHMARKS.md.
 */
import { loadavg } from 'node:os';
import { runCaseLoadPostgres, runCaseLoadSqlite } from './case-load/case-load-section';
import { BenchDatabase, createBenchDatabase } from './contenders/postgres-database';
import { runGrowth } from './growth/growth-section';
import { commandLine } from './harness/command-line';
import { Goal, printGoals } from './harness/goals';
import { machineFacts } from './harness/machine';
import { makeTempDir } from './harness/temp-dir';
import { runHttp } from './http/http-section';
import { BenchOptions, parseBenchOptions } from './options';
import { runRebuild } from './rebuild/rebuild-section';
import { parseOptions as parseStoreOptions } from './store/options';
import { runStoreBenchmark } from './store/run-store';

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const tmp = makeTempDir('bench');
  const facts = machineFacts(tmp.path);
  console.log(`# PSP case engine benchmarks — ${new Date().toISOString()}\n`);
  console.log(`- command: \`${commandLine()}\``);
  console.log(
    `- sections: ${options.sections.join(', ')}${options.quick ? ' (quick mode: small sizes)' : ''}`,
  );
  console.log(`- CPUs (nproc): ${facts.cpus}`);
  console.log(`- memory: ${facts.memory}`);
  console.log(`- files: ${facts.disk}`);
  console.log(`- node ${facts.node}`);
  console.log(`- load average (1, 5, 15 min) at the start: ${loadAverage()}`);

  const goals: Goal[] = [];
  let database: BenchDatabase | undefined;
  const postgres = async (): Promise<BenchDatabase | undefined> => {
    if (!options.postgres) return undefined;
    database ??= await createBenchDatabase(options.postgresAdminUrl).catch((error: Error) => {
      console.log(
        `\n- PostgreSQL skipped: the server at ${options.postgresAdminUrl} is not usable: ${error.message}`,
      );
      return undefined;
    });
    return database;
  };
  try {
    if (options.sections.includes('store')) {
      await runStoreBenchmark(storeOptions(options));
    }
    if (options.sections.includes('case-load')) {
      console.log(`\n## Case load — ${new Date().toISOString()}, load average ${loadAverage()}`);
      goals.push(...(await runCaseLoadSqlite(options, tmp.path)));
      const db = await postgres();
      if (db) goals.push(...(await runCaseLoadPostgres(options, db)));
    }
    if (options.sections.includes('http')) {
      console.log(`\n## HTTP API — ${new Date().toISOString()}, load average ${loadAverage()}`);
      goals.push(...(await runHttp(options, tmp.path, await postgres())));
    }
    if (options.sections.includes('rebuild')) {
      console.log(`\n## Projection rebuild — ${new Date().toISOString()}, load average ${loadAverage()}`);
      goals.push(...(await runRebuild(options, tmp.path)));
    }
    if (options.sections.includes('growth')) {
      console.log(`\n## Growth — ${new Date().toISOString()}, load average ${loadAverage()}`);
      goals.push(...(await runGrowth(options, tmp.path)));
    }
  } finally {
    await database?.drop();
    tmp.remove();
  }
  console.log(`\n- load average (1, 5, 15 min) at the end: ${loadAverage()}`);
  printGoals('Targets of issue #16 (benchmark goals, not tests)', goals);
}

/** Other processes' load on the machine (2 CPUs: above 2, processes wait for a CPU). */
function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
}

/** The store section's own sizes, shrunk in quick mode. */
function storeOptions(options: BenchOptions) {
  const argv = options.quick ? ['--appends=600', '--writer-events=640', '--reads=200'] : [];
  if (!options.postgres) argv.push('--skip-postgres');
  argv.push(`--postgres-admin-url=${options.postgresAdminUrl}`);
  return parseStoreOptions(argv);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

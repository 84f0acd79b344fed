/** The event-store benchmark (sections 1–3), run by `npm run bench:store` and by `npm run bench`. */
import Database from 'better-sqlite3';
import sqlite3 from 'sqlite3';
import { createBenchDatabase } from '../contenders/postgres-database';
import { commandLine } from '../harness/command-line';
import { machineFacts } from '../harness/machine';
import { makeTempDir } from '../harness/temp-dir';
import { StoreBenchOptions } from './options';
import { runPostgresSection } from './postgres-section';
import { runSqliteSection } from './sqlite-section';
import { TargetCheck, printTargets } from './targets';

export async function runStoreBenchmark(options: StoreBenchOptions): Promise<void> {
  const tmp = makeTempDir('store');
  const facts = machineFacts(tmp.path);
  const memory = new Database(':memory:');
  const betterSqliteVersion = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();

  console.log(`\n## Event store — ${new Date().toISOString()}\n`);
  console.log(`- command: \`${commandLine()}\``);
  console.log(`- CPUs (nproc): ${facts.cpus}`);
  console.log(`- memory: ${facts.memory}`);
  console.log(`- SQLite files: ${facts.disk}`);
  console.log(
    `- node ${facts.node}; SQLite ${betterSqliteVersion} (better-sqlite3, ours and raw), ${sqlite3.VERSION} (node-sqlite3, Emmett)`,
  );
  console.log(
    `- sizes: ${options.appends} single appends per contender in ${options.rounds} rounds (+${options.warmup} warm-up); ` +
      `${options.writerEvents} events per concurrent configuration, writers ${options.writerCounts.join(', ')}; ` +
      `${options.reads} reads of a ${options.streamLength}-event stream`,
  );

  const checks: TargetCheck[] = [];
  try {
    checks.push(...(await runSqliteSection(options, tmp.path)));
  } finally {
    tmp.remove();
  }

  if (options.postgres) {
    const database = await createBenchDatabase(options.postgresAdminUrl).catch((error: Error) => {
      console.log(
        `\n### 3. PostgreSQL: skipped, the server at ${options.postgresAdminUrl} is not usable: ${error.message}`,
      );
      return undefined;
    });
    if (database) {
      console.log(
        `\n- PostgreSQL ${database.serverVersion}, synchronous_commit=${database.synchronousCommit}, run database ${database.name} (dropped at the end)`,
      );
      try {
        await runPostgresSection(options, database);
      } finally {
        await database.drop();
      }
    }
  }

  printTargets(checks);
}

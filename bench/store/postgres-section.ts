import { StoreContender } from '../contenders/contender';
import { emmettPostgres } from '../contenders/emmett-postgres';
import { BenchDatabase } from '../contenders/postgres-database';
import { pspPostgres } from '../contenders/psp-postgres';
import { measureConcurrentAppends } from './concurrent-appends';
import { StoreBenchOptions } from './options';
import { printConcurrentAppends, printSingleAppends, printStreamReads } from './report';
import { measureSingleAppends } from './single-appends';
import { measureStreamReads } from './stream-reads';

/** Our PostgresEventStore and Emmett's, side by side, in the run's own database. */
export async function runPostgresSection(options: StoreBenchOptions, database: BenchDatabase): Promise<void> {
  const oursUrl = new URL(database.url);
  oursUrl.searchParams.set('schema', 'psp');
  const contenders: StoreContender[] = [];
  try {
    const ours = await pspPostgres(oursUrl.toString(), database.synchronousCommit);
    contenders.push(ours);
    const emmett = await emmettPostgres(database.url, database.synchronousCommit);
    contenders.push(emmett);
    const where = `database ${database.name} (PostgreSQL ${database.serverVersion}); ours in schema psp, Emmett in public`;

    const single = await measureSingleAppends(contenders, options);
    printSingleAppends(
      '3a. PostgreSQL: durable single appends (1 writer, 1 event per append, awaited)',
      single,
      single[0],
      [
        `${options.rounds} interleaved rounds of ${Math.ceil(options.appends / options.rounds)} appends per contender, a new stream each round, after ${options.warmup} unmeasured warm-up appends`,
        where,
      ],
    );

    const concurrent = await measureConcurrentAppends(contenders, options);
    printConcurrentAppends(
      '3b. PostgreSQL: concurrent writers (each its own stream, promises overlapping, one process)',
      concurrent,
      {
        header: 'ours ÷ Emmett',
        of: (r) => {
          if (r.contender !== ours) return undefined;
          const other = concurrent.find((x) => x.contender === emmett && x.writers === r.writers);
          return other && r.eventsPerSecond / other.eventsPerSecond;
        },
      },
      [
        `${options.writerEvents} events per configuration split evenly between the writers; both pools hold 10 connections`,
        where,
      ],
    );

    const reads = await measureStreamReads(contenders, options);
    printStreamReads(
      `3c. PostgreSQL: stream reads (a ${options.streamLength}-event stream, from the start)`,
      reads,
      reads[0],
      [where],
    );
  } finally {
    await Promise.all(contenders.map((c) => c.close()));
  }
}

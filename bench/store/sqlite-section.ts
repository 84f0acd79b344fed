import { join } from 'node:path';
import { emmettSqlite } from '../contenders/emmett-sqlite';
import { pspSqlite } from '../contenders/psp-sqlite';
import { rawSqlite } from '../contenders/raw-sqlite';
import { measureConcurrentAppends } from './concurrent-appends';
import { StoreBenchOptions } from './options';
import { printConcurrentAppends, printSingleAppends, printStreamReads } from './report';
import { measureSingleAppends } from './single-appends';
import { measureStreamReads } from './stream-reads';
import { TargetCheck } from './targets';

/** Durable single appends, stream reads and concurrent writers on SQLite; returns the target checks. */
export async function runSqliteSection(options: StoreBenchOptions, dir: string): Promise<TargetCheck[]> {
  const ours = pspSqlite(join(dir, 'ours.sqlite'));
  const raw = rawSqlite(join(dir, 'raw.sqlite'));
  const emmett = emmettSqlite(join(dir, 'emmett-persistent.sqlite'), true);
  const emmettDefaults = emmettSqlite(join(dir, 'emmett.sqlite'));
  const checks: TargetCheck[] = [];
  try {
    const single = await measureSingleAppends([ours, raw, emmett, emmettDefaults], options);
    const [o, r, e] = single;
    printSingleAppends(
      '1a. SQLite: durable single appends (1 writer, 1 event per append, awaited)',
      single,
      o,
      [
        `${options.rounds} interleaved rounds of ${Math.ceil(options.appends / options.rounds)} appends per contender, a new stream each round, after ${options.warmup} unmeasured warm-up appends`,
      ],
    );
    checks.push(
      {
        target: 'SQLite single appends: ours ÷ raw better-sqlite3',
        measured: o.eventsPerSecond / r.eventsPerSecond,
        atLeast: 0.75,
      },
      {
        target: 'SQLite single appends: ours ÷ Emmett-SQLite with a persistent connection',
        measured: o.eventsPerSecond / e.eventsPerSecond,
        atLeast: 3,
      },
    );

    const reads = await measureStreamReads([ours, emmett, emmettDefaults], options);
    printStreamReads(
      `1b. SQLite: stream reads (a ${options.streamLength}-event stream, from the start)`,
      reads,
      reads[0],
    );
  } finally {
    await Promise.all([ours.close(), raw.close(), emmett.close(), emmettDefaults.close()]);
  }

  const groupOn = pspSqlite(join(dir, 'ours-group-on.sqlite'), true);
  const groupOff = pspSqlite(join(dir, 'ours-group-off.sqlite'), false);
  const rawReference = rawSqlite(join(dir, 'raw-reference.sqlite'));
  try {
    // The raw loop is synchronous: its "writers" take turns, so each of its rows is the raw
    // single-insert durable rate, measured right next to the rows it is compared with.
    const results = await measureConcurrentAppends([groupOn, groupOff, rawReference], options);
    const rawAt = (writers: number) =>
      results.find((x) => x.contender === rawReference && x.writers === writers)!.eventsPerSecond;
    printConcurrentAppends(
      '2. SQLite: concurrent writers (each its own stream, promises overlapping, one process)',
      results,
      {
        header: '÷ raw single-insert rate',
        of: (r) => (r.contender === rawReference ? undefined : r.eventsPerSecond / rawAt(r.writers)),
      },
      [
        'reference: the raw better-sqlite3 INSERT loop (WAL, synchronous=FULL, one INSERT per transaction) run with the same writers next to ours; being synchronous, its writers take turns, so its rate is the single-insert durable rate',
        `${options.writerEvents} events per configuration split evenly between the writers; all three WAL + synchronous=FULL`,
      ],
    );
    for (const r of results.filter((x) => x.contender === groupOn && x.writers >= 16)) {
      checks.push({
        target: `SQLite ${r.writers} writers, group commit on ÷ raw single-insert rate`,
        measured: r.eventsPerSecond / rawAt(r.writers),
        atLeast: 3,
      });
    }
  } finally {
    await Promise.all([groupOn.close(), groupOff.close(), rawReference.close()]);
  }
  return checks;
}

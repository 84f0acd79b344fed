import { formatMs, formatRate, formatRatio } from '../harness/format';
import { printTable } from '../harness/table';
import { ConcurrentAppendsResult } from './concurrent-appends';
import { SingleAppendsResult } from './single-appends';
import { StreamReadsResult } from './stream-reads';

/** Single appends side by side, with "ours ÷ this" for every other contender. */
export function printSingleAppends(
  title: string,
  results: readonly SingleAppendsResult[],
  ours: SingleAppendsResult,
  notes: readonly string[] = [],
): void {
  printTable(
    title,
    ['contender', 'events', 'events/s', 'slowest–fastest round', 'p50 ms', 'p99 ms', 'ours ÷ this'],
    results.map((r) => [
      r.contender.name,
      r.events,
      formatRate(r.eventsPerSecond),
      `${formatRate(r.slowestRound)}–${formatRate(r.fastestRound)}`,
      formatMs(r.latency.p50),
      formatMs(r.latency.p99),
      r === ours ? '' : formatRatio(ours.eventsPerSecond / r.eventsPerSecond),
    ]),
    [
      ...results.map((r) => `${r.contender.name}: ${r.durability}`),
      ...results.flatMap((r) => r.contender.anomalies?.() ?? []),
      ...notes,
    ],
  );
}

export function printConcurrentAppends(
  title: string,
  results: readonly ConcurrentAppendsResult[],
  ratio: { header: string; of: (r: ConcurrentAppendsResult) => number | undefined },
  notes: readonly string[] = [],
): void {
  printTable(
    title,
    ['contender', 'writers', 'events', 'events/s', 'p50 ms', 'p99 ms', ratio.header],
    results.map((r) => {
      const value = ratio.of(r);
      return [
        r.contender.name,
        r.writers,
        r.events,
        formatRate(r.eventsPerSecond),
        formatMs(r.latency.p50),
        formatMs(r.latency.p99),
        value === undefined ? '' : formatRatio(value),
      ];
    }),
    notes,
  );
}

export function printStreamReads(
  title: string,
  results: readonly StreamReadsResult[],
  ours: StreamReadsResult,
  notes: readonly string[] = [],
): void {
  printTable(
    title,
    ['contender', 'reads', 'reads/s', 'events/s', 'p50 ms', 'p99 ms', 'ours ÷ this'],
    results.map((r) => [
      r.contender.name,
      r.reads,
      formatRate(r.readsPerSecond),
      formatRate(r.readsPerSecond * r.eventsPerRead),
      formatMs(r.latency.p50),
      formatMs(r.latency.p99),
      r === ours ? '' : formatRatio(ours.readsPerSecond / r.readsPerSecond),
    ]),
    notes,
  );
}

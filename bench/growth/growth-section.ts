import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';
import { bulkInsertCases, templateCases } from '../fixtures/bulk-events';
import { caseHistory } from '../fixtures/case-events';
import { seedCase } from '../fixtures/seed-case';
import { formatMs, formatRate, formatRatio } from '../harness/format';
import { Goal, below } from '../harness/goals';
import { progressReporter } from '../harness/progress';
import { printTable } from '../harness/table';
import { ROOT } from '../http/api-process';

export interface GrowthOptions {
  readonly growthSmall: number;
  readonly growthLarge: number;
  readonly loads: number;
  readonly streamLength: number;
}

interface Probe {
  readonly openMs: number;
  readonly firstLoadMs: number;
  readonly mean: number;
  readonly p50: number;
  readonly p99: number;
  readonly eventsPerSecond: number;
  readonly rssMiB: number;
}

const PROBE_CASES = 20;

/**
 * Item 4: loadCase time and memory with a small and a large store. The same 20 probe cases
 * (written through executeCommand) are loaded from a fresh process, first with `growthSmall`
 * events in the store, then after the store grew to `growthLarge`.
 */
export async function runGrowth(options: GrowthOptions, tmp: string): Promise<Goal[]> {
  const templates = await templateCases(10_000);
  const probeEvents = PROBE_CASES * options.streamLength;
  const ids = Array.from(
    { length: PROBE_CASES },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  /** The first `growthSmall` events: generated cases, then the probe cases written through executeCommand. */
  const smallStore = async (file: string) => {
    await bulkInsertCases(file, templates, options.growthSmall - probeEvents);
    const store = new SqliteEventStore({ file });
    try {
      for (const [i, id] of ids.entries())
        await seedCase(store, id, caseHistory(options.streamLength, `P-GROWTH-${i}`));
    } finally {
      await store.close();
    }
  };
  const smallFile = join(tmp, 'growth-small.sqlite');
  const largeFile = join(tmp, 'growth-large.sqlite');
  await smallStore(smallFile);
  await smallStore(largeFile);
  const report = progressReporter('growing the store');
  await bulkInsertCases(largeFile, templates, options.growthLarge - options.growthSmall, (done, total) =>
    report(options.growthSmall + done, options.growthSmall + total),
  );
  // Both stores measured in turn, three times, so a slow patch of the machine falls on both.
  const smallRuns: Probe[] = [];
  const largeRuns: Probe[] = [];
  for (let round = 0; round < 3; round++) {
    smallRuns.push(probe(smallFile, options.loads, ids));
    largeRuns.push(probe(largeFile, options.loads, ids));
  }
  const small = medianRun(smallRuns);
  const large = medianRun(largeRuns);
  const ratio = large.p50 / small.p50;
  const row = (events: number, file: string, p: Probe) => [
    events.toLocaleString('en-US'),
    `${(statSync(file).size / 2 ** 20).toFixed(0)} MiB`,
    formatMs(p.p50),
    formatMs(p.p99),
    formatMs(p.mean),
    formatRate(p.eventsPerSecond),
    formatMs(p.openMs),
    formatMs(p.firstLoadMs),
    `${p.rssMiB.toFixed(0)} MiB`,
  ];
  printTable(
    `7. Growth: loadCase of a ${options.streamLength}-event case with ${options.growthSmall.toLocaleString('en-US')} and with ${options.growthLarge.toLocaleString('en-US')} events in the store (SQLite)`,
    [
      'events in the store',
      'file',
      'p50 ms',
      'p99 ms',
      'mean ms',
      'events/s',
      'open ms',
      'first load ms',
      'RSS after loads',
    ],
    [row(options.growthSmall, smallFile, small), row(options.growthLarge, largeFile, large)],
    [
      `large ÷ small p50 load time: ${formatRatio(ratio)}; mean: ${formatRatio(large.mean / small.mean)}; RSS: ${formatRatio(large.rssMiB / small.rssMiB)}`,
      `each row: the median (by p50) of 3 runs, the two stores measured in turn; each run a fresh process (bench/growth/load-probe.ts) that opens the store and calls loadCase ${options.loads} times as a prefecture agent over the same ${PROBE_CASES} probe cases of ${options.streamLength} events: its RSS is the store's and the loads'`,
      `both stores: ${(options.growthSmall - probeEvents).toLocaleString('en-US')} generated events, then the probe cases written through executeCommand; the large one then grows to ${options.growthLarge.toLocaleString('en-US')} events`,
      `generated events: copies of generateCases streams (${templates.length} template cases) under new case and event ids, written straight into the store's tables, 200 cases interleaved at a time (bench/fixtures/bulk-events.ts); they fold, but their previousHash chain is the template's`,
      'the files sit in the page cache (23 GiB of memory): this measures the index depth and the process, not the disk',
    ],
  );
  return [
    below(
      `Growth: loadCase p50 time, ${options.growthLarge.toLocaleString('en-US')} ÷ ${options.growthSmall.toLocaleString('en-US')} events`,
      ratio,
      1.2,
      formatRatio,
    ),
  ];
}

function medianRun(runs: readonly Probe[]): Probe {
  return [...runs].sort((a, b) => a.p50 - b.p50)[Math.floor(runs.length / 2)];
}

function probe(file: string, loads: number, ids: readonly string[]): Probe {
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      join(ROOT, 'bench/growth/load-probe.ts'),
      file,
      String(loads),
      ids.join(','),
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Probe;
}

import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@psp/event-store';
import { decide } from '@psp/psp-case';
import { caseAggregate, caseStreamId, executeCommand } from '@psp/workflow';
import { bulkInsertCases, templateCases } from '../fixtures/bulk-events';
import { caseHistory } from '../fixtures/case-events';
import { SEED_ACTOR } from '../fixtures/seed-case';
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
 * Issue #16, item 4: loadCase time and memory with a small and a large store, on probe cases whose
 * events are spread through the whole store: event k of every probe case is written (through
 * executeCommand) after the k-th of `streamLength` equal slices of generated events, so reading a
 * probe case touches pages all over the file, as a long-lived case does. Each store is probed in a
 * fresh process with the fold cache off (every load reads and folds the whole case: the store's
 * index depth) and on (ADR 0023: a load reads only what is newer than the cached revision).
 */
export async function runGrowth(options: GrowthOptions, tmp: string): Promise<Goal[]> {
  const templates = await templateCases(10_000);
  const probeEvents = PROBE_CASES * options.streamLength;
  const ids = Array.from(
    { length: PROBE_CASES },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const histories = ids.map((_, i) => caseHistory(options.streamLength, `P-GROWTH-${i}`));
  const spreadStore = async (file: string, total: number, label: string) => {
    const report = progressReporter(label);
    const slice = Math.floor((total - probeEvents) / options.streamLength);
    let done = 0;
    for (let k = 0; k < options.streamLength; k++) {
      done += await bulkInsertCases(
        file,
        templates,
        k === options.streamLength - 1 ? total - probeEvents - done : slice,
      );
      const store = new SqliteEventStore({ file, synchronous: 'OFF' });
      try {
        for (const [i, id] of ids.entries()) {
          const event = histories[i][k];
          await executeCommand(
            store,
            caseAggregate,
            caseStreamId(id),
            { commandId: randomUUID(), actor: SEED_ACTOR },
            ({ state }) => {
              const decision = decide(state, event);
              return decision.accepted
                ? { accepted: true, events: [{ ...event, occurredAt: '2024-03-01T09:00:00.000Z' }] }
                : { accepted: false, violations: decision.violations };
            },
            { mode: k === 0 ? 'create' : 'update' },
          );
        }
      } finally {
        await store.close();
      }
      report(done + (k + 1) * PROBE_CASES, total);
    }
  };
  const smallFile = join(tmp, 'growth-small.sqlite');
  const largeFile = join(tmp, 'growth-large.sqlite');
  await spreadStore(smallFile, options.growthSmall, 'small store, probe cases spread');
  await spreadStore(largeFile, options.growthLarge, 'large store, probe cases spread');
  // Both stores measured in turn, three times, so a slow patch of the machine falls on both.
  const runs = {
    smallCold: [] as Probe[],
    largeCold: [] as Probe[],
    smallWarm: [] as Probe[],
    largeWarm: [] as Probe[],
  };
  for (let round = 0; round < 3; round++) {
    runs.smallCold.push(probe(smallFile, options.loads, ids, 'cold'));
    runs.largeCold.push(probe(largeFile, options.loads, ids, 'cold'));
    runs.smallWarm.push(probe(smallFile, options.loads, ids, 'warm'));
    runs.largeWarm.push(probe(largeFile, options.loads, ids, 'warm'));
  }
  const small = medianRun(runs.smallCold);
  const large = medianRun(runs.largeCold);
  const smallWarm = medianRun(runs.smallWarm);
  const largeWarm = medianRun(runs.largeWarm);
  const ratio = large.p50 / small.p50;
  const row = (events: number, file: string, p: Probe, cache: string) => [
    events.toLocaleString('en-US'),
    cache,
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
    `7. Growth: loadCase of a ${options.streamLength}-event case spread through the store, with ${options.growthSmall.toLocaleString('en-US')} and with ${options.growthLarge.toLocaleString('en-US')} events in the store (SQLite)`,
    [
      'events in the store',
      'fold cache',
      'file',
      'p50 ms',
      'p99 ms',
      'mean ms',
      'events/s',
      'open ms',
      'first load ms',
      'RSS after loads',
    ],
    [
      row(options.growthSmall, smallFile, small, 'off'),
      row(options.growthLarge, largeFile, large, 'off'),
      row(options.growthSmall, smallFile, smallWarm, 'on'),
      row(options.growthLarge, largeFile, largeWarm, 'on'),
    ],
    [
      `cache off, large ÷ small p50 load time: ${formatRatio(ratio)}; mean: ${formatRatio(large.mean / small.mean)}; RSS: ${formatRatio(large.rssMiB / small.rssMiB)}. Cache on: p50 ${formatRatio(largeWarm.p50 / smallWarm.p50)}`,
      `each row: the median (by p50) of 3 runs, the stores measured in turn; each run a fresh process (bench/growth/load-probe.ts) that opens the store and calls loadCase ${options.loads} times as a prefecture agent over the same ${PROBE_CASES} probe cases of ${options.streamLength} events: its RSS is the store's and the loads'`,
      `each store: its generated events in ${options.streamLength} equal slices, event k of each of the ${PROBE_CASES} probe cases written through executeCommand after slice k: a probe case's rows lie all over the file`,
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

function probe(file: string, loads: number, ids: readonly string[], cache: 'cold' | 'warm'): Probe {
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      join(ROOT, 'bench/growth/load-probe.ts'),
      file,
      String(loads),
      ids.join(','),
      cache,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Probe;
}

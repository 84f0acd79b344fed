/**
 * Child process of the growth benchmark: opens a SQLite event store, loads the given cases with
 * loadCase (as a prefecture agent), and prints one JSON line: load times and the process's RSS.
 * Its own process, so the RSS is the store's and the loads', not the generator's.
 * Usage: node -r @swc-node/register bench/growth/load-probe.ts <file> <loads> <caseId,caseId,…> [cold|warm]
 */
import { SqliteEventStore } from '@psp/event-store';
import { Actor } from '@psp/security';
import { configureFoldCache, loadCase } from '@psp/workflow';
import { nowMs } from '../harness/clock';
import { summarizeLatencies } from '../harness/percentiles';

const READER: Actor = { subject: 'bench-prefecture-69', role: 'prefecture', departement: '69' };

async function main(): Promise<void> {
  const [file, loadsArg, idsArg, cache] = process.argv.slice(2);
  const ids = idsArg.split(',');
  const loads = Number(loadsArg);
  const opened = nowMs();
  const store = new SqliteEventStore({ file });
  // `cold`: the fold cache off, every load reads and folds the whole case (ADR 0023).
  if (cache === 'cold') configureFoldCache(store, { maxStreams: 0 });
  const openMs = nowMs() - opened;
  const first = nowMs();
  await loadCase(store, ids[0], READER);
  const firstLoadMs = nowMs() - first;
  for (let i = 0; i < 50; i++) await loadCase(store, ids[i % ids.length], READER); // warm-up
  const latencies: number[] = [];
  const start = nowMs();
  let events = 0;
  for (let i = 0; i < loads; i++) {
    const t0 = nowMs();
    events += (await loadCase(store, ids[i % ids.length], READER)).revision + 1;
    latencies.push(nowMs() - t0);
  }
  const seconds = (nowMs() - start) / 1000;
  const latency = summarizeLatencies(latencies);
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  process.stdout.write(
    `${JSON.stringify({ openMs, firstLoadMs, mean, p50: latency.p50, p99: latency.p99, eventsPerSecond: events / seconds, rssMiB: process.memoryUsage().rss / 2 ** 20 })}\n`,
  );
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

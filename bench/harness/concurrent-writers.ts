import { nowMs } from './clock';
import { LatencySummary, summarizeLatencies } from './percentiles';

export interface WritersResult {
  readonly writers: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly latency: LatencySummary;
}

/**
 * `writers` clients in this process, each appending `perWriter` events one at a time to its own
 * stream; their promises overlap. Every append's latency is kept (call → resolution).
 */
export async function runConcurrentWriters(
  writers: number,
  perWriter: number,
  appendOne: (writer: number, revision: number) => Promise<void>,
): Promise<WritersResult> {
  const latencies: number[] = [];
  const start = nowMs();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let revision = 0; revision < perWriter; revision++) {
        const t0 = nowMs();
        await appendOne(writer, revision);
        latencies.push(nowMs() - t0);
      }
    }),
  );
  const seconds = (nowMs() - start) / 1000;
  const events = writers * perWriter;
  return {
    writers,
    events,
    seconds,
    eventsPerSecond: events / seconds,
    latency: summarizeLatencies(latencies),
  };
}

import { randomUUID } from 'node:crypto';
import { StoreContender } from '../contenders/contender';
import { nowMs } from '../harness/clock';
import { LatencySummary, summarizeLatencies } from '../harness/percentiles';
import { inRotatingRounds } from '../harness/rounds';

export interface StreamReadsResult {
  readonly contender: StoreContender;
  readonly reads: number;
  readonly eventsPerRead: number;
  readonly readsPerSecond: number;
  readonly latency: LatencySummary;
}

/** Reads one `streamLength`-event stream from the start, `reads` times, one read after another. */
export async function measureStreamReads(
  contenders: readonly StoreContender[],
  options: { streamLength: number; reads: number; rounds: number },
): Promise<StreamReadsResult[]> {
  const streams = new Map<StoreContender, string>();
  for (const contender of contenders) {
    const stream = `case-${randomUUID()}`;
    await contender.seedStream!(stream, options.streamLength);
    streams.set(contender, stream);
    for (let i = 0; i < 20; i++) await read(contender, stream, options.streamLength); // warm-up
  }
  const perRound = Math.ceil(options.reads / options.rounds);
  const latencies = new Map(contenders.map((c) => [c, [] as number[]]));
  const busyMs = new Map(contenders.map((c) => [c, 0]));
  await inRotatingRounds(contenders, options.rounds, async (contender) => {
    const start = nowMs();
    for (let i = 0; i < perRound; i++) {
      const t0 = nowMs();
      await read(contender, streams.get(contender)!, options.streamLength);
      latencies.get(contender)!.push(nowMs() - t0);
    }
    busyMs.set(contender, busyMs.get(contender)! + nowMs() - start);
  });
  return contenders.map((contender) => ({
    contender,
    reads: perRound * options.rounds,
    eventsPerRead: options.streamLength,
    readsPerSecond: (perRound * options.rounds) / (busyMs.get(contender)! / 1000),
    latency: summarizeLatencies(latencies.get(contender)!),
  }));
}

async function read(contender: StoreContender, stream: string, expected: number): Promise<void> {
  const count = await contender.readStream!(stream);
  if (count !== expected) throw new Error(`${contender.name} read ${count} events, expected ${expected}`);
}

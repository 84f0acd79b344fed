import { randomUUID } from 'node:crypto';
import { StoreContender } from '../contenders/contender';
import { nowMs } from '../harness/clock';
import { LatencySummary, summarizeLatencies } from '../harness/percentiles';
import { inRotatingRounds } from '../harness/rounds';

export interface SingleAppendsResult {
  readonly contender: StoreContender;
  readonly durability: string;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly slowestRound: number;
  readonly fastestRound: number;
  readonly latency: LatencySummary;
}

/**
 * One writer, one event per append, each append awaited before the next (with the expected
 * revision), `appends` per contender in interleaved rounds; a new stream each round.
 */
export async function measureSingleAppends(
  contenders: readonly StoreContender[],
  options: { appends: number; rounds: number; warmup: number },
): Promise<SingleAppendsResult[]> {
  const perRound = Math.ceil(options.appends / options.rounds);
  const latencies = new Map(contenders.map((c) => [c, [] as number[]]));
  const busyMs = new Map(contenders.map((c) => [c, 0]));
  const roundRates = new Map(contenders.map((c) => [c, [] as number[]]));

  for (const contender of contenders) {
    const warm = `case-warmup-${randomUUID()}`;
    for (let revision = 0; revision < options.warmup; revision++) await contender.appendOne(warm, revision);
  }
  await inRotatingRounds(contenders, options.rounds, async (contender) => {
    const stream = `case-${randomUUID()}`;
    const start = nowMs();
    for (let revision = 0; revision < perRound; revision++) {
      const t0 = nowMs();
      await contender.appendOne(stream, revision);
      latencies.get(contender)!.push(nowMs() - t0);
    }
    const ms = nowMs() - start;
    busyMs.set(contender, busyMs.get(contender)! + ms);
    roundRates.get(contender)!.push(perRound / (ms / 1000));
  });

  return Promise.all(
    contenders.map(async (contender) => {
      const events = perRound * options.rounds;
      const rates = roundRates.get(contender)!;
      return {
        contender,
        durability: await contender.durability(),
        events,
        eventsPerSecond: events / (busyMs.get(contender)! / 1000),
        slowestRound: Math.min(...rates),
        fastestRound: Math.max(...rates),
        latency: summarizeLatencies(latencies.get(contender)!),
      };
    }),
  );
}

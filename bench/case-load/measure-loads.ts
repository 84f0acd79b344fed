import { nowMs } from '../harness/clock';
import { LatencySummary, summarizeLatencies } from '../harness/percentiles';
import { inRotatingRounds } from '../harness/rounds';

/** One way of loading a case: resolves to how many events it read. */
export interface LoadContender {
  readonly name: string;
  load(caseId: string): Promise<number> | number;
}

export interface LoadResult {
  readonly contender: LoadContender;
  readonly loads: number;
  readonly eventsPerLoad: number;
  readonly eventsPerSecond: number;
  /** Events per second of this process's CPU time (user + system) while it loaded. */
  readonly eventsPerCpuSecond: number;
  readonly latency: LatencySummary;
}

/**
 * Loads the cases one after another (cycling through `caseIds`), `loads` times per contender, in
 * interleaved rounds whose starting contender rotates. Every load must return `eventsPerLoad` events.
 */
export async function measureLoads(
  contenders: readonly LoadContender[],
  caseIds: readonly string[],
  options: { loads: number; rounds: number; eventsPerLoad: number },
): Promise<LoadResult[]> {
  const check = (contender: LoadContender, count: number) => {
    if (count !== options.eventsPerLoad) {
      throw new Error(`${contender.name} loaded ${count} events, expected ${options.eventsPerLoad}`);
    }
  };
  for (const contender of contenders) {
    for (let i = 0; i < 50; i++) check(contender, await contender.load(caseIds[i % caseIds.length])); // warm-up
  }
  const perRound = Math.ceil(options.loads / options.rounds);
  const latencies = new Map(contenders.map((c) => [c, [] as number[]]));
  const busyMs = new Map(contenders.map((c) => [c, 0]));
  const cpuMs = new Map(contenders.map((c) => [c, 0]));
  await inRotatingRounds(contenders, options.rounds, async (contender) => {
    const cpu = process.cpuUsage();
    const start = nowMs();
    for (let i = 0; i < perRound; i++) {
      const t0 = nowMs();
      check(contender, await contender.load(caseIds[i % caseIds.length]));
      latencies.get(contender)!.push(nowMs() - t0);
    }
    busyMs.set(contender, busyMs.get(contender)! + nowMs() - start);
    const used = process.cpuUsage(cpu);
    cpuMs.set(contender, cpuMs.get(contender)! + (used.user + used.system) / 1000);
  });
  return contenders.map((contender) => ({
    contender,
    loads: perRound * options.rounds,
    eventsPerLoad: options.eventsPerLoad,
    eventsPerSecond: (perRound * options.rounds * options.eventsPerLoad) / (busyMs.get(contender)! / 1000),
    eventsPerCpuSecond: (perRound * options.rounds * options.eventsPerLoad) / (cpuMs.get(contender)! / 1000),
    latency: summarizeLatencies(latencies.get(contender)!),
  }));
}

import { randomUUID } from 'node:crypto';
import { StoreContender } from '../contenders/contender';
import { WritersResult, runConcurrentWriters } from '../harness/concurrent-writers';

export interface ConcurrentAppendsResult extends WritersResult {
  readonly contender: StoreContender;
}

/**
 * For each number of writers, every contender in turn (the order alternating from one writer
 * count to the next): `writerEvents` events split between the writers, each writer appending
 * one event at a time to its own new stream.
 */
export async function measureConcurrentAppends(
  contenders: readonly StoreContender[],
  options: { writerCounts: readonly number[]; writerEvents: number },
): Promise<ConcurrentAppendsResult[]> {
  const results: ConcurrentAppendsResult[] = [];
  for (const [i, writers] of options.writerCounts.entries()) {
    const order = i % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const streams = Array.from({ length: writers }, () => `case-${randomUUID()}`);
      const perWriter = Math.max(1, Math.floor(options.writerEvents / writers));
      const result = await runConcurrentWriters(writers, perWriter, (writer, revision) =>
        contender.appendOne(streams[writer], revision),
      );
      results.push({ contender, ...result });
    }
  }
  return results;
}

/**
 * Contenders measured in interleaved rounds, the starting contender rotating each round, so a
 * slow patch of the machine (another process, the disk's own housekeeping) falls on all of them
 * instead of on one, and cancels out of the ratios.
 */
export async function inRotatingRounds<T>(
  contenders: readonly T[],
  rounds: number,
  runOne: (contender: T, round: number) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      await runOne(contenders[(round + i) % contenders.length], round);
    }
  }
}

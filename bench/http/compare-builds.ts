/**
 * Two builds of the API side by side, at the same time: each on its own copy of the same cases,
 * each with its own load generator at the same fixed rate (open loop), for a few rounds; CPU per
 * acknowledged command of each, and their ratio per round. Both run through the same moments of
 * the machine, so a ratio holds where two runs one after the other differ by ±15 % on this
 * shared host (BENCHMARKS.md, "How much the figures move").
 *   node -r @swc-node/register bench/http/compare-builds.ts <main.js A> <main.js B> [rate=300] [seconds=10] [rounds=5] [length=50]
 * A build: `npx swc apps libs state-machines -d <dir>/dist --config-file .swcrc` from a checkout of
 * the commit (with node_modules), then `<dir>/dist/apps/api/src/main.js`.
 */
import { followUpCommand, templateOf } from './http-section';
import { loadTest } from './open-loop';
import { procCpuSeconds } from './postgres-api';
import { WarmSqliteApi, startWarmSqliteApi } from './warm-sqlite-api';

/** One round: both loads at once; CPU (ms) per acknowledged command of each. */
async function round(sides: readonly WarmSqliteApi[], rate: number, seconds: number): Promise<number[]> {
  const before = sides.map((s) => procCpuSeconds(s.api.child.pid!));
  const results = await Promise.all(
    sides.map((s) =>
      loadTest({
        baseUrl: s.api.baseUrl,
        connections: 10,
        seconds,
        rate,
        request: followUpCommand(s.cases, s.tokens),
      }),
    ),
  );
  return sides.map((s, i) => {
    if (results[i].failed > 0) throw new Error(`${results[i].failed} commands failed`);
    return ((procCpuSeconds(s.api.child.pid!) - before[i]) * 1000) / results[i].ok;
  });
}

async function main(): Promise<void> {
  const [entryA, entryB] = process.argv.slice(2, 4);
  if (!entryA || !entryB)
    throw new Error('usage: compare-builds.ts <main.js A> <main.js B> [rate] [seconds] [rounds] [length]');
  const rate = Number(process.argv[4] ?? 300);
  const seconds = Number(process.argv[5] ?? 10);
  const rounds = Number(process.argv[6] ?? 5);
  const length = Number(process.argv[7] ?? 50);
  const template = await templateOf(length);
  const sides = [
    await startWarmSqliteApi({ name: 'compare-a', length, template, entry: entryA }),
    await startWarmSqliteApi({ name: 'compare-b', length, template, entry: entryB }),
  ];
  const ratios: number[] = [];
  try {
    for (let r = 1; r <= rounds; r += 1) {
      const [a, b] = await round(sides, rate, seconds);
      ratios.push(b / a);
      console.log(
        `round ${r}: A ${a.toFixed(3)} ms, B ${b.toFixed(3)} ms a command, B/A ${(b / a).toFixed(3)}`,
      );
    }
  } finally {
    await Promise.all(sides.map((s) => s.api.stop()));
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  console.log(
    `B/A median ${sorted[Math.floor(sorted.length / 2)].toFixed(3)} (${rounds} rounds at ${rate}/s each, ${length}-event cases)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

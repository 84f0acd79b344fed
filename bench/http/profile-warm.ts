/**
 * Where one warm command's CPU goes: the API under `node --cpu-prof`, only warm commands on
 * cases of one length (closed loop, 10 connections), nothing else in the profile but start-up.
 *   node -r @swc-node/register bench/http/profile-warm.ts [length=50] [seconds=20] [rate]
 * With a rate, commands arrive at that rate (open loop): CPU per command compared at the same rate
 * does not move with the throughput the machine's noise allows.
 * `API_NODE_FLAGS` adds flags to the API's node (e.g. a V8 heap setting to compare).
 * (run `npm run build` first).
 */
import { join } from 'node:path';
import { summarizeCpuProfiles } from '../harness/cpu-profile';
import { followUpCommand } from './http-section';
import { loadTest } from './open-loop';
import { procCpuSeconds } from './postgres-api';
import { startWarmSqliteApi } from './warm-sqlite-api';

async function main(): Promise<void> {
  const length = Number(process.argv[2] ?? 50);
  const seconds = Number(process.argv[3] ?? 20);
  const rate = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
  const { api, dir, cases, tokens } = await startWarmSqliteApi({
    name: 'profile',
    length,
    count: Number(process.env.CASES ?? 500),
    env: { PROJECTOR: process.env.PROJECTOR ?? 'internal' },
    nodeFlags: (dir) => [
      ...(process.env.PROFILE === 'off' ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'cpu-profile')}`]),
      ...(process.env.API_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
    ],
  });
  const profileDir = process.env.PROFILE === 'off' ? undefined : join(dir, 'cpu-profile');
  const before = procCpuSeconds(api.child.pid!);
  const beforeSystem = procCpuSeconds(api.child.pid!, 'system');
  const beforeMain = procCpuSeconds(api.child.pid!, 'all', 'main thread');
  const generatorBefore = process.cpuUsage();
  const result = await loadTest({
    baseUrl: api.baseUrl,
    connections: 10,
    seconds,
    rate,
    request: followUpCommand(cases, tokens),
  });
  const used = procCpuSeconds(api.child.pid!) - before;
  const system = procCpuSeconds(api.child.pid!, 'system') - beforeSystem;
  const main = procCpuSeconds(api.child.pid!, 'all', 'main thread') - beforeMain;
  const generator = process.cpuUsage(generatorBefore);
  const perCommand = (seconds: number) => ((seconds * 1000) / result.ok).toFixed(3);
  console.log(
    `${result.ok} ok, ${result.failed} failed, ${(result.ok / result.seconds).toFixed(0)}/s, CPU ${perCommand(used)} ms per command (system ${perCommand(system)}, main thread ${perCommand(main)}, ${((main / result.seconds) * 100).toFixed(0)} % of the row); load generator ${perCommand((generator.user + generator.system) / 1e6)} ms per command`,
  );
  await api.stop();
  if (profileDir) {
    // Only the load's seconds before the profile's end (its shutdown is short and included): not the
    // start-up or the cases' first reads.
    const window = { from: result.seconds * 1000, to: 0 };
    const { self, inclusive } = summarizeCpuProfiles(profileDir, 60, window);
    console.log('--- self');
    for (const l of self) console.log(`${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}`);
    console.log('--- inclusive (product)');
    for (const l of inclusive) console.log(`${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}`);
  }
  console.log(dir);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

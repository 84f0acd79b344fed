/**
 * Where a rebuild's CPU goes: every view rebuilt in one pass from a generated log, in this process
 * (run it under `node --cpu-prof`), printing events/s of the log and of CPU.
 *   node --cpu-prof --cpu-prof-dir=bench/.tmp/rebuild-profile -r @swc-node/register \
 *     bench/rebuild/profile-rebuild.ts [events=200000] [log file kept from a run before]
 */
import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';
import { Projector, SqliteReadModel, allProjections } from '@psp/projections';
import { bulkInsertCases, templateCases } from '../fixtures/bulk-events';
import { nowMs } from '../harness/clock';
import { makeTempDir } from '../harness/temp-dir';

async function main(): Promise<void> {
  const wanted = Number(process.argv[2] ?? 200_000);
  // A log generated once is kept and reused (the second argument): only the rebuild is profiled.
  const kept = process.argv[3];
  const dir = makeTempDir('rebuild').path;
  const file = kept ?? join(dir, 'events.sqlite');
  const events = kept
    ? wanted
    : await bulkInsertCases(file, await templateCases(10_000), wanted, () => undefined);
  if (!kept) console.log(`log kept in ${file}`);
  const store = new SqliteEventStore({ file });
  const db = new SqliteReadModel(join(dir, 'read.sqlite'));
  const projector = new Projector(store, db, allProjections(store));
  const start = nowMs();
  const cpu = process.cpuUsage();
  await projector.rebuildAll();
  const used = process.cpuUsage(cpu);
  const seconds = (nowMs() - start) / 1000;
  await projector.stop();
  await db.close();
  await store.close();
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${events} events in ${seconds.toFixed(1)} s: ${Math.round(events / seconds)} events/s, ${Math.round(events / cpuSeconds)} events/CPU s`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

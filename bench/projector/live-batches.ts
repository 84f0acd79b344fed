/**
 * What the in-process projector costs per event as a function of its batch size: the API's
 * commands arrive one by one, and each wake of the projector reads a batch of the log and, for
 * every view, reads and moves its checkpoint and commits. Cases of 50 events are projected first;
 * then every case gets its next events (the same real events a longer case has), and the
 * projector catches up on them in batches of 1, 2, 5, 10, 20 events: CPU per event of this process.
 *   node -r @swc-node/register bench/projector/live-batches.ts [cases=300] [events per case=10]
 * FOLLOW_UPS=1 appends only commission follow-ups (the HTTP section's command). BATCHES=1,10 picks the batch sizes; PROFILE=<dir> writes a CPU profile of each measured catch-up
 * (only that: not the seeding) into <dir>, for bench/harness/cpu-profile.ts.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';
import { Projector, SqliteReadModel, allProjections } from '@psp/projections';
import { FOLLOW_UP, copyCases, templateOf } from '../http/http-section';
import { makeTempDir } from '../harness/temp-dir';

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? 300);
  const more = Number(process.argv[3] ?? 10);
  const template = await templateOf(50 + more);
  for (const batchSize of (process.env.BATCHES ?? "1,2,5,10,20").split(",").map(Number)) {
    const dir = makeTempDir('live-batches').path;
    const file = join(dir, 'events.sqlite');
    const ids = copyCases(file, template.slice(0, 50), cases);
    const store = new SqliteEventStore({ file });
    const db = new SqliteReadModel(join(dir, 'read.sqlite'));
    // The same views (and their case-state caches) before and after: warm, as in the API.
    const views = allProjections(store);
    const seeded = new Projector(store, db, views);
    await seeded.start();
    await seeded.waitUntilCaughtUp(600_000);
    await seeded.stop();
    for (let i = 0; i < more; i++) {
      // FOLLOW_UPS=1: only the commission's follow-ups, the HTTP section's command.
      const event = process.env.FOLLOW_UPS
        ? { ...template[50], type: 'CommissionFollowUpRecorded', data: JSON.parse(FOLLOW_UP) }
        : template[50 + i];
      for (const id of ids) {
        await store.append(
          `psp-case-${id}`,
          [{ id: randomUUID(), type: event.type, data: event.data, metadata: event.metadata }],
          { expectedRevision: 49 + i },
        );
      }
    }
    const projector = new Projector(store, db, views, { batchSize });
    const session = process.env.PROFILE ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu = process.cpuUsage();
    await projector.start();
    await projector.waitUntilCaughtUp(600_000);
    const used = process.cpuUsage(cpu);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(process.env.PROFILE!, { recursive: true });
      writeFileSync(join(process.env.PROFILE!, `batch-${batchSize}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    }
    await projector.stop();
    const events = cases * more;
    console.log(
      `batch ${String(batchSize).padStart(2)}: ${(((used.user + used.system) / events) / 1000).toFixed(3)} ms of CPU per event (${events} events)`,
    );
    await db.close();
    await store.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';
import { Projector, SqliteReadModel, allProjections } from '@psp/projections';
import { bulkInsertCases, templateCases } from '../fixtures/bulk-events';
import { nowMs } from '../harness/clock';
import { formatRate } from '../harness/format';
import { Goal, atLeast } from '../harness/goals';
import { progressReporter } from '../harness/progress';
import { printTable } from '../harness/table';

export interface RebuildOptions {
  readonly rebuildEvents: number;
}

/**
 * Every read view rebuilt from a log of `rebuildEvents` generated events, the way
 * `npm run cli -- rebuild --all` does it (Projector.rebuildAll: one pass, new versions, then swaps).
 */
export async function runRebuild(options: RebuildOptions, tmp: string): Promise<Goal[]> {
  const file = join(tmp, 'rebuild-events.sqlite');
  const templates = await templateCases(10_000);
  const generatedStart = nowMs();
  const events = await bulkInsertCases(
    file,
    templates,
    options.rebuildEvents,
    progressReporter('generating events'),
  );
  const generated = { events, elapsedMs: nowMs() - generatedStart };
  const store = new SqliteEventStore({ file });
  const db = new SqliteReadModel(join(tmp, 'rebuild-read.sqlite'));
  try {
    const projections = allProjections(store);
    const projector = new Projector(store, db, projections);
    const rows: (string | number)[][] = [];
    const rssBefore = process.memoryUsage().rss;
    const readsBefore = projector.logReads;
    const progress = progressReporter('rebuild of every view, one pass');
    const done = new Map<string, number>();
    const start = nowMs();
    // CPU time of this process (user + system) as well as wall time: on a machine shared with
    // other work, wall time measures the neighbours too.
    const cpuStart = process.cpuUsage();
    let totalMs = 0;
    let cpuMs = 0;
    try {
      const rebuilt = await projector.rebuildAll(undefined, (name, n) => {
        done.set(name, n);
        progress(Math.min(...done.values()), generated.events);
      });
      totalMs = nowMs() - start;
      const cpu = process.cpuUsage(cpuStart);
      cpuMs = (cpu.user + cpu.system) / 1000;
      for (const { name, version } of rebuilt)
        rows.push([name, version, generated.events, '', '', '', '', '']);
    } finally {
      await projector.stop();
    }
    const logReads = projector.logReads - readsBefore;
    const allViewsRate = generated.events / (totalMs / 1000);
    rows.push([
      `all ${projections.length} views, one pass`,
      '',
      generated.events,
      (totalMs / 1000).toFixed(1),
      formatRate(allViewsRate),
      (cpuMs / 1000).toFixed(1),
      formatRate(generated.events / (cpuMs / 1000)),
      `${Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20)} MiB`,
    ]);
    printTable(
      `6. Projection rebuild: every read view from ${generated.events.toLocaleString('en-US')} events (SQLite store, SQLite read model)`,
      ['view', 'version', 'events', 'seconds', 'events/s', 'CPU s', 'events/CPU s', 'RSS growth'],
      rows,
      [
        `the log: ${generated.events.toLocaleString('en-US')} events, copies of ${templates.length} cases from generateCases (libs/workflow/testing: the lifecycles of the case machine's fixtures) under new case and event ids, written straight into the store's tables in ${(generated.elapsedMs / 1000).toFixed(0)} s, 200 cases interleaved at a time (bench/fixtures/bulk-events.ts)`,
        `every view rebuilt as \`npm run cli -- rebuild --all\` does: Projector.rebuildAll, one pass over the log (${logReads} reads of the log issued to the store for ${projections.length} views, batches of 10,000 events (rebuildBatchSize), each shared by every view), each view's writes in its own transaction per batch into a new version of its tables, then the swap of its rv_<name> SQL view`,
        'CPU s: user + system CPU time of the benchmark process during the rebuild (process.cpuUsage); events/CPU s is the rate on an idle core, whatever else the machine runs',
        "RSS growth: the benchmark process's resident memory after the rebuild minus before it (the store and read model run in this process)",
      ],
    );
    return [atLeast('Projection rebuild, all views: events/s of the log', allViewsRate, 100_000, formatRate)];
  } finally {
    await db.close();
    await store.close();
  }
}

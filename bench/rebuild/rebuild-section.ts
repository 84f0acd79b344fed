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
 * Item 3: every read view rebuilt from a log of `rebuildEvents` generated events, the way
 * `npm run cli -- rebuild --all` does it (Projector.rebuild per view, into a new version, then swap).
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
    let totalMs = 0;
    try {
      for (const projection of projections) {
        const progress = progressReporter(`rebuild ${projection.name}`);
        const rssBefore = process.memoryUsage().rss;
        const start = nowMs();
        const version = await projector.rebuild(projection.name, (done) => progress(done, generated.events));
        const ms = nowMs() - start;
        totalMs += ms;
        rows.push([
          projection.name,
          version,
          generated.events,
          (ms / 1000).toFixed(1),
          formatRate(generated.events / (ms / 1000)),
          `${Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20)} MiB`,
        ]);
      }
    } finally {
      await projector.stop();
    }
    const allViewsRate = generated.events / (totalMs / 1000);
    rows.push([
      'all views, one after another',
      '',
      generated.events,
      (totalMs / 1000).toFixed(1),
      formatRate(allViewsRate),
      '',
    ]);
    printTable(
      `6. Projection rebuild: every read view from ${generated.events.toLocaleString('en-US')} events (SQLite store, SQLite read model)`,
      ['view', 'version', 'events', 'seconds', 'events/s', 'RSS growth'],
      rows,
      [
        `the log: ${generated.events.toLocaleString('en-US')} events, copies of ${templates.length} cases from generateCases (libs/workflow/testing: the lifecycles of the case machine's fixtures) under new case and event ids, written straight into the store's tables in ${(generated.elapsedMs / 1000).toFixed(0)} s, 200 cases interleaved at a time (bench/fixtures/bulk-events.ts)`,
        'each view rebuilt as `npm run cli -- rebuild --all` does: Projector.rebuild into a new version of its tables, then the swap of its rv_<name> SQL view',
        "RSS growth: the benchmark process's resident memory after the rebuild minus before it (the store and read model run in this process)",
      ],
    );
    return [atLeast('Projection rebuild, all views: events/s of the log', allViewsRate, 100_000, formatRate)];
  } finally {
    await db.close();
    await store.close();
  }
}

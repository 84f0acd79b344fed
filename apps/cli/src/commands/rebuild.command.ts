import { openEventStore } from '@psp/event-store';
import { Projector, allProjections, lastLogPosition } from '@psp/projections';
import { ProgressDisplay, loadConfig, openReadModel } from '@psp/runtime';
import { UsageError, stringOption } from '../arguments';

export const REBUILD_USAGE = `rebuild [--view <name> | --all]
    Rebuilds read views from the whole event log into new versions of their tables while the
    current ones keep serving (the API may keep running), then swaps them in. Progress on stderr;
    one JSON line per view on stdout. An interrupted rebuild resumes where it stopped.`;

export async function rebuildCommand(options: Record<string, string | true>): Promise<void> {
  const view = stringOption(options, 'view');
  if ((view === undefined) === (options.all === undefined)) {
    throw new UsageError('give either --view <name> or --all');
  }
  const config = loadConfig();
  const store = await openEventStore(config.eventStoreUrl);
  const db = await openReadModel(config);
  const projections = allProjections(store);
  const names = view === undefined ? projections.map((p) => p.name) : [view];
  const unknown = names.filter((name) => !projections.some((p) => p.name === name));
  if (unknown.length > 0) {
    await db.close();
    await store.close();
    throw new UsageError(
      `unknown view ${unknown.join(', ')}: the views are ${projections.map((p) => p.name).join(', ')}`,
    );
  }
  const projector = new Projector(store, db, projections);
  try {
    if (names.length > 1) {
      // All views in one pass over the log: each batch is read once and handed to every view.
      const total = Number(await lastLogPosition(store));
      const displays = new Map(
        names.map((name) => [name, new ProgressDisplay({ label: `rebuild ${name}`, total })]),
      );
      const rebuilt = await projector.rebuildAll(names, (name, done) =>
        displays.get(name)!.update(done, total),
      );
      for (const { name, version } of rebuilt) printRebuilt(name, version, displays.get(name)!);
      return;
    }
    for (const name of names) {
      const total = Number(await lastLogPosition(store));
      const display = new ProgressDisplay({ label: `rebuild ${name}`, total });
      const version = await projector.rebuild(name, (done) => display.update(done, total));
      printRebuilt(name, version, display);
    }
  } finally {
    await projector.stop();
    await db.close();
    await store.close();
  }
}

/** One JSON line per view rebuilt: its version, the events read, how long, how fast. */
function printRebuilt(view: string, version: number, display: ProgressDisplay): void {
  const figures = display.finish();
  process.stdout.write(
    `${JSON.stringify({
      view,
      version,
      events: figures.done,
      seconds: Number(figures.elapsedSeconds.toFixed(1)),
      eventsPerSecond: Math.round(figures.perSecond),
    })}\n`,
  );
}

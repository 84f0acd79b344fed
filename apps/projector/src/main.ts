import { openEventStore } from '@psp/event-store';
import { Projector, allProjections, lastLogPosition } from '@psp/projections';
import { ConfigError, loadConfig, openReadModel, startTracing } from '@psp/runtime';

/**
 * The standalone projector: feeds every read view from the event log, in its own process, so
 * the API can run with `PROJECTOR=external` and views can be caught up or rebuilt apart from it.
 * Same configuration as the API (EVENT_STORE_URL, READ_MODEL_URL). JSON logs on stdout; while
 * catching up, a progress line per view every PROGRESS_EVERY_MS (default 2000). SIGTERM or
 * SIGINT: stops after the batch in progress (committed with its checkpoint) and exits 0.
 */
function log(level: 'info' | 'error' | 'fatal', msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    context: 'projector',
    msg,
    ...fields,
  });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  startTracing(process.env, process.env.OTEL_SERVICE_NAME ?? 'psp-projector');
  const progressEveryMs = Number(process.env.PROGRESS_EVERY_MS ?? 2000);
  const store = await openEventStore(config.eventStoreUrl);
  const db = await openReadModel(config);
  const projector = new Projector(store, db, allProjections(store), {
    onParked: (parked) =>
      log('error', 'stream parked for a view', {
        alert: true,
        projection: parked.projection,
        streamId: parked.streamId,
        position: parked.position.toString(),
        error: parked.error,
      }),
  });

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      log('info', 'stopping', { signal });
      clearInterval(timer);
      await projector.stop();
      await db.close();
      await store.close();
      log('info', 'stopped', { signal });
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await projector.start();
  log('info', 'projector started', {
    views: allProjections(store).map((p) => p.name),
    eventStore: config.eventStoreUrl.replace(/\/\/[^@/]*@/, '//***@'),
  });

  // Catch-up progress: events done against the end of the log, rate and time left per view.
  const started = Date.now();
  const startedAt = new Map<string, number>();
  let caughtUpLogged = false;
  const report = async () => {
    const [last, status] = await Promise.all([lastLogPosition(store), projector.status()]);
    const seconds = (Date.now() - started) / 1000;
    for (const s of status) {
      if (!startedAt.has(s.projection)) startedAt.set(s.projection, s.events);
      const perSecond = seconds > 0 ? (s.events - startedAt.get(s.projection)!) / seconds : 0;
      const left = Number(last - BigInt(s.position));
      if (s.caughtUp && caughtUpLogged) continue;
      log('info', 'progress', {
        projection: s.projection,
        version: s.version,
        events: s.events,
        position: s.position,
        lastPosition: last.toString(),
        eventsPerSecond: Math.round(perSecond),
        etaSeconds: perSecond > 0 ? Math.round(left / perSecond) : null,
        caughtUp: s.caughtUp,
        ...(s.error ? { error: s.error } : {}),
      });
    }
    if (!caughtUpLogged && status.every((s) => s.caughtUp)) {
      caughtUpLogged = true;
      log('info', 'caught up', { position: last.toString(), seconds: Number(seconds.toFixed(1)) });
    }
  };
  const timer = setInterval(() => {
    report().catch((error: unknown) => log('error', 'progress report failed', { error: String(error) }));
  }, progressEveryMs);
  await report();
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  log('fatal', 'projector could not start', { error: message });
  process.exit(1);
});

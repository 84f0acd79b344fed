import { openEventStore } from '@psp/event-store';
import { ProgressDisplay, loadConfig } from '@psp/runtime';
// The generator lives with the test helpers; the build includes it (.swcrc) for this command.
import { generateCases } from '@psp/workflow/testing';
import { UsageError, stringOption } from '../arguments';

export const GENERATE_USAGE = `generate --events N [--store-url URL] [--seed S] [--concurrency C] [--departement 69]
    Appends N generated events of realistic, valid PSP cases (varied lifecycles, départements,
    associations) to the event store (default EVENT_STORE_URL), for load tests and rebuilds.
    --departement: every case in that one département (the demo's, so that its indicators pass
    the small-count threshold). Never in production. Tip: sqlite:<file>?synchronous=OFF for a
    fast throwaway store.`;

export async function generateCommand(options: Record<string, string | true>): Promise<void> {
  const config = loadConfig();
  if (config.environment === 'production') throw new UsageError('generate is refused in production');
  const events = positive(options, 'events', undefined);
  const seed = positive(options, 'seed', 1);
  const concurrency = positive(options, 'concurrency', 200);
  const departement = stringOption(options, 'departement');
  if (departement !== undefined && !/^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/.test(departement))
    throw new UsageError(`--departement must be an INSEE département code, got "${departement}"`);
  const store = await openEventStore(stringOption(options, 'store-url') ?? config.eventStoreUrl);
  const display = new ProgressDisplay({ label: 'generate', total: events });
  try {
    const result = await generateCases({
      store,
      events,
      seed,
      concurrency,
      departements: departement ? [departement] : undefined,
      onProgress: (p) => display.update(p.events),
    });
    const figures = display.finish();
    process.stdout.write(
      `${JSON.stringify({
        generated: result.events,
        cases: result.cases,
        seconds: Number((result.elapsedMs / 1000).toFixed(1)),
        eventsPerSecond: Math.round(figures.perSecond),
      })}\n`,
    );
  } finally {
    await store.close();
  }
}

function positive(
  options: Record<string, string | true>,
  name: string,
  fallback: number | undefined,
): number {
  const raw = stringOption(options, name);
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, got ${raw}`);
  return n;
}

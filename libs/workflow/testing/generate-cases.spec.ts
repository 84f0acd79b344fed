import { InMemoryEventStore, RecordedEvent } from '@psp/event-store';
import { caseView } from '@psp/psp-case';
import { replayAccepted } from '../../../state-machines/psp-case/src/testing/fixtures';
import { caseAggregate, toCaseEvent } from '../src/cases/case-stream';
import { GENESIS_HASH, eventHash } from '../src/integrity/event-hash';
import { generateCases } from './generate-cases';

async function streams(store: InMemoryEventStore): Promise<Map<string, RecordedEvent[]>> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of await store.readAll()) {
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  }
  return byStream;
}

describe('generateCases (the event generator for load tests and rebuilds)', () => {
  it('writes exactly the events asked for, as valid case streams the machine accepts, interleaved', async () => {
    const store = new InMemoryEventStore();
    const progress: number[] = [];
    const result = await generateCases({
      store,
      events: 3_000,
      concurrency: 50,
      onProgress: (p) => progress.push(p.events),
    });
    expect(result.events).toBe(3_000);
    expect(progress[progress.length - 1]).toBe(3_000);
    const all = await store.readAll();
    expect(all).toHaveLength(3_000);
    // Interleaved: consecutive events often belong to different cases.
    const switches = all.filter((e, i) => i > 0 && all[i - 1].streamId !== e.streamId).length;
    expect(switches).toBeGreaterThan(1_000);

    const byStream = await streams(store);
    expect(byStream.size).toBe(result.cases);
    const statuses = new Set<string>();
    const departements = new Set<string>();
    for (const events of byStream.values()) {
      // Every event is one the machine accepts after the ones before it (PD-1).
      const state = replayAccepted(events.map(toCaseEvent));
      expect(caseAggregate.fold(events)).toEqual(state);
      statuses.add(caseView(state).status);
      departements.add(state.context.departement!);
    }
    expect(statuses.size).toBeGreaterThanOrEqual(6);
    expect(departements.size).toBeGreaterThanOrEqual(8);
  });

  it('chains each event to its predecessor with previousHash, as executeCommand does', async () => {
    const store = new InMemoryEventStore();
    await generateCases({ store, events: 500 });
    for (const events of (await streams(store)).values()) {
      events.forEach((event, i) => {
        expect(event.metadata.previousHash).toBe(i === 0 ? GENESIS_HASH : eventHash(events[i - 1]));
        expect(event.metadata).toMatchObject({
          commandId: expect.any(String),
          machineVersion: caseAggregate.machineVersion,
          actor: { role: expect.any(String) },
        });
      });
    }
  });

  it('gives the same events for the same seed', async () => {
    const ids = async (seed: number) => {
      const store = new InMemoryEventStore();
      await generateCases({ store, events: 200, seed });
      return (await store.readAll()).map((e) => `${e.streamId}/${e.id}`);
    };
    expect(await ids(7)).toEqual(await ids(7));
    expect(await ids(7)).not.toEqual(await ids(8));
  });
});

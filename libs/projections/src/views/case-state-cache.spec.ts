import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, RecordedEvent } from '@psp/event-store';
import { caseAggregate, caseStreamId, foldCacheOf } from '@psp/workflow';
import { activeCase } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { CaseStateCache } from './case-state-cache';

const history = activeCase();
let position = 0n;

/** The event at `revision` of a case's history, as the log gives it (a new object each time). */
function recorded(caseId: string, revision: number): RecordedEvent {
  const e = history[revision];
  position += 1n;
  return {
    id: `${caseId}-${revision}`,
    type: e.type,
    data: e.data as unknown as Record<string, unknown>,
    metadata: { schemaVersion: e.schemaVersion, occurredAt: '2024-10-01T09:00:00.000Z' },
    streamId: caseStreamId(caseId),
    revision,
    globalPosition: position,
    recordedAt: '2024-10-01T09:00:00.000Z',
  };
}

describe('CaseStateCache', () => {
  it('folds each event onto the state the one before left, and keeps the streams in use when full', () => {
    const cache = new CaseStateCache(new InMemoryEventStore(), 2);
    expect(cache.stateNow(recorded('a', 0))).toBeDefined();
    expect(cache.stateNow(recorded('b', 0))).toBeDefined();
    const a1 = cache.stateNow(recorded('a', 1)); // `a` is used again: it outlives `b`
    expect(a1).toBeDefined();
    expect(cache.stateNow(recorded('c', 0))).toBeDefined();
    expect(cache.stateAt(caseStreamId('a'), 1)).toBe(a1);
    expect(cache.stateAt(caseStreamId('b'), 0)).toBeUndefined();
    expect(cache.stateAt(caseStreamId('c'), 0)).toBeDefined();
    // Not at hand: `b` was dropped, so its next event is not folded synchronously.
    expect(cache.stateNow(recorded('b', 1))).toBeUndefined();
    expect(cache.stateNow(recorded('a', 2))).toBeDefined();
  });

  it("takes the state after an event from the workflow's fold cache, without running the machine again", async () => {
    const store = new InMemoryEventStore();
    const streamId = caseStreamId('d');
    const events = [0, 1, 2].map((revision) => recorded('d', revision));
    for (const event of events) {
      await store.append(
        streamId,
        [{ id: randomUUID(), type: event.type, data: event.data, metadata: event.metadata }],
        {
          expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1,
        },
      );
    }
    const stored = await store.readStream(streamId);
    const cache = new CaseStateCache(store);
    // The view's cache holds revision 1; the fold cache (a command's load) holds revision 2.
    cache.stateNow(stored[0]);
    const before = cache.stateNow(stored[1]);
    const decided = (await foldCacheOf(store).load(store, caseAggregate, streamId)).state;
    const after = cache.stateNow(stored[2]);
    expect(after).toBe(decided);
    // The same state the machine gives from the view's own state.
    expect(after).toEqual(caseAggregate.apply!(before!, stored[2]));
    expect(cache.stateAt(streamId, 2)).toBe(decided);
  });
});

import { randomUUID } from 'node:crypto';
import {
  AppendResult,
  EventStore,
  IdempotencyConflictError,
  InvalidAppendError,
  NewEvent,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '@psp/event-store';

export interface OpenedStore {
  readonly store: EventStore;
  readonly cleanup?: () => Promise<void>;
}

export interface ContractOptions {
  /**
   * The store finds an event id in any stream (a global index). EventStoreDB only knows the ids
   * of the stream written to, so it cannot refuse an id reused in another stream.
   */
  readonly globalEventIds?: boolean;
  /**
   * A purge removes the deleted events from the global log at once. EventStoreDB hides them from
   * stream reads at once (`$tb`) but from `$all` only after a scavenge.
   */
  readonly purgeLeavesGlobalLog?: boolean;
}

/** A test event with a unique id and the envelope every event carries. */
export function testEvent(type = 'TestHappened', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      occurredAt: '2024-03-10T09:00:00.000Z',
      schemaVersion: 1,
      machineVersion: 'test@1',
      actor: { id: 'agent-1', role: 'association' },
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  };
}

const events = (n: number, type = 'TestHappened') =>
  Array.from({ length: n }, (_, i) => testEvent(type, { i }));

/**
 * The behaviour every adapter of the event-store port must show. Each adapter's spec calls it
 * with a function that opens a fresh store; stream ids carry a per-run prefix so the suite also
 * works on a shared server (the global-log checks only look at this run's streams).
 */
export function describeEventStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
  options: ContractOptions = { globalEventIds: true },
): void {
  /** An append's answer without the events it gave back (a retry writes nothing, so gives none). */
  const withoutRecorded = ({ recorded: _recorded, ...rest }: AppendResult) => rest;

  describe(`event-store contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: EventStore;
    const prefix = `t${randomUUID().slice(0, 8)}`;
    let counter = 0;
    const stream = (label = 'case') => `${prefix}-${label}-${(counter += 1)}`;
    const ours = (e: RecordedEvent) => e.streamId.startsWith(prefix);

    const readAllOurs = async (batch = 1000): Promise<RecordedEvent[]> => {
      const all: RecordedEvent[] = [];
      let after: bigint | undefined;
      for (;;) {
        const page = await store.readAll({ after, maxCount: batch });
        if (page.length === 0) return all.filter(ours);
        all.push(...page);
        after = page[page.length - 1].globalPosition;
      }
    };

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await store.close();
      await opened.cleanup?.();
    });

    describe('appending and reading a stream', () => {
      it('records the full envelope: id, type, data, metadata, stream, revision, position, recorded time', async () => {
        const id = stream();
        const event = testEvent('RequestOpened', { departement: '75', nested: { a: [1, 2] } });
        const result = await store.append(id, [event], { expectedRevision: 'no_stream' });
        expect(result).toMatchObject({ nextExpectedRevision: 0, written: true });

        const [read] = await store.readStream(id);
        expect(read).toMatchObject({
          id: event.id,
          type: 'RequestOpened',
          data: event.data,
          streamId: id,
          revision: 0,
          globalPosition: result.lastGlobalPosition,
        });
        expect(read.metadata).toEqual(event.metadata);
        expect(typeof read.globalPosition).toBe('bigint');
        expect(Number.isNaN(Date.parse(read.recordedAt))).toBe(false);
      });

      it('gives the events it wrote exactly as a read returns them, when it gives them (ADR 0026)', async () => {
        const id = stream();
        const events = [
          testEvent('RequestOpened', { departement: '75', nested: { a: [1, 2] }, gone: undefined }),
          testEvent('RequestSubmitted', { on: '2024-01-02' }),
        ];
        const result = await store.append(id, events, { expectedRevision: 'no_stream' });
        if (result.recorded === undefined) return; // an adapter that does not know them leaves it out
        expect(result.recorded).toEqual(await store.readStream(id));
        const more = await store.append(id, [testEvent('RequestSubmitted', { on: '2024-01-03' })], {
          expectedRevision: 1,
        });
        expect(more.recorded).toEqual(await store.readStream(id, { fromRevision: 2 }));
      });

      it('appends several events atomically with consecutive revisions', async () => {
        const id = stream();
        await store.append(id, events(2), { expectedRevision: 'no_stream' });
        const result = await store.append(id, events(3), { expectedRevision: 1 });
        expect(result.nextExpectedRevision).toBe(4);
        const read = await store.readStream(id);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(read.map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }, { i: 0 }, { i: 1 }, { i: 2 }]);
        const positions = read.map((e) => e.globalPosition);
        expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
        expect(await store.streamRevision(id)).toBe(4);
      });

      it('writes nothing of a batch that holds one invalid event', async () => {
        const id = stream();
        const bad = { ...testEvent(), id: 'not-a-uuid' };
        await expect(
          store.append(id, [testEvent(), bad], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(id, [], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        const twice = testEvent();
        await expect(store.append(id, [twice, twice], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        expect(await store.readStream(id)).toEqual([]);
        expect(await store.streamRevision(id)).toBe(-1);
      });

      it('reads forwards and backwards from a revision with a maximum count', async () => {
        const id = stream();
        await store.append(id, events(10), { expectedRevision: 'no_stream' });
        const revisions = (list: RecordedEvent[]) => list.map((e) => e.revision);
        expect(revisions(await store.readStream(id, { fromRevision: 4, maxCount: 3 }))).toEqual([4, 5, 6]);
        expect(revisions(await store.readStream(id, { direction: 'backwards', maxCount: 2 }))).toEqual([
          9, 8,
        ]);
        expect(revisions(await store.readStream(id, { direction: 'backwards', fromRevision: 3 }))).toEqual([
          3, 2, 1, 0,
        ]);
        expect(await store.readStream(stream('unknown'))).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it('refuses no_stream on an existing stream with the actual revision', async () => {
        const id = stream();
        await store.append(id, events(2), { expectedRevision: 'no_stream' });
        const error = await store.append(id, events(1), { expectedRevision: 'no_stream' }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: id, expected: 'no_stream', actual: 1 });
      });

      it('refuses a stale revision and writes nothing', async () => {
        const id = stream();
        await store.append(id, events(3), { expectedRevision: 'no_stream' });
        const error = await store.append(id, events(2), { expectedRevision: 1 }).catch((e) => e);
        expect(error).toMatchObject({ expected: 1, actual: 2 });
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('refuses a revision on a stream that does not exist, and stream_exists on it too', async () => {
        const id = stream();
        await expect(store.append(id, events(1), { expectedRevision: 0 })).rejects.toMatchObject({
          actual: -1,
        });
        await expect(
          store.append(id, events(1), { expectedRevision: 'stream_exists' }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(id)).toEqual([]);
      });

      it('accepts any revision with `any` and an existing stream with `stream_exists`', async () => {
        const id = stream();
        await store.append(id, events(1), { expectedRevision: 'any' });
        await store.append(id, events(1), { expectedRevision: 'any' });
        const result = await store.append(id, events(1), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(2);
      });
    });

    describe('idempotent retries', () => {
      it('answers a retried batch with the first result and writes nothing', async () => {
        const id = stream();
        const batch = events(3);
        const first = await store.append(id, batch, { expectedRevision: 'no_stream' });
        const again = await store.append(id, batch, { expectedRevision: 'no_stream' });
        expect(again).toEqual({ ...withoutRecorded(first), written: false });
        const later = await store.append(id, events(1), { expectedRevision: 2 });
        const stale = await store.append(id, batch, { expectedRevision: 'any' });
        expect(stale).toEqual({ ...withoutRecorded(first), written: false });
        expect(await store.readStream(id)).toHaveLength(4);
        expect(later.nextExpectedRevision).toBe(3);
      });

      it('refuses a batch that only partly matches what was written', async () => {
        const id = stream();
        const [a, b] = events(2);
        await store.append(id, [a], { expectedRevision: 'no_stream' });
        await expect(store.append(id, [a, b], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          IdempotencyConflictError,
        );
        expect(await store.readStream(id)).toHaveLength(1);
      });

      (options.globalEventIds ? it : it.skip)(
        'refuses an event id reused in another stream (global id index)',
        async () => {
          const [a] = events(1);
          await store.append(stream(), [a], { expectedRevision: 'no_stream' });
          const other = stream();
          await expect(store.append(other, [a], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
            IdempotencyConflictError,
          );
          expect(await store.readStream(other)).toEqual([]);
        },
      );

      it('keeps one copy when the same batch is sent many times at once', async () => {
        const id = stream();
        const batch = events(2);
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(id, batch, { expectedRevision: 'any' })),
        );
        expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
        const written = results.filter((r) => r.status === 'fulfilled' && r.value.written);
        expect(written).toHaveLength(1);
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('the global log', () => {
      it('reads every event of every stream once, in order, in batches', async () => {
        const ids = [stream('a'), stream('b'), stream('c')];
        for (let round = 0; round < 4; round += 1) {
          for (const id of ids) await store.append(id, events(2), { expectedRevision: 'any' });
        }
        const all = await readAllOurs(5);
        expect(all).toHaveLength(24);
        const positions = all.map((e) => e.globalPosition);
        for (let i = 1; i < positions.length; i += 1) expect(positions[i] > positions[i - 1]).toBe(true);
        expect(new Set(all.map((e) => e.id)).size).toBe(24);
        for (const id of ids) {
          expect(all.filter((e) => e.streamId === id).map((e) => e.revision)).toEqual([
            0, 1, 2, 3, 4, 5, 6, 7,
          ]);
        }
      });
    });

    describe('subscriptions', () => {
      const collect = (after: bigint | undefined, until: (seen: RecordedEvent[]) => boolean) => {
        const seen: RecordedEvent[] = [];
        let caughtUp = 0;
        let resolveDone!: () => void;
        const finished = new Promise<void>((resolve) => (resolveDone = resolve));
        const subscription = store.subscribeToAll({
          after,
          batchSize: 7,
          onEvent: (event) => {
            if (!ours(event)) return;
            seen.push(event);
            if (until(seen)) resolveDone();
          },
          onCaughtUp: () => {
            caughtUp += 1;
          },
          onError: (error) => {
            throw error;
          },
        });
        return { seen, finished, subscription, caughtUp: () => caughtUp };
      };

      it('catches up on history, then receives new events live', async () => {
        const id = stream();
        await store.append(id, events(20), { expectedRevision: 'no_stream' });
        const sub = collect(undefined, (seen) => seen.length === 25);
        await waitFor(() => sub.seen.length === 20 && sub.caughtUp() > 0);
        await store.append(id, events(5), { expectedRevision: 19 });
        await sub.finished;
        await sub.subscription.close();
        expect(sub.seen.map((e) => e.revision)).toEqual(Array.from({ length: 25 }, (_, i) => i));
      });

      it('resumes after its checkpoint with nothing missed and nothing twice', async () => {
        const id = stream();
        await store.append(id, events(10), { expectedRevision: 'no_stream' });
        const first = collect(undefined, (seen) => seen.length === 6);
        await first.finished;
        await first.subscription.close();
        const checkpoint = first.seen[5].globalPosition;

        await store.append(id, events(4), { expectedRevision: 9 });
        const second = collect(checkpoint, (seen) => seen.length === 8);
        await second.finished;
        await second.subscription.close();
        expect(second.seen.map((e) => e.revision)).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
      });

      it('stops and reports when the handler fails, so the checkpoint stays before the failed event', async () => {
        const id = stream();
        await store.append(id, events(3), { expectedRevision: 'no_stream' });
        const handled: number[] = [];
        const failure = new Promise<unknown>((resolve) => {
          store.subscribeToAll({
            onEvent: (event) => {
              if (!ours(event)) return;
              if (event.revision === 1) throw new Error('projection cannot handle this event');
              handled.push(event.revision);
            },
            onError: resolve,
          });
        });
        expect(String(await failure)).toContain('cannot handle');
        expect(handled).toEqual([0]);
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of many racing writers win each revision of one stream, with no gap', async () => {
        const id = stream();
        const writers = 16;
        const perWriter = 5;
        const won: number[] = [];
        let conflicts = 0;
        await Promise.all(
          Array.from({ length: writers }, async () => {
            for (let done = 0; done < perWriter;) {
              const revision = await store.streamRevision(id);
              try {
                const result = await store.append(id, [testEvent()], {
                  expectedRevision: revision < 0 ? 'no_stream' : revision,
                });
                won.push(result.nextExpectedRevision);
                done += 1;
              } catch (error) {
                if (!(error instanceof WrongExpectedRevisionError)) throw error;
                conflicts += 1;
              }
            }
          }),
        );
        const total = writers * perWriter;
        expect([...won].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
        const read = await store.readStream(id);
        expect(read.map((e) => e.revision)).toEqual(Array.from({ length: total }, (_, i) => i));
        expect(conflicts).toBeGreaterThan(0); // the writers really raced
      });

      it('delivers every event of many concurrent writers exactly once to a checkpointing subscriber', async () => {
        const streams = Array.from({ length: 12 }, () => stream('many'));
        const perStream = 15;
        const total = streams.length * perStream;
        const delivered: RecordedEvent[] = [];
        let checkpoint: bigint | undefined;
        const subscribe = () =>
          store.subscribeToAll({
            after: checkpoint,
            batchSize: 16,
            onEvent: async (event) => {
              if (ours(event)) delivered.push(event);
              checkpoint = event.globalPosition; // the consumer's checkpoint moves with its work
            },
          });
        let subscription = subscribe();
        const writing = Promise.all(
          streams.map(async (id) => {
            for (let i = 0; i < perStream; i += 1) {
              await store.append(id, [testEvent('Many', { i })], {
                expectedRevision: i === 0 ? 'no_stream' : i - 1,
              });
            }
          }),
        );
        // Restart the subscriber twice while the writers run, resuming from its checkpoint.
        for (let restart = 0; restart < 2; restart += 1) {
          await waitFor(() => delivered.length > (restart + 1) * 20 || delivered.length === total);
          await subscription.close();
          subscription = subscribe();
        }
        await writing;
        await waitFor(() => delivered.length >= total);
        await subscription.close();
        expect(delivered).toHaveLength(total);
        expect(new Set(delivered.map((e) => e.id)).size).toBe(total);
        for (let i = 1; i < delivered.length; i += 1) {
          expect(delivered[i].globalPosition > delivered[i - 1].globalPosition).toBe(true);
        }
        for (const id of streams) {
          expect(delivered.filter((e) => e.streamId === id).map((e) => e.data)).toEqual(
            Array.from({ length: perStream }, (_, i) => ({ i })),
          );
        }
      });
    });

    describe('retention purge (purgeStream)', () => {
      it('deletes events 0..n and appends the tombstone at n + 1, atomically, leaving other streams alone', async () => {
        const id = stream('purged');
        const other = stream('kept');
        await store.append(id, events(3), { expectedRevision: 'no_stream' });
        await store.append(other, events(2), { expectedRevision: 'no_stream' });
        const tombstone = testEvent('RecordPurged', { purgedThroughRevision: 2 });
        const result = await store.purgeStream(id, tombstone, { expectedRevision: 2 });
        expect(result).toMatchObject({ nextExpectedRevision: 3, written: true });

        const read = await store.readStream(id);
        expect(read.map((e) => [e.revision, e.type, e.data])).toEqual([
          [3, 'RecordPurged', { purgedThroughRevision: 2 }],
        ]);
        expect(read[0].globalPosition).toBe(result.lastGlobalPosition);
        expect(await store.streamRevision(id)).toBe(3);
        expect(await store.readStream(id, { direction: 'backwards' })).toHaveLength(1);
        expect(await store.readStream(id, { fromRevision: 3 })).toHaveLength(1);
        expect((await store.readStream(other)).map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }]);
        if (options.purgeLeavesGlobalLog !== true) {
          const global = (await readAllOurs()).filter((e) => e.streamId === id);
          expect(global.map((e) => e.type)).toEqual(['RecordPurged']);
        }
        // The stream goes on after its tombstone.
        await expect(store.append(id, events(1), { expectedRevision: 3 })).resolves.toMatchObject({
          nextExpectedRevision: 4,
        });
      });

      it('refuses a stale revision or a missing stream and deletes nothing', async () => {
        const id = stream('purged');
        await store.append(id, events(2), { expectedRevision: 'no_stream' });
        const tombstone = testEvent('RecordPurged', { purgedThroughRevision: 0 });
        await expect(store.purgeStream(id, tombstone, { expectedRevision: 0 })).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_REVISION',
          actual: 1,
        });
        await expect(
          store.purgeStream(stream('missing'), tombstone, { expectedRevision: 0 }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.purgeStream(id, tombstone, { expectedRevision: -1 })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('answers a retried purge with the first result and writes nothing', async () => {
        const id = stream('purged');
        await store.append(id, events(2), { expectedRevision: 'no_stream' });
        const tombstone = testEvent('RecordPurged', { purgedThroughRevision: 1 });
        const first = await store.purgeStream(id, tombstone, { expectedRevision: 1 });
        const again = await store.purgeStream(id, tombstone, { expectedRevision: 1 });
        expect(again).toEqual({ ...withoutRecorded(first), written: false });
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([2]);
      });
    });

    it('reports its health with its kind', async () => {
      const health = await store.health();
      expect(health).toMatchObject({ ok: true, kind: store.kind });
    });
  });
}

export async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

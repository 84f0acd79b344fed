import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EventStore, InMemoryEventStore, RecordedEvent, SqliteEventStore } from '@psp/event-store';
import { PspCaseEvent, decide, persistCase } from '@psp/psp-case';
import { activeCase, renewal, resumption } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { caseAggregate, caseStreamId } from '../cases/case-stream';
import { readCase } from '../cases/case-query';
import { CASE_RECORD_PURGED, CaseRecordPurgedError } from '../privacy/case-record-purged';
import { Decision, executeCommand } from './execute-command';
import { FoldCache, configureFoldCache, foldCacheOf } from './fold-cache';

/** Events a case may be offered, in an order that goes somewhere (the property also picks at random). */
const POOL: readonly PspCaseEvent[] = [
  ...activeCase(),
  ...renewal('2024-09-02'),
  ...renewal('2025-03-03'),
  ...resumption('2025-10-01'),
  ...activeCase('2024-04-01'),
];

const decideEvent =
  (event: PspCaseEvent) =>
  ({ state }: { state: Parameters<typeof decide>[0] }): Decision => {
    const decision = decide(state, event);
    return decision.accepted
      ? {
          accepted: true,
          events: [{ ...event, occurredAt: '2024-01-01T10:00:00.000Z' }],
          warnings: decision.warnings,
        }
      : { accepted: false, violations: decision.violations, kind: 'state' };
  };

/** A command's answer, as the caller sees it: the outcome, or the error's class and violations. */
async function answerOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await run() };
  } catch (error) {
    const e = error as Error & { violations?: unknown };
    return { error: e.constructor.name, message: e.message, violations: e.violations };
  }
}

/** What a stream holds, recording time aside (each store stamps its own). */
const contentOf = (events: readonly RecordedEvent[]) =>
  events.map(({ recordedAt: _recordedAt, globalPosition: _position, ...rest }) => rest);

type Step =
  | { kind: 'command'; pick: 'next' | number; commandId: number; fingerprint: number; writer: 0 | 1 }
  | { kind: 'read'; writer: 0 | 1 };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      pick: fc.oneof({ weight: 3, arbitrary: fc.constant('next' as const) }, fc.nat(POOL.length - 1)),
      // A small pool of command ids: retries, and the same key with another body (422).
      commandId: fc.nat(40),
      fingerprint: fc.nat(1),
      writer: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      writer: fc.constantFrom(0 as const, 1 as const),
    }),
  },
);

describe('the fold cache (ADR 0023)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'psp-fold-cache-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same answers as folding the whole stream on every command (random command sequences)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        run += 1;
        // Two processes writing to one file with their caches on; the reference folds everything each time.
        const file = join(dir, `cached-${run}.db`);
        const writers: EventStore[] = [
          new SqliteEventStore({ file, synchronous: 'OFF' }),
          new SqliteEventStore({ file, synchronous: 'OFF' }),
        ];
        // One keeps live machine snapshots, the other their persisted form (restored on each load).
        configureFoldCache(writers[1], { holdPersisted: true });
        const reference = new SqliteEventStore({ file: join(dir, `whole-${run}.db`), synchronous: 'OFF' });
        configureFoldCache(reference, { maxStreams: 0 });
        const streamId = caseStreamId(`case-${run}`);
        let next = 0;
        try {
          for (const s of steps) {
            if (s.kind === 'read') {
              const cached = await answerOf(async () => {
                const { state, revision } = await readCase(writers[s.writer], `case-${run}`);
                return { revision, state: persistCase(state) };
              });
              const whole = await answerOf(async () => {
                const { state, revision } = await readCase(reference, `case-${run}`);
                return { revision, state: persistCase(state) };
              });
              expect(cached).toEqual(whole);
              continue;
            }
            const event = POOL[s.pick === 'next' ? Math.min(next, POOL.length - 1) : s.pick];
            const context = {
              commandId: `command-${s.commandId}`,
              fingerprint: `body-${s.fingerprint}`,
              actor: { id: 'agent', role: 'association' },
            };
            const mode = event.type === 'RequestOpened' ? ('create' as const) : ('update' as const);
            const exec = (store: EventStore) => () =>
              executeCommand(store, caseAggregate, streamId, context, decideEvent(event), { mode });
            const cached = await answerOf(exec(writers[s.writer]));
            const whole = await answerOf(exec(reference));
            expect(cached).toEqual(whole);
            if ('ok' in (whole as object) && !(whole as { ok: { replayed: boolean } }).ok.replayed) next += 1;
          }
          expect(contentOf(await writers[0].readStream(streamId))).toEqual(
            contentOf(await reference.readStream(streamId)),
          );
        } finally {
          await Promise.all([...writers, reference].map((store) => store.close()));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('reads only the events after the cached revision, and applies only those', async () => {
    const store = new InMemoryEventStore();
    const cache = configureFoldCache(store, {});
    const streamId = caseStreamId('case-delta');
    const events = activeCase();
    for (const [i, event] of events.entries()) {
      await executeCommand(
        store,
        caseAggregate,
        streamId,
        { commandId: `c-${i}`, actor: { id: 'a', role: 'association' } },
        decideEvent(event),
        { mode: i === 0 ? 'create' : 'update' },
      );
    }
    // Each event applied once: the first when the second command loads the new stream, every
    // later one right after its command's append (ADR 0026): never the whole stream.
    expect(cache.stats.eventsApplied).toBe(events.length);
    const reads = jest.spyOn(store, 'readStream');
    const { revision } = await readCase(store, 'case-delta');
    expect(revision).toBe(events.length - 1);
    // This store object wrote every event and knows nothing else wrote since: no read (ADR 0026).
    expect(reads).not.toHaveBeenCalled();
    expect(cache.stats.eventsApplied).toBe(events.length);
  });

  it('skips the read only while no other connection has written: the event of another process is always seen', async () => {
    const file = join(dir, 'two-processes.db');
    const mine = new SqliteEventStore({ file, synchronous: 'OFF' });
    const theirs = new SqliteEventStore({ file, synchronous: 'OFF' });
    try {
      configureFoldCache(mine, {});
      const streamId = caseStreamId('case-shared');
      const [first, second, third] = activeCase();
      const run = (store: EventStore, event: PspCaseEvent, i: number) =>
        executeCommand(
          store,
          caseAggregate,
          streamId,
          { commandId: `shared-${i}`, actor: { id: 'a', role: 'association' } },
          decideEvent(event),
          { mode: i === 0 ? 'create' : 'update' },
        );
      await run(mine, first, 0);
      await readCase(mine, 'case-shared'); // cached at revision 0
      const reads = jest.spyOn(mine, 'readStream');
      expect((await readCase(mine, 'case-shared')).revision).toBe(0);
      expect(reads).not.toHaveBeenCalled(); // it wrote the stream last, nobody else wrote since
      await run(theirs, second, 1); // another connection (another process) writes the case
      expect((await readCase(mine, 'case-shared')).revision).toBe(1);
      expect(reads).toHaveBeenCalledWith(streamId, { fromRevision: 1 });
      reads.mockClear();
      await run(mine, third, 2); // decided on revision 1, written by this connection
      expect((await readCase(mine, 'case-shared')).revision).toBe(2);
      expect(reads).toHaveBeenCalledTimes(1); // the command's own load read revision 1's news; then none
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it('answers a retried command from its index without reading the stream from the start', async () => {
    const store = new InMemoryEventStore();
    configureFoldCache(store, {});
    const streamId = caseStreamId('case-retry');
    const ctx = { commandId: 'open-1', fingerprint: 'f', actor: { id: 'a', role: 'association' } };
    const first = await executeCommand(store, caseAggregate, streamId, ctx, decideEvent(POOL[0]), {
      mode: 'create',
    });
    await executeCommand(
      store,
      caseAggregate,
      streamId,
      { ...ctx, commandId: 'aps-1' },
      decideEvent(POOL[1]),
      { mode: 'update' },
    );
    const reads = jest.spyOn(store, 'readStream');
    const again = await executeCommand(store, caseAggregate, streamId, ctx, decideEvent(POOL[0]), {
      mode: 'create',
    });
    expect(again).toEqual({ ...first, replayed: true });
    expect(reads.mock.calls.every(([, options]) => (options?.fromRevision ?? 0) > 0)).toBe(true);
  });

  it('does not serve a state folded by another machine version', async () => {
    const store = new InMemoryEventStore();
    const cache = configureFoldCache(store, {});
    const streamId = caseStreamId('case-version');
    await executeCommand(
      store,
      caseAggregate,
      streamId,
      { commandId: 'open', actor: { id: 'a', role: 'association' } },
      decideEvent(POOL[0]),
      { mode: 'create' },
    );
    await cache.load(store, caseAggregate, streamId);
    const applied = cache.stats.eventsApplied;
    const v2 = { ...caseAggregate, machineVersion: 'psp-case@2' };
    const loaded = await cache.load(store, v2, streamId);
    expect(loaded.revision).toBe(0);
    // Folded again from the first event under the other version.
    expect(cache.stats.eventsApplied).toBe(applied + 1);
  });

  it('a case purged behind a warm cache reads as purged (410), not as its cached state', async () => {
    const store = new InMemoryEventStore();
    configureFoldCache(store, {});
    const streamId = caseStreamId('case-purged');
    await executeCommand(
      store,
      caseAggregate,
      streamId,
      { commandId: 'open', actor: { id: 'a', role: 'association' } },
      decideEvent(POOL[0]),
      { mode: 'create' },
    );
    await readCase(store, 'case-purged');
    await store.purgeStream(
      streamId,
      {
        id: '00000000-0000-4000-8000-000000000001',
        type: CASE_RECORD_PURGED,
        data: { purgedThroughRevision: 0, purgedOn: '2031-01-01' },
        metadata: { occurredAt: '2031-01-01T00:00:00.000Z', schemaVersion: 1 },
      },
      { expectedRevision: 0 },
    );
    await expect(readCase(store, 'case-purged')).rejects.toBeInstanceOf(CaseRecordPurgedError);
  });

  it('keeps at most its stated number of streams, least recently used dropped first', async () => {
    const store = new InMemoryEventStore();
    const cache = new FoldCache({ maxStreams: 2 });
    for (const id of ['a', 'b', 'c']) {
      await executeCommand(
        store,
        caseAggregate,
        caseStreamId(id),
        { commandId: `open-${id}`, actor: { id: 'a', role: 'association' } },
        decideEvent(POOL[0]),
        { mode: 'create' },
      );
      await cache.load(store, caseAggregate, caseStreamId(id));
    }
    expect(cache.size).toBe(2);
    expect(foldCacheOf(store)).not.toBe(cache);
  });
});

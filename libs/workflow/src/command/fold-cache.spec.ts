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
import { IdempotencyKeyReusedError } from './command-errors';
import { Decision, executeCommand } from './execute-command';
import { FoldCache, configureFoldCache, foldCacheOf } from './fold-cache';
import { machineDecision } from '../../testing/machine-decision';

/** Events a case may be offered, in an order that goes somewhere (the property also picks at random). */
const POOL: readonly PspCaseEvent[] = [
  ...activeCase(),
  ...renewal('2024-09-02'),
  ...renewal('2025-03-03'),
  ...resumption('2025-10-01'),
  ...activeCase('2024-04-01'),
];

const decideEvent = (event: PspCaseEvent) => machineDecision(event);

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

type Writer = 0 | 1 | 2;

type Step =
  | { kind: 'command'; pick: 'next' | number; commandId: number; fingerprint: number; writer: Writer }
  | { kind: 'read'; writer: Writer }
  /** Writer 2's process restarts: an empty fold cache, the durable snapshots in the file (ADR 0027). */
  | { kind: 'restart'; settle: boolean };

const writer = fc.constantFrom(0 as const, 1 as const, 2 as const);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('command' as const),
      pick: fc.oneof({ weight: 3, arbitrary: fc.constant('next' as const) }, fc.nat(POOL.length - 1)),
      // A small pool of command ids: retries, and the same key with another body (422).
      commandId: fc.nat(40),
      fingerprint: fc.nat(1),
      writer,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('read' as const), writer }),
  },
  {
    weight: 3,
    // Mostly after the snapshot saves are done; sometimes in the middle of them (a save lost).
    arbitrary: fc.record({
      kind: fc.constant('restart' as const),
      settle: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)),
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
    const snapshotStats = { loads: 0, written: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        run += 1;
        // Two processes writing to one file with their caches on; the reference folds everything each time.
        const file = join(dir, `cached-${run}.db`);
        // A third process restarts now and then (an empty cache) and snapshots every 2 events, so
        // its cold loads start from a durable snapshot (ADR 0027).
        const restarting = () => {
          const store = new SqliteEventStore({ file, synchronous: 'OFF' });
          configureFoldCache(store, { snapshotEvery: 2 });
          return store;
        };
        const writers: EventStore[] = [
          new SqliteEventStore({ file, synchronous: 'OFF' }),
          new SqliteEventStore({ file, synchronous: 'OFF' }),
          restarting(),
        ];
        // One keeps live machine snapshots, the other their persisted form (restored on each load);
        // both write durable snapshots too, every 3 events (the restarting process reads them).
        configureFoldCache(writers[0], { snapshotEvery: 3 });
        configureFoldCache(writers[1], { holdPersisted: true, snapshotEvery: 3 });
        const countSnapshots = () => {
          const { stats } = foldCacheOf(writers[2]);
          snapshotStats.loads += stats.snapshotLoads;
          snapshotStats.written += stats.snapshotsWritten;
        };
        const reference = new SqliteEventStore({ file: join(dir, `whole-${run}.db`), synchronous: 'OFF' });
        configureFoldCache(reference, { maxStreams: 0 });
        const streamId = caseStreamId(`case-${run}`);
        let next = 0;
        try {
          for (const s of steps) {
            if (s.kind === 'restart') {
              if (s.settle) await foldCacheOf(writers[2]).settled();
              countSnapshots();
              await writers[2].close();
              writers[2] = restarting();
              continue;
            }
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
            // Whether the decision ran: a retry must never be decided again (answered from the
            // command index, the snapshot's included), so both stores decide exactly the same commands.
            const decided: EventStore[] = [];
            const exec = (store: EventStore) => () =>
              executeCommand(
                store,
                caseAggregate,
                streamId,
                context,
                (input) => {
                  decided.push(store);
                  return decideEvent(event)(input);
                },
                { mode },
              );
            const cached = await answerOf(exec(writers[s.writer]));
            const whole = await answerOf(exec(reference));
            expect(cached).toEqual(whole);
            expect(decided.includes(writers[s.writer])).toBe(decided.includes(reference));
            if ('ok' in (whole as object) && !(whole as { ok: { replayed: boolean } }).ok.replayed) next += 1;
          }
          expect(contentOf(await writers[0].readStream(streamId))).toEqual(
            contentOf(await reference.readStream(streamId)),
          );
        } finally {
          countSnapshots();
          await Promise.all([...writers, reference].map((store) => store.close()));
        }
      }),
      { numRuns: 60 },
    );
    // The property went through the snapshot path (retries after a restart are rarer in random
    // sequences: the next test makes one on purpose).
    expect(snapshotStats.written).toBeGreaterThan(0);
    expect(snapshotStats.loads).toBeGreaterThan(0);
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

describe('durable snapshots (ADR 0027)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'psp-snapshots-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const actor = { id: 'agent', role: 'association' };

  /** The active case's events, one command each (`c-0`, `c-1`, …), fingerprint `f`. */
  async function writeCase(store: EventStore, caseId: string) {
    const outcomes = [];
    for (const [i, event] of activeCase().entries()) {
      outcomes.push(
        await executeCommand(
          store,
          caseAggregate,
          caseStreamId(caseId),
          { commandId: `c-${i}`, fingerprint: 'f', actor },
          decideEvent(event),
          { mode: i === 0 ? 'create' : 'update' },
        ),
      );
    }
    await foldCacheOf(store).settled();
    return outcomes;
  }

  it('after a restart, an old command id retried is answered from the snapshot: a replay, never decided again', async () => {
    const file = join(dir, 'restart.db');
    const first = new SqliteEventStore({ file, synchronous: 'OFF' });
    configureFoldCache(first, { snapshotEvery: 2 });
    const outcomes = await writeCase(first, 'case-restart');
    expect(foldCacheOf(first).stats.snapshotsWritten).toBeGreaterThan(0);
    await first.close();

    const restarted = new SqliteEventStore({ file, synchronous: 'OFF' });
    const cache = configureFoldCache(restarted, { snapshotEvery: 2 });
    const reads = jest.spyOn(restarted, 'readStream');
    const snapshot = await restarted.snapshots.readSnapshot(
      caseStreamId('case-restart'),
      caseAggregate.machineVersion,
    );
    expect(snapshot!.revision).toBeGreaterThan(0);
    try {
      const never = (): Decision => {
        throw new Error('a retry was decided again');
      };
      const again = await executeCommand(
        restarted,
        caseAggregate,
        caseStreamId('case-restart'),
        { commandId: 'c-0', fingerprint: 'f', actor },
        never,
        { mode: 'create' },
      );
      expect(again).toEqual({ ...outcomes[0], replayed: true });
      // The same key with another body: refused from the snapshot's index too.
      await expect(
        executeCommand(
          restarted,
          caseAggregate,
          caseStreamId('case-restart'),
          { commandId: 'c-1', fingerprint: 'other', actor },
          never,
          { mode: 'update' },
        ),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(cache.stats.snapshotLoads).toBe(1);
      // Only the events from the snapshot's revision on were read and applied.
      expect(
        reads.mock.calls.every(([, options]) => (options?.fromRevision ?? 0) >= snapshot!.revision),
      ).toBe(true);
      expect(cache.stats.eventsApplied).toBe(outcomes.length - 1 - snapshot!.revision);
      // And the state is the whole fold's.
      const { state } = await readCase(restarted, 'case-restart');
      const whole = caseAggregate.fold(await restarted.readStream(caseStreamId('case-restart')));
      expect(persistCase(state)).toStrictEqual(persistCase(whole));
    } finally {
      await restarted.close();
    }
  });

  it('writes a snapshot every N events, after the command, and loads a cold stream from it', async () => {
    const store = new InMemoryEventStore();
    const cache = configureFoldCache(store, { snapshotEvery: 3 });
    const saves = jest.spyOn(store.snapshots, 'saveSnapshot');
    const outcomes = await writeCase(store, 'case-every');
    const revisions = saves.mock.calls.map(([snapshot]) => snapshot.revision);
    // The first load of the new stream folds revision 0; then one every 3 events.
    expect(revisions.every((r, i) => i === 0 || r - revisions[i - 1] >= 3)).toBe(true);
    expect(revisions.length).toBe(Math.floor(outcomes.length / 3));
    expect(cache.stats.snapshotErrors).toBe(0);

    const cold = configureFoldCache(store, { snapshotEvery: 3 });
    const { revision } = await readCase(store, 'case-every');
    expect(revision).toBe(outcomes.length - 1);
    expect(cold.stats.snapshotLoads).toBe(1);
    expect(cold.stats.eventsApplied).toBe(revision - revisions[revisions.length - 1]);
  });

  it("ignores another machine version's snapshot", async () => {
    const store = new InMemoryEventStore();
    configureFoldCache(store, { snapshotEvery: 2 });
    const outcomes = await writeCase(store, 'case-version');
    const v2 = { ...caseAggregate, machineVersion: 'psp-case@2' };
    const cache = configureFoldCache(store, { snapshotEvery: 0 });
    const loaded = await cache.load(store, v2, caseStreamId('case-version'));
    expect(loaded.revision).toBe(outcomes.length - 1);
    expect(cache.stats.snapshotLoads).toBe(0);
    expect(cache.stats.eventsApplied).toBe(outcomes.length);
  });

  it('folds from the first event when the snapshot is not of the event at its revision, or cannot be restored', async () => {
    const store = new InMemoryEventStore();
    configureFoldCache(store, { snapshotEvery: 2 });
    const outcomes = await writeCase(store, 'case-wrong');
    const streamId = caseStreamId('case-wrong');
    const stored = (await store.snapshots.readSnapshot(streamId, caseAggregate.machineVersion))!;
    const whole = persistCase(caseAggregate.fold(await store.readStream(streamId)));
    for (const wrong of [
      { ...stored, eventId: '00000000-0000-4000-8000-000000000000' },
      { ...stored, revision: stored.revision + 1 },
      { ...stored, state: { machineVersion: 'psp-case@0' } },
      { ...stored, commands: 'not an index' },
    ]) {
      jest.spyOn(store.snapshots, 'readSnapshot').mockResolvedValueOnce(wrong);
      const cache = configureFoldCache(store, {});
      const { state, revision } = await readCase(store, 'case-wrong');
      expect(cache.stats.snapshotsRejected).toBe(1);
      expect(cache.stats.snapshotLoads).toBe(0);
      expect(revision).toBe(outcomes.length - 1);
      expect(persistCase(state)).toStrictEqual(whole);
    }
  });

  it('a purged case has no snapshot left, and reads as purged from a cold cache', async () => {
    const store = new InMemoryEventStore();
    configureFoldCache(store, { snapshotEvery: 2 });
    const outcomes = await writeCase(store, 'case-purge');
    const streamId = caseStreamId('case-purge');
    expect(await store.snapshots.readSnapshot(streamId, caseAggregate.machineVersion)).toBeDefined();
    await store.purgeStream(
      streamId,
      {
        id: '00000000-0000-4000-8000-000000000002',
        type: CASE_RECORD_PURGED,
        data: { purgedThroughRevision: outcomes.length - 1, purgedOn: '2031-01-01' },
        metadata: { occurredAt: '2031-01-01T00:00:00.000Z', schemaVersion: 1 },
      },
      { expectedRevision: outcomes.length - 1 },
    );
    expect(await store.snapshots.readSnapshot(streamId, caseAggregate.machineVersion)).toBeUndefined();
    configureFoldCache(store, { snapshotEvery: 2 });
    await expect(readCase(store, 'case-purge')).rejects.toBeInstanceOf(CaseRecordPurgedError);
  });

  it('a persisted case survives the JSON a snapshot row holds, for every prefix of a long case', async () => {
    // SQLite: the row holds JSON text (the in-memory store's structured clone would keep undefined).
    const store = new SqliteEventStore({ file: join(dir, 'json.db'), synchronous: 'OFF' });
    const cache = configureFoldCache(store, { snapshotEvery: 1 });
    const streamId = caseStreamId('case-json');
    let state = caseAggregate.initial!();
    let i = 0;
    for (const event of POOL) {
      const decision = decide(state, event);
      if (!decision.accepted) continue;
      state = caseAggregate.apply!(state, {
        id: '00000000-0000-4000-8000-000000000003',
        type: event.type,
        data: event.data,
        metadata: { occurredAt: '2024-01-01T10:00:00.000Z', schemaVersion: event.schemaVersion },
        streamId: 'x',
        revision: 0,
        globalPosition: 0n,
        recordedAt: '2024-01-01T10:00:00.000Z',
      } as RecordedEvent);
      // Through a real snapshot: written by one cache, read by a cold one.
      await executeCommand(
        store,
        caseAggregate,
        streamId,
        { commandId: `j-${i}`, actor },
        decideEvent(event),
        { mode: i === 0 ? 'create' : 'update' },
      );
      i += 1;
      await cache.load(store, caseAggregate, streamId);
      await cache.settled();
      const cold = new FoldCache({ snapshotEvery: 1 });
      const loaded = await cold.load(store, caseAggregate, streamId);
      expect(cold.stats.snapshotLoads).toBe(1);
      expect(cold.stats.eventsApplied).toBe(0);
      // Strict: an undefined property is given back as one (JSON alone would drop it).
      expect(persistCase(loaded.state)).toStrictEqual(persistCase(state));
    }
    expect(i).toBeGreaterThan(5);
    await store.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, InMemoryEventStore, SqliteEventStore } from '@psp/event-store';
import { freshSchemaUrl, testEvent } from '@psp/event-store/testing';
import { PostgresReadModel } from '../read-model/postgres-read-model';
import { ReadModelDatabase } from '../read-model/read-model-database';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { Projection } from './projection';
import { Projector } from './projector';

/** Counts events per stream; an event of type `Poison` makes it throw. */
const counter = (version = 1): Projection => ({
  name: 'stream_counts',
  version,
  createTables: (tx, table) =>
    tx.run(
      `CREATE TABLE IF NOT EXISTS ${table()} (stream_id TEXT PRIMARY KEY, events BIGINT NOT NULL, weight BIGINT NOT NULL)`,
    ),
  handles: () => true,
  apply: async (tx, event, table) => {
    await tx.run(
      `INSERT INTO ${table()} (stream_id, events, weight) VALUES (?, 1, ?)
       ON CONFLICT (stream_id) DO UPDATE SET events = ${table()}.events + 1, weight = ${table()}.weight + excluded.weight`,
      [event.streamId, version],
    );
    if (event.type === 'Poison') throw new Error('this view cannot handle Poison');
  },
});

const readModels: [string, () => Promise<{ db: ReadModelDatabase; cleanup: () => Promise<void> }>][] = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'psp-rm-'));
      return {
        db: new SqliteReadModel(join(dir, 'read.sqlite')),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const schema = freshSchemaUrl('rm');
      return { db: await PostgresReadModel.open(schema.url), cleanup: schema.drop };
    },
  ],
];

describe.each(readModels)('projector on a %s read model', (_name, open) => {
  let store: EventStore;
  let db: ReadModelDatabase;
  let cleanup: () => Promise<void>;
  let projector: Projector | undefined;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    ({ db, cleanup } = await open());
  });
  afterEach(async () => {
    await projector?.stop();
    projector = undefined;
    await db.close();
    await cleanup();
  });

  const counts = () =>
    db.all<{ stream_id: string; events: number | string }>(
      'SELECT stream_id, events FROM rv_stream_counts ORDER BY stream_id',
    );

  it('projects history, then live events, through the stable view name', async () => {
    await store.append('a', [testEvent(), testEvent()], { expectedRevision: 'no_stream' });
    projector = new Projector(store, db, [counter()]);
    await projector.start();
    await projector.waitUntilCaughtUp();
    await store.append('b', [testEvent()], { expectedRevision: 'no_stream' });
    await projector.waitUntilCaughtUp();
    expect((await counts()).map((r) => [r.stream_id, Number(r.events)])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  /** Polls the view (without nudging the projector) until a stream has `events` events. */
  const counted = async (streamId: string, events: number) => {
    for (let i = 0; i < 500; i += 1) {
      if (Number((await counts()).find((r) => r.stream_id === streamId)?.events) === events) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${streamId} never reached ${events} events`);
  };
  const storedCheckpoint = async () => {
    const [row] = await db.all<{ position: string; events: number | string }>(
      `SELECT position, events FROM projection_checkpoints WHERE projection = 'stream_counts'`,
    );
    return { position: row.position, events: Number(row.events) };
  };

  it('coalesces nudges: the first after a quiet spell is read at once, those within the window after it share one read', async () => {
    projector = new Projector(store, db, [counter()], { coalesceMs: 1_500, idleMs: 60_000 });
    await projector.start();
    await projector.waitUntilCaughtUp();
    await new Promise((resolve) => setTimeout(resolve, 1_600)); // a quiet spell, longer than the window
    const quiet = projector.logReads;
    const nudgedAt = Date.now();
    await store.append('a', [testEvent()], { expectedRevision: 'no_stream' });
    projector.nudge();
    await counted('a', 1);
    // Woken at once, not at the end of the window.
    expect(Date.now() - nudgedAt).toBeLessThan(1_000);
    expect(projector.logReads - quiet).toBe(1);
    const first = projector.logReads;
    // Three commands, each nudging in a turn of its own, within the window: one read for all three.
    for (const stream of ['b', 'c', 'd']) {
      await store.append(stream, [testEvent()], { expectedRevision: 'no_stream' });
      projector.nudge();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await counted('d', 1);
    expect(projector.logReads - first).toBe(1);
    expect((await counts()).map((r) => r.stream_id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets a batch with nothing for the view pass without a transaction, and writes its checkpoint later with an exact count', async () => {
    const choosy: Projection = { ...counter(), handles: (type) => type !== 'Ignored' };
    await store.append('a', [testEvent()], { expectedRevision: 'no_stream' });
    projector = new Projector(store, db, [choosy]);
    await projector.start();
    await projector.waitUntilCaughtUp();
    expect(await storedCheckpoint()).toEqual({ position: '1', events: 1 });
    await store.append('x', [testEvent('Ignored'), testEvent('Ignored')], { expectedRevision: 'no_stream' });
    await projector.waitUntilCaughtUp();
    expect((await projector.status())[0]).toMatchObject({ position: '3', events: 3 });
    // Nothing written for those two: the stored checkpoint is where the last rows were written.
    expect(await storedCheckpoint()).toEqual({ position: '1', events: 1 });
    // The view's next rows carry the checkpoint, and the events passed by are counted.
    await store.append('a', [testEvent()], { expectedRevision: 0 });
    await projector.waitUntilCaughtUp();
    expect(await storedCheckpoint()).toEqual({ position: '4', events: 4 });
    await store.append('x', [testEvent('Ignored')], { expectedRevision: 1 });
    await projector.waitUntilCaughtUp();
    expect(await storedCheckpoint()).toEqual({ position: '4', events: 4 });
    // Caught up and quiet: stored within about a second, for the processes that read it (health).
    for (let i = 0; i < 300 && (await storedCheckpoint()).position !== '5'; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await storedCheckpoint()).toEqual({ position: '5', events: 5 });
    // Stopping writes what was kept in memory; a restart goes on from it, each event counted once.
    await store.append('x', [testEvent('Ignored')], { expectedRevision: 2 });
    await projector.waitUntilCaughtUp();
    await projector.stop();
    expect(await storedCheckpoint()).toEqual({ position: '6', events: 6 });
    await store.append('a', [testEvent()], { expectedRevision: 1 });
    projector = new Projector(store, db, [choosy]);
    await projector.start();
    await projector.waitUntilCaughtUp();
    expect((await projector.status())[0]).toMatchObject({ position: '7', events: 7 });
    expect((await counts()).map((r) => [r.stream_id, Number(r.events)])).toEqual([['a', 3]]);
  });

  it('resumes from its checkpoint after a restart: each event counted once', async () => {
    await store.append('a', [testEvent(), testEvent(), testEvent()], { expectedRevision: 'no_stream' });
    projector = new Projector(store, db, [counter()], { batchSize: 2 });
    await projector.start();
    await projector.waitUntilCaughtUp();
    await projector.stop();
    await store.append('a', [testEvent()], { expectedRevision: 2 });
    projector = new Projector(store, db, [counter()], { batchSize: 2 });
    await projector.start();
    await projector.waitUntilCaughtUp();
    expect(Number((await counts())[0].events)).toBe(4);
  });

  it('parks the stream of an event the view cannot handle, alerts, and keeps projecting the others', async () => {
    const alerts: string[] = [];
    await store.append('bad', [testEvent(), testEvent('Poison'), testEvent()], {
      expectedRevision: 'no_stream',
    });
    await store.append('good', [testEvent(), testEvent()], { expectedRevision: 'no_stream' });
    projector = new Projector(store, db, [counter()], {
      onParked: (p) => alerts.push(`${p.projection}:${p.streamId}`),
    });
    await projector.start();
    await projector.waitUntilCaughtUp();
    expect((await counts()).map((r) => [r.stream_id, Number(r.events)])).toEqual([
      ['bad', 1],
      ['good', 2],
    ]);
    expect(alerts).toEqual(['stream_counts:bad']);
    expect((await projector.status())[0]).toMatchObject({ parkedStreams: 1, caughtUp: true });
  });

  it('a view with a batch fast path (applyAll) that fails falls back to event by event: only the bad stream is parked', async () => {
    const batched: Projection = {
      ...counter(),
      applyAll: async (tx, events, table) => {
        for (const event of events) await counter().apply(tx, event, table);
      },
    };
    await store.append('bad', [testEvent(), testEvent('Poison'), testEvent()], {
      expectedRevision: 'no_stream',
    });
    await store.append('good', [testEvent(), testEvent()], { expectedRevision: 'no_stream' });
    projector = new Projector(store, db, [batched]);
    await projector.start();
    await projector.waitUntilCaughtUp();
    // Nothing of the failed batch attempt is left: each event counted once.
    expect((await counts()).map((r) => [r.stream_id, Number(r.events)])).toEqual([
      ['bad', 1],
      ['good', 2],
    ]);
    expect((await projector.status())[0]).toMatchObject({ parkedStreams: 1, events: 5 });
  });

  it('follows a version swapped in by another process (the CLI rebuild) and resumes an unfinished rebuild', async () => {
    for (let i = 0; i < 12; i += 1)
      await store.append(`s${i % 2}`, [testEvent()], { expectedRevision: 'any' });
    projector = new Projector(store, db, [counter()], { batchSize: 5 });
    await projector.start();
    await projector.waitUntilCaughtUp();
    // Another process rebuilds into version 2 and swaps it in.
    const other = new Projector(store, db, [counter()], { batchSize: 5 });
    expect(await other.rebuild('stream_counts')).toBe(2);
    await other.stop();
    await store.append('s0', [testEvent()], { expectedRevision: 'any' });
    // The running projector hands over to a runner of version 2, which gets the new event.
    for (
      let i = 0;
      i < 200 && Number((await counts()).find((r) => r.stream_id === 's0')?.events) !== 7;
      i += 1
    ) {
      projector.nudge();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await counts()).map((r) => Number(r.events))).toEqual([7, 6]);
    expect((await projector.status()).map((s) => s.version)).toEqual([2]);
    // An unfinished version 3 (a killed rebuild) is resumed, not started again as version 4.
    await db.run(
      `INSERT INTO projection_checkpoints (projection, version, position, events, updated_at) VALUES ('stream_counts', 3, '0', 0, 'x')`,
    );
    await db.run(
      'CREATE TABLE rv_stream_counts_v3 (stream_id TEXT PRIMARY KEY, events BIGINT NOT NULL, weight BIGINT NOT NULL)',
    );
    expect(await projector.rebuild('stream_counts')).toBe(3);
    expect((await counts()).map((r) => Number(r.events))).toEqual([7, 6]);
  });

  it('rebuilds into a new version while the old one serves, then swaps', async () => {
    for (let i = 0; i < 30; i += 1)
      await store.append(`s${i % 3}`, [testEvent()], { expectedRevision: 'any' });
    projector = new Projector(store, db, [counter()], { batchSize: 7 });
    await projector.start();
    await projector.waitUntilCaughtUp();
    const progress: number[] = [];
    const version = await projector.rebuild('stream_counts', (done) => progress.push(done));
    expect(version).toBe(2);
    expect(progress[progress.length - 1]).toBe(30);
    expect(await projector.activeVersion('stream_counts')).toBe(2);
    expect((await counts()).map((r) => Number(r.events))).toEqual([10, 10, 10]);
  });
});

describe('projector over a real SQLite event store', () => {
  it('follows appends made by the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psp-rm-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const db = new SqliteReadModel(join(dir, 'read.sqlite'));
    const projector = new Projector(store, db, [counter()]);
    try {
      await projector.start();
      await store.append('a', [testEvent()], { expectedRevision: 'no_stream' });
      await projector.waitUntilCaughtUp();
      expect(await db.all('SELECT stream_id FROM rv_stream_counts')).toEqual([{ stream_id: 'a' }]);
    } finally {
      await projector.stop();
      await db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

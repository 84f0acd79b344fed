import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  describeEventStoreContract,
  describeSnapshotStoreContract,
  testEvent,
} from '@psp/event-store/testing';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('sqlite (file, WAL, synchronous FULL, group commit)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-sqlite-'));
  return {
    store: new SqliteEventStore({ file: join(dir, 'events.sqlite') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeEventStoreContract('sqlite (file, one commit per append)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-sqlite-'));
  return {
    store: new SqliteEventStore({ file: join(dir, 'events.sqlite'), groupCommit: false }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeSnapshotStoreContract('sqlite (file, WAL, synchronous FULL, group commit)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-sqlite-'));
  return {
    store: new SqliteEventStore({ file: join(dir, 'events.sqlite') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeSnapshotStoreContract('sqlite (file, one commit per append)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-sqlite-'));
  return {
    store: new SqliteEventStore({ file: join(dir, 'events.sqlite'), groupCommit: false }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('sqlite snapshots (ADR 0027)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'psp-sqlite-snap-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds its table as migration 2 to a file of migration 1, leaving the events alone', async () => {
    const file = join(dir, 'events.sqlite');
    // A file as the previous release left it: migration 1 only.
    const old = new SqliteEventStore({ file });
    await old.append('s-1', [testEvent()], { expectedRevision: 'no_stream' });
    await old.close();
    const db = new Database(file);
    db.exec('DROP TABLE snapshots; DELETE FROM schema_migrations WHERE version = 2');
    db.close();
    const store = new SqliteEventStore({ file });
    try {
      expect(await store.readStream('s-1')).toHaveLength(1);
      const [event] = await store.readStream('s-1');
      await store.snapshots.saveSnapshot({
        streamId: 's-1',
        machineVersion: 'test@1',
        revision: 0,
        eventId: event.id,
        state: {},
        commands: [],
      });
      expect((await store.snapshots.readSnapshot('s-1', 'test@1'))?.revision).toBe(0);
    } finally {
      await store.close();
    }
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([
      1, 2,
    ]);
    check.close();
  });

  it('a save with no append to ride with commits alone and is read by another process', async () => {
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ file });
    const other = new SqliteEventStore({ file });
    try {
      await store.append('s-2', [testEvent()], { expectedRevision: 'no_stream' });
      const [event] = await store.readStream('s-2');
      await store.snapshots.saveSnapshot({
        streamId: 's-2',
        machineVersion: 'test@1',
        revision: 0,
        eventId: event.id,
        state: { n: 1 },
        commands: [],
      });
      expect((await other.snapshots.readSnapshot('s-2', 'test@1'))?.state).toEqual({ n: 1 });
      // The connection is back to syncing every commit.
      expect((await store.health()).details.synchronous).toBe('FULL');
    } finally {
      await store.close();
      await other.close();
    }
  });

  it("a purge leaves no byte of the stream's snapshot in the file (secure_delete, checkpoint)", async () => {
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ file });
    const marker = `snapshot-secret-${randomUUID()}`;
    try {
      await store.append('s-3', [testEvent(), testEvent()], { expectedRevision: 'no_stream' });
      const events = await store.readStream('s-3');
      await store.snapshots.saveSnapshot({
        streamId: 's-3',
        machineVersion: 'test@1',
        revision: 1,
        eventId: events[1].id,
        state: { context: { personName: marker } },
        commands: [],
      });
      await store.snapshots.saveSnapshot({
        streamId: 's-3',
        machineVersion: 'test@0',
        revision: 0,
        eventId: events[0].id,
        state: { context: { personName: marker } },
        commands: [],
      });
      await store.purgeStream(
        's-3',
        {
          id: randomUUID(),
          type: 'CaseRecordPurged',
          data: {},
          metadata: { occurredAt: '2031-01-01T00:00:00.000Z', schemaVersion: 1 },
        },
        { expectedRevision: 1 },
      );
      expect(await store.snapshots.readSnapshot('s-3', 'test@1')).toBeUndefined();
    } finally {
      await store.close();
    }
    expect(readFileSync(file).includes(marker)).toBe(false);
  });
});

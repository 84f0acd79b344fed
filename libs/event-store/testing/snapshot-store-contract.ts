import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, SnapshotStore, StreamSnapshot } from '@psp/event-store';
import { OpenedStore, testEvent } from './event-store-contract';

/** A tombstone as the retention scheduler writes it (the store only needs an event). */
function tombstone(): NewEvent {
  return {
    id: randomUUID(),
    type: 'CaseRecordPurged',
    data: { purgedOn: '2031-01-01' },
    metadata: { occurredAt: '2031-01-01T00:00:00.000Z', schemaVersion: 1 },
  };
}

/**
 * What every adapter that keeps snapshots beside its events (ADR 0027) must do: save, give back
 * exactly what was saved, keep the latest per machine version, refuse a snapshot whose event is
 * no longer the stream's, and lose them with the stream in a purge.
 */
export function describeSnapshotStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`snapshot store contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: EventStore;
    let snapshots: SnapshotStore;
    const prefix = `s${randomUUID().slice(0, 8)}`;
    let counter = 0;
    const stream = () => `${prefix}-case-${(counter += 1)}`;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      if (!store.snapshots) throw new Error(`${name} keeps no snapshots`);
      snapshots = store.snapshots;
    });
    afterEach(async () => {
      await store.close();
      await opened.cleanup?.();
    });

    /** A stream of `n` events and a snapshot of it at `revision`. */
    async function streamWith(n: number): Promise<{ id: string; ids: string[] }> {
      const id = stream();
      const events = Array.from({ length: n }, (_, i) => testEvent('TestHappened', { i }));
      await store.append(id, events, { expectedRevision: 'no_stream' });
      return { id, ids: (await store.readStream(id)).map((e) => e.id) };
    }

    const snapshotOf = (id: string, ids: string[], revision: number, version = 'test@1'): StreamSnapshot => ({
      streamId: id,
      machineVersion: version,
      revision,
      eventId: ids[revision],
      state: {
        value: { open: 'instructing' },
        context: { n: revision, amount: 12.5, list: [1, 'a', null], nested: { é: 'ü' } },
      },
      commands: [
        ['command-1', 'fingerprint', [[ids[0], 'TestHappened', 0]]],
        ['command-2', null, [[ids[1], 'TestHappened', 1]]],
      ],
    });

    it('gives back the snapshot exactly as it was saved, for its machine version only', async () => {
      const { id, ids } = await streamWith(3);
      const snapshot = snapshotOf(id, ids, 2);
      await snapshots.saveSnapshot(snapshot);
      expect(await snapshots.readSnapshot(id, 'test@1')).toStrictEqual(snapshot);
      expect(await snapshots.readSnapshot(id, 'test@2')).toBeUndefined();
      expect(await snapshots.readSnapshot(stream(), 'test@1')).toBeUndefined();
    });

    it('copies the snapshot when saved: later changes to its objects do not reach the store', async () => {
      const { id, ids } = await streamWith(2);
      const snapshot = snapshotOf(id, ids, 1);
      const saved = snapshots.saveSnapshot(snapshot);
      (snapshot.commands as unknown[]).push(['later', null, []]);
      await saved;
      expect(((await snapshots.readSnapshot(id, 'test@1'))!.commands as unknown[]).length).toBe(2);
    });

    it('keeps the latest revision per machine version, whatever the order of the saves', async () => {
      const { id, ids } = await streamWith(5);
      await snapshots.saveSnapshot(snapshotOf(id, ids, 3));
      await snapshots.saveSnapshot(snapshotOf(id, ids, 1));
      expect((await snapshots.readSnapshot(id, 'test@1'))!.revision).toBe(3);
      await snapshots.saveSnapshot(snapshotOf(id, ids, 4));
      await snapshots.saveSnapshot(snapshotOf(id, ids, 2, 'test@2'));
      expect((await snapshots.readSnapshot(id, 'test@1'))!.revision).toBe(4);
      expect((await snapshots.readSnapshot(id, 'test@2'))!.revision).toBe(2);
    });

    it("writes nothing when the snapshot's event is not the stream's event at its revision", async () => {
      const { id, ids } = await streamWith(2);
      await snapshots.saveSnapshot({ ...snapshotOf(id, ids, 1), eventId: randomUUID() });
      await snapshots.saveSnapshot({ ...snapshotOf(id, ids, 1), revision: 5 });
      await snapshots.saveSnapshot({ ...snapshotOf(id, ids, 1), streamId: stream() });
      expect(await snapshots.readSnapshot(id, 'test@1')).toBeUndefined();
    });

    it("a purge deletes the stream's snapshots of every machine version, and no later save brings one back", async () => {
      const { id, ids } = await streamWith(3);
      const other = await streamWith(1);
      await snapshots.saveSnapshot(snapshotOf(id, ids, 2));
      await snapshots.saveSnapshot(snapshotOf(id, ids, 1, 'test@2'));
      await snapshots.saveSnapshot(snapshotOf(other.id, other.ids, 0));
      await store.purgeStream(id, tombstone(), { expectedRevision: 2 });
      expect(await snapshots.readSnapshot(id, 'test@1')).toBeUndefined();
      expect(await snapshots.readSnapshot(id, 'test@2')).toBeUndefined();
      // A process still holding the state from before the purge saves it late: refused.
      await snapshots.saveSnapshot(snapshotOf(id, ids, 2));
      expect(await snapshots.readSnapshot(id, 'test@1')).toBeUndefined();
      // Other streams keep theirs.
      expect((await snapshots.readSnapshot(other.id, 'test@1'))!.revision).toBe(0);
    });

    it('a save racing a purge either lands before it (and is deleted by it) or not at all', async () => {
      const { id, ids } = await streamWith(2);
      await Promise.all([
        snapshots.saveSnapshot(snapshotOf(id, ids, 1)),
        store.purgeStream(id, tombstone(), { expectedRevision: 1 }),
        snapshots.saveSnapshot(snapshotOf(id, ids, 0, 'test@2')),
      ]);
      expect(await snapshots.readSnapshot(id, 'test@1')).toBeUndefined();
      expect(await snapshots.readSnapshot(id, 'test@2')).toBeUndefined();
    });
  });
}

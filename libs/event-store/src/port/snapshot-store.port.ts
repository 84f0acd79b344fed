/**
 * A stream's folded state at one revision, written by the workflow (ADR 0027) so that a process
 * that has not seen the stream reads the snapshot and only the events after it. The store keeps it
 * opaque: `state` and `commands` are JSON values it stores and gives back as they were written.
 */
export interface StreamSnapshot {
  readonly streamId: string;
  /** The machine version that folded the state: another version never reads it. */
  readonly machineVersion: string;
  /** Revision of the last event folded into the state. */
  readonly revision: number;
  /**
   * Id of the stream's event at `revision`. The snapshot holds only while that event is there: a
   * save is dropped when it is not (a purge got there first), and a reader checks it again.
   */
  readonly eventId: string;
  /** The machine's persisted state (value + context). */
  readonly state: unknown;
  /** The stream's command index up to `revision` (idempotent retries older than the snapshot). */
  readonly commands: unknown;
}

/**
 * Optional beside the events (`EventStore.snapshots`): an adapter without it (EventStoreDB) is
 * folded from the first event as before. A snapshot is an optimisation: losing one is harmless,
 * so a save is not synced to disk on its own and may be lost by a crash; it is never a command's
 * durable commit (ADR 0027).
 */
export interface SnapshotStore {
  /**
   * Keeps the snapshot as the stream's latest for its machine version, unless a later one is
   * already stored or the stream's event at `snapshot.revision` is not `snapshot.eventId` (then
   * nothing is written). The snapshot is copied when called: later changes to its objects do not
   * reach the store. Resolves once committed (not necessarily synced).
   */
  saveSnapshot(snapshot: StreamSnapshot): Promise<void>;

  /** The stream's latest snapshot for this machine version, if any. */
  readSnapshot(streamId: string, machineVersion: string): Promise<StreamSnapshot | undefined>;
}

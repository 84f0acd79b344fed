import { NewEvent, RecordedEvent } from './envelope';
import { ExpectedRevision } from './expected-revision';
import { SnapshotStore } from './snapshot-store.port';

export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb' | 'memory';

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append (what to expect next time). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event of the batch. */
  readonly lastGlobalPosition: bigint;
  /** False when every event was already there (an idempotent retry): nothing was written. */
  readonly written: boolean;
  /**
   * The events just written, exactly as a read of the stream would return them, when the adapter
   * has them at hand (SQLite, in memory): a caller that folds the stream can go on from them
   * without reading them back (ADR 0026). Absent on a retry and where the adapter does not know.
   */
  readonly recorded?: readonly RecordedEvent[];
}

export interface PurgeOptions {
  /**
   * Revision of the stream's last event, the last one deleted: the purge is refused with
   * `WrongExpectedRevisionError` when the stream has moved on (or does not exist).
   */
  readonly expectedRevision: number;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the beginning. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the last position the consumer has fully handled. */
  readonly after?: bigint;
  /**
   * Called once per event, in global order, never concurrently. The next event waits for the
   * returned promise: a consumer that stores its checkpoint in the handler gets every event exactly once.
   */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** Called each time the subscription has delivered everything readable and starts waiting. */
  readonly onCaughtUp?: (position: bigint | undefined) => void;
  /** Called when the handler throws or the store fails; the subscription then stops. */
  readonly onError?: (error: unknown) => void;
  /** Events read per batch during catch-up. */
  readonly batchSize?: number;
}

export interface Subscription {
  /** Stops delivering; resolves when the handler in progress (if any) has returned. */
  close(): Promise<void>;
  /** Resolves when the subscription stops (closed, or failed). */
  readonly done: Promise<void>;
}

export interface StoreHealth {
  readonly ok: boolean;
  readonly kind: EventStoreKind;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * The one port through which the rest of the code reads and writes events.
 * Nothing else touches a database driver for events.
 */
export interface EventStore {
  readonly kind: EventStoreKind;

  /**
   * Snapshots of folded streams beside the events, where the adapter keeps them (SQLite,
   * PostgreSQL, in memory; not EventStoreDB). `purgeStream` deletes a stream's snapshots with its
   * events, in the same transaction (ADR 0027).
   */
  readonly snapshots?: SnapshotStore;

  /** Appends the events atomically after checking the expected revision. */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * The stream's revision when this store object knows it without reading: it wrote the stream
   * last, and nothing else has written to the store since (SQLite asks `PRAGMA data_version`).
   * `undefined` when it cannot tell, and from adapters that never can: the caller reads. A fold
   * cache holding the stream at that revision then needs no read (ADR 0026).
   */
  knownRevision?(streamId: string): number | undefined;

  /**
   * Retention purge, atomically: deletes the stream's events 0..expectedRevision and appends the
   * tombstone at expectedRevision + 1. Afterwards the stream reads as the tombstone alone, the
   * global log no longer holds the deleted events, and the stream's revision goes on from the
   * tombstone. The stream's snapshots (if the store keeps any) are deleted in the same
   * transaction. Sending the same tombstone again is an idempotent no-op (`written: false`).
   */
  purgeStream(streamId: string, tombstone: NewEvent, options: PurgeOptions): Promise<AppendResult>;

  /** Revision of the stream's last event, or -1 when it has none. */
  streamRevision(streamId: string): Promise<number>;

  /** The global log in order, in batches. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch up from a checkpoint, then receive new events live. */
  subscribeToAll(options: SubscribeOptions): Subscription;

  health(): Promise<StoreHealth>;

  close(): Promise<void>;
}

import { NewEvent, RecordedEvent } from '../../port/envelope';
import { WrongExpectedRevisionError } from '../../port/errors';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  PurgeOptions,
  ReadStreamOptions,
  StoreHealth,
  SubscribeOptions,
  Subscription,
} from '../../port/event-store.port';
import { SnapshotStore, StreamSnapshot } from '../../port/snapshot-store.port';
import { NO_STREAM_REVISION, expectationHolds } from '../../port/expected-revision';
import { classifyRetry } from '../../port/idempotency';
import { validateAppend, validatePurge } from '../../port/validate-append';
import { LocalWake } from '../../subscription/local-wake';
import { readStreamSlice } from '../../port/read-stream-slice';

/** The store for unit tests: same contract, nothing on disk. */
export class InMemoryEventStore implements EventStore {
  readonly kind = 'memory' as const;
  private log: RecordedEvent[] = [];
  private lastPosition = 0;
  private readonly streams = new Map<string, RecordedEvent[]>();
  /** Revision of each stream's last event (a purged stream keeps counting from its tombstone). */
  private readonly revisions = new Map<string, number>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly appended = new LocalWake();
  /** Stream id → machine version → its latest snapshot (a copy). */
  private readonly snapshotsByStream = new Map<string, Map<string, StreamSnapshot>>();

  /** Snapshots beside the events (ADR 0027): copies in a map, deleted with the stream by a purge. */
  readonly snapshots: SnapshotStore = {
    saveSnapshot: async (snapshot) => {
      const copy = structuredClone(snapshot);
      const event = this.streams.get(copy.streamId)?.find((e) => e.revision === copy.revision);
      // The event the state was folded up to is gone (purged) or another: nothing to keep.
      if (event?.id !== copy.eventId) return;
      const versions = this.snapshotsByStream.get(copy.streamId) ?? new Map<string, StreamSnapshot>();
      const current = versions.get(copy.machineVersion);
      if (current && current.revision >= copy.revision) return;
      versions.set(copy.machineVersion, copy);
      this.snapshotsByStream.set(copy.streamId, versions);
    },
    readSnapshot: async (streamId, machineVersion) => {
      const found = this.snapshotsByStream.get(streamId)?.get(machineVersion);
      return found ? structuredClone(found) : undefined;
    },
  };

  constructor(private readonly now: () => Date = () => new Date()) {}

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options.expectedRevision);
    const stored = events.flatMap((event) => {
      const found = this.byId.get(event.id.toLowerCase());
      return found ? [found] : [];
    });
    const retry = classifyRetry(streamId, events, stored);
    if (retry !== 'new') return retry;

    const stream = this.streams.get(streamId) ?? [];
    const actual = this.revisions.get(streamId) ?? NO_STREAM_REVISION;
    if (!expectationHolds(options.expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
    }
    return this.write(streamId, stream, actual, events);
  }

  async purgeStream(streamId: string, tombstone: NewEvent, options: PurgeOptions): Promise<AppendResult> {
    validatePurge(streamId, tombstone, options.expectedRevision);
    const found = this.byId.get(tombstone.id.toLowerCase());
    const retry = classifyRetry(streamId, [tombstone], found ? [found] : []);
    if (retry !== 'new') return retry;
    const actual = this.revisions.get(streamId) ?? NO_STREAM_REVISION;
    if (actual !== options.expectedRevision) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
    }
    const deleted = new Set(this.streams.get(streamId) ?? []);
    this.log = this.log.filter((event) => !deleted.has(event));
    for (const event of deleted) this.byId.delete(event.id);
    // The snapshots hold the case's context: they go with its events (ADR 0027).
    this.snapshotsByStream.delete(streamId);
    return this.write(streamId, [], actual, [tombstone]);
  }

  private write(
    streamId: string,
    stream: RecordedEvent[],
    actual: number,
    events: readonly NewEvent[],
  ): AppendResult {
    const recordedAt = this.now().toISOString();
    const recorded = events.map((event, i): RecordedEvent => {
      const copy = structuredClone({ data: event.data, metadata: event.metadata });
      return {
        id: event.id.toLowerCase(),
        type: event.type,
        data: copy.data,
        metadata: copy.metadata,
        streamId,
        revision: actual + 1 + i,
        globalPosition: BigInt(this.lastPosition + 1 + i),
        recordedAt,
      };
    });
    for (const event of recorded) {
      this.log.push(event);
      stream.push(event);
      this.byId.set(event.id, event);
    }
    this.lastPosition += recorded.length;
    this.streams.set(streamId, stream);
    this.revisions.set(streamId, actual + recorded.length);
    this.appended.wake();
    const last = recorded[recorded.length - 1];
    return {
      nextExpectedRevision: last.revision,
      lastGlobalPosition: last.globalPosition,
      written: true,
      // Copies: the caller may keep them, and the log's objects must stay as written.
      recorded: recorded.map((event) => ({
        ...event,
        ...structuredClone({ data: event.data, metadata: event.metadata }),
      })),
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return readStreamSlice(this.streams.get(streamId) ?? [], options).map(clone);
  }

  /** Every write goes through this object: it always knows (-1 for a stream it does not have). */
  knownRevision(streamId: string): number | undefined {
    return this.revisions.get(streamId) ?? -1;
  }

  async streamRevision(streamId: string): Promise<number> {
    return this.revisions.get(streamId) ?? NO_STREAM_REVISION;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0n;
    const start = this.log.findIndex((event) => event.globalPosition > after);
    if (start < 0) return [];
    return this.log.slice(start, start + (options.maxCount ?? this.log.length)).map(clone);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.appended.subscribe((after, maxCount) => this.readAll({ after, maxCount }), options, 1_000);
  }

  async health(): Promise<StoreHealth> {
    return { ok: true, kind: this.kind, details: { events: this.log.length, streams: this.streams.size } };
  }

  async close(): Promise<void> {
    this.appended.close();
  }
}

function clone(event: RecordedEvent): RecordedEvent {
  return { ...event, ...structuredClone({ data: event.data, metadata: event.metadata }) };
}

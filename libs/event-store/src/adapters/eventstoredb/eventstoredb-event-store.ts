import {
  BACKWARDS,
  END,
  FORWARDS,
  JSONEventData,
  KurrentDBClient,
  RecordedEvent as EsdbRecordedEvent,
  START,
  excludeSystemEvents,
} from '@kurrent/kurrentdb-client';
import { NewEvent, RecordedEvent } from '../../port/envelope';
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
import { ExpectedRevision, NO_STREAM_REVISION } from '../../port/expected-revision';
import { StoredEventRef, classifyRetry } from '../../port/idempotency';
import { validatePurge, validateAppend } from '../../port/validate-append';
import {
  describeConnectionString,
  isAfter,
  isStreamNotFound,
  isSystemEvent,
  isWrongExpectedVersion,
  toGlobalPosition,
  toReadPosition,
  toRecordedEvent,
  toStreamState,
  toWrongExpectedRevision,
} from './eventstoredb-mapping';
import { CatchUpSource, runCatchUpSubscription } from './eventstoredb-subscription';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://…`, `kurrentdb://…` (or `+discover`) connection string, credentials included if any. */
  readonly connectionString: string;
  /** How long health() waits for the server before it answers `ok: false` (ms). */
  readonly healthTimeoutMs?: number;
}

const DEFAULT_HEALTH_TIMEOUT_MS = 2_000;
const DEFAULT_SUBSCRIPTION_BUFFER = 100;

/**
 * EventStoreDB / KurrentDB store through the official client `@kurrent/kurrentdb-client`
 * (docs/adr/0003), for deployments that outgrow one database server.
 *
 * - Global position: the event's prepare position, which equals its commit position for every
 *   event a v20+ server wrote; resuming after `p` reads $all from `{p, p}` and drops `p` itself.
 * - Idempotency: the port's contract is checked against the stream before each append (see
 *   `append`); the event ids also go to the server, which dedupes quick re-appends on its own.
 * - The global log hides system events (`$`-types and `$`-streams), filtered on the server.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly subscriptions = new Set<Subscription>();
  /** Appends to one stream from this process run one after the other (see `append`). */
  private readonly streamLocks = new Map<string, Promise<void>>();
  private closed = false;

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly options: EventStoreDbEventStoreOptions,
  ) {}

  /** Creates the client; the connection itself is made on first use (health() reports it). */
  static async open(options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    return new EventStoreDbEventStore(KurrentDBClient.connectionString(options.connectionString), options);
  }

  /**
   * Idempotency as the port defines it (port/idempotency.ts): before writing, the stream is read
   * for the batch's event ids. All of them there, as one run of revisions: the first result comes
   * back and nothing is written; some of them: `IdempotencyConflictError`; none: the append goes
   * to the server with the expected revision. Limits (docs/adr/0003): only this stream is searched,
   * so an id reused in another stream is not detected; the check and the append are two requests,
   * serialised per stream inside this process only, so two processes retrying the same batch at
   * the same instant can both answer `written: true` (the server's own event-id dedupe still keeps
   * one copy when the retry follows quickly or expects the same revision).
   */
  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options.expectedRevision);
    return this.withStreamLock(streamId, async () => {
      const retry = classifyRetry(streamId, events, await this.findStored(streamId, events));
      if (retry !== 'new') return retry;
      let nextExpectedRevision: number;
      try {
        const result = await this.client.appendToStream(streamId, events.map(toEventData), {
          streamState: toStreamState(options.expectedRevision),
        });
        nextExpectedRevision = Number(result.nextExpectedRevision);
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        return this.afterRefusal(streamId, events, options.expectedRevision, error);
      }
      return {
        nextExpectedRevision,
        lastGlobalPosition: await this.positionOf(streamId, nextExpectedRevision),
        written: true,
      };
    });
  }

  /**
   * Retention purge with the server's own semantics (not run by the test suite: no server in CI):
   * the tombstone is appended at `expectedRevision + 1` (the expected-revision check), then the
   * stream's `$tb` (truncate before) metadata is set to the tombstone's revision, so stream reads
   * start at the tombstone at once and the next scavenge deletes the earlier events from disk.
   * Not atomic: a crash between the two leaves the tombstone with the old events still readable,
   * and a retry of the same tombstone (idempotent) sets the truncation again. Until the scavenge,
   * `readAll` may still return the deleted events (the server's $all ignores `$tb`).
   */
  async purgeStream(streamId: string, tombstone: NewEvent, options: PurgeOptions): Promise<AppendResult> {
    validatePurge(streamId, tombstone, options.expectedRevision);
    const result = await this.append(streamId, [tombstone], { expectedRevision: options.expectedRevision });
    await this.client.setStreamMetadata(streamId, { truncateBefore: result.nextExpectedRevision });
    return result;
  }

  /** After a refused expectation: a retry another writer completed first, or a real conflict. */
  private async afterRefusal(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    error: Parameters<typeof toWrongExpectedRevision>[0],
  ): Promise<AppendResult> {
    const retry = classifyRetry(streamId, events, await this.findStored(streamId, events));
    if (retry !== 'new') return retry;
    throw toWrongExpectedRevision(error, streamId, expected);
  }

  /** Where the batch's event ids already stand in this stream (a full read of the stream). */
  private async findStored(streamId: string, events: readonly NewEvent[]): Promise<StoredEventRef[]> {
    const wanted = new Set(events.map((event) => event.id.toLowerCase()));
    const stored: StoredEventRef[] = [];
    for (const event of await this.readRaw(streamId, {})) {
      if (!wanted.has(event.id.toLowerCase())) continue;
      stored.push({
        id: event.id,
        streamId: event.streamId,
        revision: Number(event.revision),
        globalPosition: toGlobalPosition(event.position, event.id),
      });
    }
    return stored;
  }

  /** The global position of the event at `revision`: the append answer's position is not per event. */
  private async positionOf(streamId: string, revision: number): Promise<bigint> {
    const [event] = await this.readRaw(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event || Number(event.revision) !== revision) {
      throw new Error(`stream ${streamId}: revision ${revision} was appended but cannot be read back`);
    }
    return toGlobalPosition(event.position, event.id);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return (await this.readRaw(streamId, options)).map(toRecordedEvent);
  }

  private async readRaw(streamId: string, options: ReadStreamOptions): Promise<EsdbRecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    let fromRevision: bigint | typeof START | typeof END = backwards ? END : START;
    if (options.fromRevision !== undefined) {
      const from = Math.trunc(options.fromRevision);
      if (backwards) {
        // The port reads backwards from min(fromRevision, last); the server would walk down
        // from a revision past the end page by page, so clamp it to the last revision here.
        if (from < 0) return [];
        const last = await this.streamRevision(streamId);
        if (last === NO_STREAM_REVISION) return [];
        fromRevision = BigInt(Math.min(from, last));
      } else {
        fromRevision = BigInt(Math.max(0, from));
      }
    }
    const events: EsdbRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        if (resolved.event) events.push(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  async streamRevision(streamId: string): Promise<number> {
    const [last] = await this.readRaw(streamId, { direction: 'backwards', maxCount: 1 });
    return last ? Number(last.revision) : NO_STREAM_REVISION;
  }

  /**
   * $all after the checkpoint, system events left out on the server. The read starts at the
   * checkpoint itself (reads are inclusive), so one more event is asked for and the one at the
   * checkpoint is dropped.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (max <= 0) return [];
    const from = toReadPosition(options.after);
    const events: RecordedEvent[] = [];
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: from === 'start' ? START : from,
      maxCount: from === 'start' || max === Number.MAX_SAFE_INTEGER ? max : max + 1,
      filter: excludeSystemEvents(),
    })) {
      const event = resolved.event;
      if (!event || isSystemEvent(event)) continue;
      const recorded = toRecordedEvent(event);
      if (!isAfter(recorded.globalPosition, options.after)) continue;
      if (events.length < max) events.push(recorded);
    }
    return events;
  }

  /**
   * A server-side catch-up subscription to $all (no polling): the server pushes history, then
   * live events; `onCaughtUp` follows its `caughtUp` message (server 23.10+; older servers never
   * call it). `batchSize` bounds the events buffered ahead of the handler. A dropped subscription
   * (server restart, slow consumer) ends with `onError`: resubscribe from the stored checkpoint.
   */
  subscribeToAll(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('the event store is closed');
    const subscription = runCatchUpSubscription(
      (from) =>
        this.client.subscribeToAll(
          { fromPosition: from === 'start' ? START : from, filter: excludeSystemEvents() },
          { highWaterMark: Math.max(1, options.batchSize ?? DEFAULT_SUBSCRIPTION_BUFFER) },
        ) as CatchUpSource,
      options,
    );
    this.subscriptions.add(subscription);
    void subscription.done.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /** Reads the last record of $all, within a short deadline: reachable, and where the log ends. */
  async health(): Promise<StoreHealth> {
    const timeoutMs = this.options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
    const connection = describeConnectionString(this.options.connectionString);
    const probe = (async () => {
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1,
      })) {
        return resolved.event?.position ?? resolved.link?.position;
      }
      return undefined;
    })();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer from the server within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    probe.catch(() => undefined); // settles after the deadline when the server is unreachable
    try {
      const last = await Promise.race([probe, deadline]);
      return {
        ok: true,
        kind: this.kind,
        details: {
          ...connection,
          lastLogPosition: last ? { commit: last.commit.toString(), prepare: last.prepare.toString() } : null,
          subscriptions: this.subscriptions.size,
        },
      };
    } catch (error) {
      return { ok: false, kind: this.kind, details: { ...connection, error: describeError(error) } };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async withStreamLock<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.streamLocks.get(streamId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.streamLocks.set(streamId, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.streamLocks.get(streamId) === tail) this.streamLocks.delete(streamId);
    }
  }
}

/** The client's errors often carry only their class name as message; keep the type tag too. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && !message.toLowerCase().includes(type.replace(/-/g, ''))
    ? `${type}: ${message}`
    : message;
}

function toEventData(event: NewEvent): JSONEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: event.data as JSONEventData['data'],
    metadata: event.metadata as unknown as JSONEventData['metadata'],
  };
}

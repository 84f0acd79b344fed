import { NewEvent, RecordedEvent } from '../../port/envelope';
import { WrongExpectedRevisionError } from '../../port/errors';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StoreHealth,
  SubscribeOptions,
  Subscription,
} from '../../port/event-store.port';
import { NO_STREAM_REVISION, expectationHolds } from '../../port/expected-revision';
import { classifyRetry } from '../../port/idempotency';
import { validateAppend } from '../../port/validate-append';
import { LocalWake } from '../../subscription/local-wake';
import { readStreamSlice } from '../../port/read-stream-slice';

/** The store for unit tests: same contract, nothing on disk. */
export class InMemoryEventStore implements EventStore {
  readonly kind = 'memory' as const;
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly appended = new LocalWake();

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
    const actual = stream.length - 1;
    if (!expectationHolds(options.expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
    }
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
        globalPosition: BigInt(this.log.length + 1 + i),
        recordedAt,
      };
    });
    for (const event of recorded) {
      this.log.push(event);
      stream.push(event);
      this.byId.set(event.id, event);
    }
    this.streams.set(streamId, stream);
    this.appended.wake();
    const last = recorded[recorded.length - 1];
    return { nextExpectedRevision: last.revision, lastGlobalPosition: last.globalPosition, written: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return readStreamSlice(this.streams.get(streamId) ?? [], options).map(clone);
  }

  async streamRevision(streamId: string): Promise<number> {
    const stream = this.streams.get(streamId);
    return stream ? stream.length - 1 : NO_STREAM_REVISION;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const start = options.after === undefined ? 0 : Number(options.after);
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

import { EventStore, RecordedEvent } from '@psp/event-store';

/**
 * How a stream's events become the state a decision reads. `fold` is the whole story; an
 * aggregate that can also apply one event at a time (`initial` + `apply`) is folded once per
 * process and then only for the events written after the cached revision (ADR 0023).
 */
export interface Aggregate<State> {
  readonly machineVersion: string;
  fold(events: readonly RecordedEvent[]): State;
  /** The state before any event (what `fold([])` gives). */
  readonly initial?: () => State;
  /** One more event: `apply(fold(events), e)` must equal `fold([...events, e])`. */
  readonly apply?: (state: State, event: RecordedEvent) => State;
  /**
   * The machine's serialisable snapshot of a state (XState `value` + `context`) and its restoration:
   * a cache with `holdPersisted` keeps that form, never the live object a decision was handed.
   */
  readonly persist?: (state: State) => unknown;
  readonly restore?: (snapshot: unknown) => State;
}

/** What a command's events looked like when first written: enough to answer a retry of it. */
export interface CommandRecord {
  readonly fingerprint?: unknown;
  readonly events: { readonly id: string; readonly type: string; readonly revision: number }[];
}

/** A stream as a command reads it: its state, revision, last event and an index of its command ids. */
export interface LoadedStream<State> {
  readonly state: State;
  /** Revision of the stream's last event, -1 for a new stream. */
  readonly revision: number;
  readonly last: RecordedEvent | undefined;
  /** The events a command id wrote in this stream (index lookup, no scan). */
  command(commandId: string): CommandRecord | undefined;
  /** The whole stream, read on demand (rarely needed by a decision). */
  history(): Promise<readonly RecordedEvent[]>;
}

interface Entry {
  readonly machineVersion: string;
  readonly revision: number;
  /** The state, or its persisted snapshot (`holdPersisted`). */
  readonly held: unknown;
  readonly last: RecordedEvent;
  /**
   * Command id → its events. Shared by the successive entries of one stream and only ever
   * extended with later revisions: a lookup ignores what lies beyond the entry's own revision.
   */
  readonly commands: Map<string, CommandRecord>;
}

export interface FoldCacheOptions {
  /** Streams kept folded (least recently used dropped first). 0 disables the cache. */
  readonly maxStreams?: number;
  /**
   * Keep each state as the machine's persisted snapshot and restore it on every load (about 17 µs
   * for a case), instead of the live snapshot object. XState snapshots are never mutated (every
   * transition returns a new one), so the default keeps the live object; this is for aggregates
   * whose states are not immutable, and it is what a durable snapshot table would hold.
   */
  readonly holdPersisted?: boolean;
}

const DEFAULT_MAX_STREAMS = 10_000;

/**
 * Folded states per stream, keyed by stream, revision and machine version. A hit reads only
 * the events after the cached revision (so another process's writes are always seen) and
 * applies them; the states are never stale, only shorter to reach. One cache per store.
 */
export class FoldCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxStreams: number;
  private readonly holdPersisted: boolean;
  /** Counters for the benchmarks and the tests. */
  readonly stats = { hits: 0, misses: 0, eventsApplied: 0 };

  constructor(options: FoldCacheOptions = {}) {
    this.maxStreams = options.maxStreams ?? DEFAULT_MAX_STREAMS;
    this.holdPersisted = options.holdPersisted ?? false;
  }

  get enabled(): boolean {
    return this.maxStreams > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  /** The revision this cache holds a stream's state at (for the aggregate's machine version), if any. */
  cachedRevision(
    aggregate: Pick<Aggregate<unknown>, 'machineVersion'>,
    streamId: string,
  ): number | undefined {
    return this.entries.get(`${aggregate.machineVersion}|${streamId}`)?.revision;
  }

  /**
   * The state this cache holds for a stream at exactly `revision`, without reading the store (the
   * projector asks for the state after an event this process has just written).
   */
  stateAt<State>(aggregate: Aggregate<State>, streamId: string, revision: number): State | undefined {
    const cached = this.entries.get(`${aggregate.machineVersion}|${streamId}`);
    return cached?.revision === revision ? this.unhold(aggregate, cached.held) : undefined;
  }

  /**
   * After a command's append: goes on from the state it decided on with the events it wrote (as
   * the store returned them), if this cache still holds the stream at that revision. The next
   * load then reads nothing new, and the projector finds the new event's state here (ADR 0026).
   */
  advance<State>(
    aggregate: Aggregate<State>,
    streamId: string,
    fromRevision: number,
    written: readonly RecordedEvent[],
    /** The state after `written`, when the decision computed it (else they are applied here). */
    decided?: State,
  ): void {
    const { apply } = aggregate;
    if (!this.enabled || !apply || written.length === 0) return;
    const key = `${aggregate.machineVersion}|${streamId}`;
    const cached = this.entries.get(key);
    if (!cached || cached.revision !== fromRevision) return;
    if (written.some((event, i) => event.streamId !== streamId || event.revision !== fromRevision + 1 + i))
      return;
    let state = decided ?? this.unhold(aggregate, cached.held);
    try {
      if (decided === undefined) for (const event of written) state = apply(state, event);
    } catch {
      // Let the next load fold the stream from the store and meet the error there.
      this.entries.delete(key);
      return;
    }
    for (const event of written) indexCommand(cached.commands, event);
    this.stats.eventsApplied += written.length;
    const last = written[written.length - 1];
    this.entries.delete(key);
    this.entries.set(key, {
      machineVersion: aggregate.machineVersion,
      revision: last.revision,
      held: this.persists(aggregate) ? aggregate.persist!(state) : state,
      last,
      commands: cached.commands,
    });
  }

  /** Forgets a stream (a purge, a repair): the next load folds it from its first event. */
  forget(streamId: string): void {
    for (const key of [...this.entries.keys()]) if (key.endsWith(`|${streamId}`)) this.entries.delete(key);
  }

  async load<State>(
    store: EventStore,
    aggregate: Aggregate<State>,
    streamId: string,
  ): Promise<LoadedStream<State>> {
    const { initial, apply } = aggregate;
    if (!this.enabled || !initial || !apply) return loadWhole(store, aggregate, streamId);
    const key = `${aggregate.machineVersion}|${streamId}`;
    const cached = this.entries.get(key);
    const revision = cached?.revision ?? -1;
    // Nothing to read when the store knows nobody wrote the stream past the cached revision.
    const current = cached !== undefined && store.knownRevision?.(streamId) === revision;
    const events = current ? [] : await store.readStream(streamId, { fromRevision: revision + 1 });
    if (cached && events.length > 0 && events[0].revision !== revision + 1) {
      // A gap (a purge, a repaired stream): start again from the first event.
      this.entries.delete(key);
      this.stats.misses += 1;
      return this.foldFrom(store, aggregate, streamId, key, undefined, await store.readStream(streamId));
    }
    if (cached) this.stats.hits += 1;
    else this.stats.misses += 1;
    return this.foldFrom(store, aggregate, streamId, key, cached, events);
  }

  private foldFrom<State>(
    store: EventStore,
    aggregate: Aggregate<State>,
    streamId: string,
    key: string,
    cached: Entry | undefined,
    events: readonly RecordedEvent[],
  ): LoadedStream<State> {
    const apply = aggregate.apply!;
    let state = cached ? this.unhold(aggregate, cached.held) : aggregate.initial!();
    const commands = cached?.commands ?? new Map<string, CommandRecord>();
    if (events.length === 0 && !cached) return loaded(store, streamId, state, -1, undefined, () => undefined);
    for (const event of events) {
      state = apply(state, event);
      indexCommand(commands, event);
    }
    this.stats.eventsApplied += events.length;
    const last = events.length > 0 ? events[events.length - 1] : cached!.last;
    const revision = last.revision;
    if (events.length > 0 || cached) {
      const current = this.entries.get(key);
      // Keep the furthest state when two commands of one process load the stream together.
      if (!current || current.revision <= revision) {
        this.entries.delete(key);
        this.entries.set(key, {
          machineVersion: aggregate.machineVersion,
          revision,
          held: this.persists(aggregate) ? aggregate.persist!(state) : state,
          last,
          commands,
        });
        this.evict();
      }
    }
    const lookup = (commandId: string): CommandRecord | undefined => {
      const record = commands.get(commandId);
      if (!record) return undefined;
      const within = record.events.filter((e) => e.revision <= revision);
      return within.length === 0 ? undefined : { fingerprint: record.fingerprint, events: within };
    };
    return loaded(store, streamId, state, revision, last, lookup);
  }

  private persists<State>(aggregate: Aggregate<State>): boolean {
    return this.holdPersisted && aggregate.persist !== undefined && aggregate.restore !== undefined;
  }

  private unhold<State>(aggregate: Aggregate<State>, held: unknown): State {
    return this.persists(aggregate) ? aggregate.restore!(held) : (held as State);
  }

  private evict(): void {
    while (this.entries.size > this.maxStreams) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

function indexCommand(commands: Map<string, CommandRecord>, event: RecordedEvent): void {
  const commandId = event.metadata.commandId;
  if (typeof commandId !== 'string') return;
  const record = commands.get(commandId);
  const ref = { id: event.id, type: event.type, revision: event.revision };
  if (!record) {
    commands.set(commandId, { fingerprint: event.metadata.fingerprint, events: [ref] });
  } else if (!record.events.some((e) => e.revision === event.revision)) {
    record.events.push(ref);
  }
}

/** No cache: the whole stream, folded at once (what every command did before ADR 0023). */
async function loadWhole<State>(
  store: EventStore,
  aggregate: Aggregate<State>,
  streamId: string,
): Promise<LoadedStream<State>> {
  const events = await store.readStream(streamId);
  const revision = events.length === 0 ? -1 : events[events.length - 1].revision;
  const state = aggregate.fold(events);
  const lookup = (commandId: string): CommandRecord | undefined => {
    const earlier = events.filter((event) => event.metadata.commandId === commandId);
    if (earlier.length === 0) return undefined;
    return {
      fingerprint: earlier[0].metadata.fingerprint,
      events: earlier.map((e) => ({ id: e.id, type: e.type, revision: e.revision })),
    };
  };
  return {
    state,
    revision,
    last: events[events.length - 1],
    command: lookup,
    history: async () => events,
  };
}

function loaded<State>(
  store: EventStore,
  streamId: string,
  state: State,
  revision: number,
  last: RecordedEvent | undefined,
  command: (commandId: string) => CommandRecord | undefined,
): LoadedStream<State> {
  return {
    state,
    revision,
    last,
    command,
    history: async () =>
      revision < 0 ? [] : store.readStream(streamId, { fromRevision: 0, maxCount: revision + 1 }),
  };
}

const caches = new WeakMap<EventStore, FoldCache>();

/** The fold cache of a store (one per store object: every command handler on it shares it). */
export function foldCacheOf(store: EventStore): FoldCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new FoldCache();
    caches.set(store, cache);
  }
  return cache;
}

/** Replaces the fold cache of a store: `{ maxStreams: 0 }` folds every stream whole on each command. */
export function configureFoldCache(store: EventStore, options: FoldCacheOptions): FoldCache {
  const cache = new FoldCache(options);
  caches.set(store, cache);
  return cache;
}

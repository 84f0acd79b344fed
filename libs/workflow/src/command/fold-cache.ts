import { EventStore, RecordedEvent, SnapshotStore, StreamSnapshot } from '@psp/event-store';

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
  /** Revision of the stream's latest durable snapshot this process knows of (-1: none). */
  snapshotRevision: number;
  /**
   * The state a command decided on, kept beside the one after its events (`advance`): the
   * projector compares the two to leave a view's unchanged rows alone (ADR 0026).
   */
  readonly previous?: { readonly revision: number; readonly held: unknown };
}

/**
 * A stream's command index as a durable snapshot holds it (ADR 0027), in tuples to keep the row
 * short: `[commandId, fingerprint, [[eventId, type, revision], …]]`, events up to the snapshot's revision.
 */
type SnapshotCommands = [string, unknown, [string, string, number][]][];

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
  /**
   * Durable snapshots (ADR 0027), where the store keeps them (`EventStore.snapshots`) and the
   * aggregate can persist its state: a stream that has moved this many events past its last
   * snapshot gets a new one, written after the command (never in its durable commit), and a
   * stream this cache does not hold is loaded from its latest snapshot and the events after it.
   * 0 neither reads nor writes them. Default 20.
   */
  readonly snapshotEvery?: number;
}

const DEFAULT_MAX_STREAMS = 10_000;
const DEFAULT_SNAPSHOT_EVERY = 20;

/**
 * Folded states per stream, keyed by stream, revision and machine version. A hit reads only
 * the events after the cached revision (so another process's writes are always seen) and
 * applies them; the states are never stale, only shorter to reach. One cache per store.
 */
export class FoldCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxStreams: number;
  private readonly holdPersisted: boolean;
  private readonly snapshotEvery: number;
  /** Snapshot saves under way (`settled()` waits for them). */
  private readonly saving = new Set<Promise<void>>();
  /** Counters for the benchmarks and the tests. */
  readonly stats = {
    hits: 0,
    misses: 0,
    eventsApplied: 0,
    /** Cold loads that started from a durable snapshot, and snapshots found but not used. */
    snapshotLoads: 0,
    snapshotsRejected: 0,
    snapshotsWritten: 0,
    snapshotErrors: 0,
  };

  constructor(options: FoldCacheOptions = {}) {
    this.maxStreams = options.maxStreams ?? DEFAULT_MAX_STREAMS;
    this.holdPersisted = options.holdPersisted ?? false;
    this.snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
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
    if (cached?.revision === revision) return this.unhold(aggregate, cached.held);
    // The state before the last command's events, while the entry is the one that command left.
    if (cached?.previous?.revision === revision) return this.unhold(aggregate, cached.previous.held);
    return undefined;
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
    /** Where the stream's durable snapshot goes when one is due (ADR 0027). */
    store?: EventStore,
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
    const entry: Entry = {
      machineVersion: aggregate.machineVersion,
      revision: last.revision,
      held: this.hold(aggregate, state),
      last,
      commands: cached.commands,
      snapshotRevision: cached.snapshotRevision,
      previous: { revision: cached.revision, held: cached.held },
    };
    this.entries.set(key, entry);
    if (store) this.snapshotIfDue(store, aggregate, streamId, entry, state);
  }

  /** Resolves when the snapshot saves started so far are done (tests, benchmarks, shutdown). */
  async settled(): Promise<void> {
    while (this.saving.size > 0) await Promise.allSettled([...this.saving]);
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
    if (!cached) {
      const fromSnapshot = await this.loadFromSnapshot(store, aggregate, streamId, key);
      if (fromSnapshot) return fromSnapshot;
    }
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

  /**
   * A stream this cache does not hold, from its latest durable snapshot (ADR 0027): the snapshot's
   * state and command index, then only the events after it. `undefined` (fold from the first event,
   * as without snapshots) when there is none, when the event it was folded up to is no longer the
   * stream's event at that revision (a purge, a repair), or when it cannot be restored.
   */
  private async loadFromSnapshot<State>(
    store: EventStore,
    aggregate: Aggregate<State>,
    streamId: string,
    key: string,
  ): Promise<LoadedStream<State> | undefined> {
    const snapshots = this.snapshotsOf(store, aggregate);
    if (!snapshots) return undefined;
    let snapshot: StreamSnapshot | undefined;
    try {
      snapshot = await snapshots.readSnapshot(streamId, aggregate.machineVersion);
    } catch {
      return undefined; // an optimisation: a store that cannot give it is folded as before
    }
    if (!snapshot || snapshot.machineVersion !== aggregate.machineVersion) return undefined;
    // From the snapshot's own revision: its event gives the hash chain's `last`, and proves the
    // snapshot still describes this stream.
    const events = await store.readStream(streamId, { fromRevision: snapshot.revision });
    const at = events[0];
    if (at?.revision !== snapshot.revision || at.id !== snapshot.eventId) {
      this.stats.snapshotsRejected += 1;
      return undefined;
    }
    let state: State;
    let commands: Map<string, CommandRecord>;
    try {
      state = aggregate.restore!(fromSnapshotJson(snapshot.state));
      commands = commandsFromSnapshot(snapshot.commands, snapshot.revision);
    } catch {
      this.stats.snapshotsRejected += 1;
      return undefined;
    }
    this.stats.misses += 1;
    this.stats.snapshotLoads += 1;
    const fromSnapshot: Entry = {
      machineVersion: aggregate.machineVersion,
      revision: snapshot.revision,
      held: this.hold(aggregate, state),
      last: at,
      commands,
      snapshotRevision: snapshot.revision,
    };
    return this.foldFrom(store, aggregate, streamId, key, fromSnapshot, events.slice(1));
  }

  private snapshotsOf<State>(store: EventStore, aggregate: Aggregate<State>): SnapshotStore | undefined {
    if (this.snapshotEvery <= 0 || !aggregate.persist || !aggregate.restore) return undefined;
    return store.snapshots;
  }

  /**
   * Saves the entry's state as the stream's durable snapshot when the stream has moved
   * `snapshotEvery` events past the last one. Deferred to the next turn of the event loop (the
   * command answers first) and never awaited by a command: a failed save only costs a later fold.
   * The state and revision are taken now; the command index is shared and only grows with later
   * revisions, so it is cut at the entry's revision when the snapshot is built.
   */
  private snapshotIfDue<State>(
    store: EventStore,
    aggregate: Aggregate<State>,
    streamId: string,
    entry: Entry,
    state: State,
  ): void {
    const snapshots = this.snapshotsOf(store, aggregate);
    if (!snapshots || entry.revision - entry.snapshotRevision < this.snapshotEvery) return;
    entry.snapshotRevision = entry.revision;
    const { revision, last, commands } = entry;
    const save = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        const persisted = toSnapshotJson(aggregate.persist!(state));
        // A state JSON cannot give back exactly (a Date, NaN, …) is not snapshotted: folded instead.
        if (persisted === UNSAFE) throw new Error('state not representable in a snapshot');
        return snapshots.saveSnapshot({
          streamId,
          machineVersion: aggregate.machineVersion,
          revision,
          eventId: last.id,
          state: persisted,
          commands: commandsForSnapshot(commands, revision),
        });
      })
      .then(
        () => {
          this.stats.snapshotsWritten += 1;
        },
        () => {
          this.stats.snapshotErrors += 1;
        },
      );
    this.saving.add(save);
    void save.finally(() => this.saving.delete(save));
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
        const entry: Entry = {
          machineVersion: aggregate.machineVersion,
          revision,
          held: this.hold(aggregate, state),
          last,
          commands,
          snapshotRevision: Math.max(cached?.snapshotRevision ?? -1, current?.snapshotRevision ?? -1),
        };
        this.entries.set(key, entry);
        this.evict();
        this.snapshotIfDue(store, aggregate, streamId, entry, state);
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

  private hold<State>(aggregate: Aggregate<State>, state: State): unknown {
    return this.persists(aggregate) ? aggregate.persist!(state) : state;
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

/**
 * A persisted state as a snapshot row holds it. JSON drops a property whose value is `undefined`
 * (and turns an `undefined` array item into null), and a machine context has such properties (an
 * interruption not yet recorded): they are written as a marker and given back as `undefined`, in
 * place, so the restored state is the folded one, key order included. Anything else JSON does not
 * give back as it was (a Date, a Map, NaN, -0, a string equal to the marker) makes the state
 * unsafe: no snapshot is written, the stream is folded as before.
 */
const UNDEFINED_MARKER = '\u0000psp:undefined\u0000';
const UNSAFE = Symbol('unsafe');

function toSnapshotJson(value: unknown): unknown {
  if (value === undefined) return UNDEFINED_MARKER;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === UNDEFINED_MARKER ? UNSAFE : value;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : UNSAFE;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const json = toSnapshotJson(item);
      if (json === UNSAFE) return UNSAFE;
      out.push(json);
    }
    return out;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return UNSAFE;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const json = toSnapshotJson(item);
      if (json === UNSAFE) return UNSAFE;
      out[key] = json;
    }
    return out;
  }
  return UNSAFE;
}

/** The inverse of `toSnapshotJson` on a freshly parsed value (changed in place). */
function fromSnapshotJson(value: unknown): unknown {
  if (value === UNDEFINED_MARKER) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = fromSnapshotJson(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = fromSnapshotJson(record[key]);
  }
  return value;
}

function commandsForSnapshot(commands: Map<string, CommandRecord>, revision: number): SnapshotCommands {
  const out: SnapshotCommands = [];
  for (const [commandId, record] of commands) {
    const events = record.events
      .filter((e) => e.revision <= revision)
      .map((e): [string, string, number] => [e.id, e.type, e.revision]);
    if (events.length > 0) out.push([commandId, record.fingerprint ?? null, events]);
  }
  return out;
}

/** The command index of a snapshot, checked entry by entry: a malformed one is not used. */
function commandsFromSnapshot(stored: unknown, revision: number): Map<string, CommandRecord> {
  if (!Array.isArray(stored)) throw new Error('snapshot command index is not an array');
  const commands = new Map<string, CommandRecord>();
  for (const item of stored as unknown[]) {
    const [commandId, fingerprint, events] = item as SnapshotCommands[number];
    if (typeof commandId !== 'string' || !Array.isArray(events) || events.length === 0)
      throw new Error('malformed snapshot command');
    commands.set(commandId, {
      ...(fingerprint === null ? {} : { fingerprint }),
      events: events.map(([id, type, at]) => {
        if (typeof id !== 'string' || typeof type !== 'string' || typeof at !== 'number' || at > revision)
          throw new Error('malformed snapshot command event');
        return { id, type, revision: at };
      }),
    });
  }
  return commands;
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

import { EventStore, RecordedEvent } from '@psp/event-store';
import { CaseView, PspCaseState, applyEvent, caseView } from '@psp/psp-case';
import {
  CaseRecordPurgedError,
  caseAggregate,
  caseIdOf,
  foldCacheOf,
  isCaseRecordPurged,
  toCaseEvent,
} from '@psp/workflow';

/**
 * The state after each event, shared by every view's cache: the projector hands the same batch
 * (the same event objects) to every view, so the case machine runs once per event, not once per
 * view. Held weakly: it goes with the batch.
 */
const stateAfter = new WeakMap<RecordedEvent, PspCaseState | undefined>();

const views = new WeakMap<PspCaseState, CaseView>();

/**
 * The case view of a state, computed once for all the views that read it (`case_list`, `deadlines`,
 * `indicator_facts`): states are never mutated, and the views only read it. Held weakly.
 */
export function caseViewOf(state: PspCaseState): CaseView {
  let view = views.get(state);
  if (!view) {
    view = caseView(state);
    views.set(state, view);
  }
  return view;
}

/**
 * The state of each case just after an event, for views that need the whole state (status,
 * periods, deadlines). Applies the event to the cached state of the revision before; on a miss
 * (a restart, another version's runner) folds the stream from the store up to that event.
 * On a purged stream (retention) it answers `undefined`: the views drop the case on its tombstone.
 */
export class CaseStateCache {
  /**
   * The last state of each stream, and the clock tick of its last use. Eviction is CLOCK (second
   * chance), which keeps the streams in use as LRU would: a `delete` and a `set` per event to keep
   * the map in LRU order (four views, every event) were ≈ 2 % of a rebuild's CPU; now an event
   * updates its stream's entry in place, and an eviction moves the entries used since they were
   * (re)inserted to the back, and drops the first one that was not.
   */
  private readonly states = new Map<
    string,
    { revision: number; state: PspCaseState; used: number; inserted: number }
  >();
  private clock = 0;

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 50_000,
  ) {}

  /** The state after the event, or `undefined` when the stream was purged since it was read. */
  async unlessPurged(event: RecordedEvent): Promise<PspCaseState | undefined> {
    if (stateAfter.has(event)) {
      const known = stateAfter.get(event);
      if (known) this.remember(event, known);
      return known;
    }
    const state = await this.fold(event);
    stateAfter.set(event, state);
    if (state) this.remember(event, state);
    return state;
  }

  /**
   * The state after the event when it comes without reading anything: another view has folded it,
   * or this cache holds the revision before (nearly always during a rebuild). Synchronous: an
   * `await` per event and per case view (four of them) is a trip through the microtask queue for a
   * state that is already there. `undefined`: not at hand (or purged), ask `unlessPurged`.
   */
  stateNow(event: RecordedEvent): PspCaseState | undefined {
    let state = stateAfter.get(event);
    if (state === undefined) {
      if (stateAfter.has(event)) return undefined;
      state = this.foldNow(event);
      if (state === undefined) return undefined;
      stateAfter.set(event, state);
    }
    this.remember(event, state);
    return state;
  }

  private foldNow(event: RecordedEvent): PspCaseState | undefined {
    // A command of this process has just written this event: the workflow's fold cache holds the
    // state after it, which the decision computed (ADR 0026). Running the machine again for every
    // event a command of this process wrote was ≈ 2 % of a warm command's CPU.
    const written = foldCacheOf(this.store).stateAt(caseAggregate, event.streamId, event.revision);
    if (written !== undefined) return written;
    const cached = this.states.get(event.streamId);
    if (cached && cached.revision === event.revision - 1) return applyEvent(cached.state, toCaseEvent(event));
    if (event.revision === 0 && !isCaseRecordPurged(event)) return caseAggregate.fold([event]);
    return undefined;
  }

  private async fold(event: RecordedEvent): Promise<PspCaseState | undefined> {
    let state = this.foldNow(event);
    if (state === undefined) {
      // The workflow's fold cache (ADR 0023) holds the cases this process has just decided on: when
      // it reaches exactly this event, its state is the one after it, without folding the stream.
      const known = await this.fromFoldCache(event);
      if (known !== undefined) return known === 'purged' ? undefined : known;
      const events = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
      if (events.length === 0 || isCaseRecordPurged(events[0])) return undefined;
      state = caseAggregate.fold(events);
    }
    return state;
  }

  private async fromFoldCache(event: RecordedEvent): Promise<PspCaseState | 'purged' | undefined> {
    const cache = foldCacheOf(this.store);
    // (The state a command of this process left at this event was looked for by `foldNow`.)
    // Only when it is at this event or the one before: then the load reads at most this event.
    const revision = cache.cachedRevision(caseAggregate, event.streamId);
    if (revision === undefined || revision < event.revision - 1 || revision > event.revision)
      return undefined;
    try {
      const loaded = await cache.load(this.store, caseAggregate, event.streamId);
      return loaded.revision === event.revision ? loaded.state : undefined;
    } catch (error) {
      if (error instanceof CaseRecordPurgedError) return 'purged';
      throw error;
    }
  }

  private remember(event: RecordedEvent, state: PspCaseState): void {
    const tick = (this.clock += 1);
    const cached = this.states.get(event.streamId);
    if (cached) {
      cached.revision = event.revision;
      cached.state = state;
      cached.used = tick;
      return;
    }
    this.states.set(event.streamId, { revision: event.revision, state, used: tick, inserted: tick });
    if (this.states.size > this.capacity) this.evictOne();
  }

  /** Drops the oldest stream not used since it was (re)inserted; those used go to the back. */
  private evictOne(): void {
    for (const [streamId, entry] of this.states) {
      this.states.delete(streamId);
      if (entry.used === entry.inserted) return;
      entry.inserted = entry.used;
      this.states.set(streamId, entry);
    }
  }

  /** The state this cache holds for the stream at exactly `revision`, if it holds that one. */
  stateAt(streamId: string, revision: number): PspCaseState | undefined {
    const cached = this.states.get(streamId);
    if (cached?.revision === revision) return cached.state;
    // A case this process has just decided on: the workflow's fold cache holds the state the
    // command decided on (the view's own cache may not, e.g. after a restart).
    return foldCacheOf(this.store).stateAt(caseAggregate, streamId, revision);
  }

  forget(streamId: string): void {
    this.states.delete(streamId);
  }
}

/** What a batch of case events leaves for each case: its state after its last event, or purged. */
export type CaseOutcome =
  | {
      readonly purged: false;
      readonly event: RecordedEvent;
      readonly state: PspCaseState;
      /**
       * The state before the case's first event of the batch, when the cache held it: a view whose
       * rows depend only on parts of the state that did not change has nothing to write.
       */
      readonly before?: PspCaseState;
    }
  | { readonly purged: true };

/**
 * The skeleton of the views written from a case's state (`case_list`, `afis_payments`): every
 * event goes through the machine, and each case of the batch comes out once, with its state after
 * its last event, or `purged` on its tombstone (ACL retention: the view drops the case). An event
 * of a stream purged since it was read gives nothing: its tombstone follows in the log.
 */
export async function caseOutcomes(
  cache: CaseStateCache,
  events: readonly RecordedEvent[],
): Promise<Map<string, CaseOutcome>> {
  const outcomes = new Map<string, CaseOutcome>();
  for (const event of events) {
    const caseId = caseIdOf(event.streamId);
    if (!caseId) continue;
    if (isCaseRecordPurged(event)) {
      cache.forget(event.streamId);
      outcomes.delete(caseId);
      outcomes.set(caseId, { purged: true });
      continue;
    }
    const earlier = outcomes.get(caseId);
    const before =
      earlier === undefined
        ? cache.stateAt(event.streamId, event.revision - 1)
        : earlier.purged
          ? undefined
          : earlier.before;
    const state = cache.stateNow(event) ?? (await cache.unlessPurged(event));
    if (state)
      outcomes.set(
        caseId,
        before ? { purged: false, event, state, before } : { purged: false, event, state },
      );
  }
  return outcomes;
}

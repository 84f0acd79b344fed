import { EventStore, RecordedEvent } from '@psp/event-store';
import { PspCaseState, applyEvent } from '@psp/psp-case';
import { caseAggregate, isCaseRecordPurged, toCaseEvent } from '@psp/workflow';

/**
 * The state of each case just after an event, for views that need the whole state (status,
 * periods, deadlines). Applies the event to the cached state of the revision before; on a miss
 * (a restart, another version's runner) folds the stream from the store up to that event.
 * On a purged stream (retention) it answers `undefined`: the views drop the case on its tombstone.
 */
export class CaseStateCache {
  private readonly states = new Map<string, { revision: number; state: PspCaseState }>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 50_000,
  ) {}

  /** The state after the event, or `undefined` when the stream was purged since it was read. */
  async unlessPurged(event: RecordedEvent): Promise<PspCaseState | undefined> {
    const cached = this.states.get(event.streamId);
    let state: PspCaseState;
    if (cached && cached.revision === event.revision - 1) {
      state = applyEvent(cached.state, toCaseEvent(event));
    } else if (event.revision === 0 && !isCaseRecordPurged(event)) {
      state = caseAggregate.fold([event]);
    } else {
      const events = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
      if (events.length === 0 || isCaseRecordPurged(events[0])) return undefined;
      state = caseAggregate.fold(events);
    }
    this.states.delete(event.streamId);
    this.states.set(event.streamId, { revision: event.revision, state });
    if (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value!);
    return state;
  }

  forget(streamId: string): void {
    this.states.delete(streamId);
  }
}

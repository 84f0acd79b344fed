import { EventStore, RecordedEvent } from '@psp/event-store';
import { PspCaseState, applyEvent } from '@psp/psp-case';
import { caseAggregate, toCaseEvent } from '@psp/workflow';

/**
 * The state of each case just after an event, for views that need the whole state (status,
 * periods, deadlines). Applies the event to the cached state of the revision before; on a miss
 * (a restart, another version's runner) folds the stream from the store up to that event.
 */
export class CaseStateCache {
  private readonly states = new Map<string, { revision: number; state: PspCaseState }>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 50_000,
  ) {}

  async after(event: RecordedEvent): Promise<PspCaseState> {
    const cached = this.states.get(event.streamId);
    const state =
      cached && cached.revision === event.revision - 1
        ? applyEvent(cached.state, toCaseEvent(event))
        : event.revision === 0
          ? caseAggregate.fold([event])
          : caseAggregate.fold(await this.store.readStream(event.streamId, { maxCount: event.revision + 1 }));
    this.states.delete(event.streamId);
    this.states.set(event.streamId, { revision: event.revision, state });
    if (this.states.size > this.capacity) this.states.delete(this.states.keys().next().value!);
    return state;
  }
}

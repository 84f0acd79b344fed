import { RecordedEvent } from '@psp/event-store';
import {
  EVENT_SCHEMA_VERSIONS,
  MACHINE_VERSION,
  PersistedCase,
  PspCaseEvent,
  PspCaseState,
  applyEvent,
  initialCaseState,
  isPspCaseEventType,
  persistCase,
  restoreCase,
  upcastPspEvent,
} from '@psp/psp-case';
import { Aggregate } from '../command/execute-command';
import { assertNotPurged } from '../privacy/case-record-purged';

const PREFIX = 'psp-case-';

export function caseStreamId(caseId: string): string {
  return `${PREFIX}${caseId}`;
}

export function caseIdOf(streamId: string): string | undefined {
  return streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;
}

/** A stored event as the machine reads it, upcast to the current schema (`upcastPspEvent`). */
export function toCaseEvent(event: RecordedEvent): PspCaseEvent {
  if (!isPspCaseEventType(event.type)) throw new Error(`not a PSP case event: ${event.type}`);
  const version = event.metadata.schemaVersion;
  if (version === EVENT_SCHEMA_VERSIONS[event.type]) {
    return { type: event.type, schemaVersion: version, data: event.data } as PspCaseEvent;
  }
  return upcastPspEvent(event.type, Number(version), event.data);
}

/**
 * The state of a case: its events folded through the case machine (no second reducer). A purged
 * record (retention) has no state: folding it throws `CaseRecordPurgedError` (410 over HTTP).
 */
export const caseAggregate: Aggregate<PspCaseState> = {
  machineVersion: MACHINE_VERSION,
  fold: (events) => {
    assertNotPurged(events);
    return events.map(toCaseEvent).reduce(applyEvent, initialCaseState());
  },
  // One event at a time, for the fold cache (ADR 0023): the same machine transition as `fold`.
  initial: () => initialCaseState(),
  apply: (state, event) => {
    assertNotPurged([event]);
    return applyEvent(state, toCaseEvent(event));
  },
  persist: (state) => persistCase(state),
  restore: (snapshot) => restoreCase(snapshot as PersistedCase),
};

export function isCaseEventType(type: string): boolean {
  return isPspCaseEventType(type);
}

import { RecordedEvent } from '@psp/event-store';
import {
  EVENT_SCHEMA_VERSIONS,
  MACHINE_VERSION,
  PspCaseEvent,
  PspCaseState,
  applyEvent,
  initialCaseState,
  isPspCaseEventType,
  isReadableSchemaVersion,
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

/**
 * A stored event as the machine reads it: at its current schema, or at an older one the machine
 * still reads as recorded (`LEGACY_SCHEMA_VERSIONS`: AfisReexamined and AfisEnded at schema 1).
 */
export function toCaseEvent(event: RecordedEvent): PspCaseEvent {
  if (!isPspCaseEventType(event.type)) throw new Error(`not a PSP case event: ${event.type}`);
  const version = event.metadata.schemaVersion;
  if (!isReadableSchemaVersion(event.type, version)) {
    throw new Error(`no upcaster from ${event.type} v${version} to v${EVENT_SCHEMA_VERSIONS[event.type]}`);
  }
  return { type: event.type, schemaVersion: version, data: event.data } as PspCaseEvent;
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
};

export function isCaseEventType(type: string): boolean {
  return isPspCaseEventType(type);
}

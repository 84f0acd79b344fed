import { RecordedEvent } from '@psp/event-store';
import { CalendarDate } from '@psp/legal-kernel';

/**
 * The tombstone a retention purge leaves in a case stream, at revision n + 1 after events 0..n
 * were deleted. Dates and statuses only: no person reference, no association, no reasons.
 *
 * Contract relied on by the tamper-evidence verifier: `metadata.previousHash` is the hash of
 * event n (the last one deleted) and `data.purgedThroughRevision` is n.
 */
export const CASE_RECORD_PURGED = 'CaseRecordPurged';

export interface CaseRecordPurgedData {
  readonly purgedThroughRevision: number;
  readonly openedOn: CalendarDate;
  /** Each status the case took, from the day it took it (PD-1 statuses). */
  readonly statusHistory: readonly { readonly status: string; readonly on: CalendarDate }[];
  readonly finalStatus: string;
  /** The day the retention period ended, and the day the record was purged. */
  readonly retentionEndedOn: CalendarDate;
  readonly purgedOn: CalendarDate;
}

/** The case's record was purged at the end of its retention period: it reads as 410 Gone. */
export class CaseRecordPurgedError extends Error {
  readonly code = 'CASE_RECORD_PURGED';
  constructor(
    readonly streamId: string,
    readonly purgedOn: string | undefined,
  ) {
    super(
      `this case record was purged at the end of its retention period${purgedOn ? ` on ${purgedOn}` : ''}`,
    );
    this.name = 'CaseRecordPurgedError';
  }
}

export function isCaseRecordPurged(event: Pick<RecordedEvent, 'type'> | undefined): boolean {
  return event?.type === CASE_RECORD_PURGED;
}

/** Throws when the stream is a purged case record (its first readable event is the tombstone). */
export function assertNotPurged(events: readonly RecordedEvent[]): void {
  const first = events[0];
  if (first && isCaseRecordPurged(first)) {
    throw new CaseRecordPurgedError(first.streamId, (first.data as Partial<CaseRecordPurgedData>).purgedOn);
  }
}

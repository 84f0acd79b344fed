import { EventStore, NewEvent, RecordedEvent, WrongExpectedRevisionError } from '@psp/event-store';
import { CalendarDate, addDays, compareDates, dateOf, maxDate } from '@psp/legal-kernel';
import { MACHINE_VERSION, applyEvent, caseView, initialCaseState } from '@psp/psp-case';
import { Actor, PersonalDataVault } from '@psp/security';
import { CommandRefusedError } from '../command/command-errors';
import { eventIdFor } from '../command/deterministic-id';
import { executeCommand } from '../command/execute-command';
import { Clock } from '../cases/case-command-handler';
import { caseStreamId, toCaseEvent } from '../cases/case-stream';
import { eventHash } from '../integrity/event-hash';
import { CASE_RECORD_PURGED, CaseRecordPurgedData, isCaseRecordPurged } from './case-record-purged';
import { ClosedCaseStatus, isClosedCaseStatus } from './closed-statuses';
import { PersonalDataEraser } from './erasure';
import { DEFAULT_RETENTION_PARAMETERS, RetentionParameters, retentionSchedule } from './retention-parameters';

export const RETENTION_NOTICE_ISSUED = 'RetentionNoticeIssued';

/** The retention notices of one case (dates and statuses only); it outlives the purged record. */
export function retentionStreamId(caseId: string): string {
  return `psp-retention-${caseId}`;
}

/** A closed case as a view lists it: where the scheduler looks (re-checked against the stream). */
export interface ClosedCaseRow {
  readonly caseId: string;
  readonly departement: string;
  readonly status: string;
  /** ISO timestamp of the case's last event. */
  readonly lastEventAt: string;
}

export interface ClosedCases {
  /** Closed cases, of one département or of all. */
  list(departement?: string): Promise<ClosedCaseRow[]>;
}

export interface RetentionDue extends ClosedCaseRow {
  readonly status: ClosedCaseStatus;
  readonly purgeOn: CalendarDate;
  readonly noticeFrom: CalendarDate;
}

export interface RetentionOutcome {
  readonly caseId: string;
  readonly action: 'notice' | 'purge';
  readonly on: CalendarDate;
  readonly purgeOn: CalendarDate;
}

const RETENTION: Actor = { subject: 'retention-scheduler', role: 'system' };

/** Closed cases whose notice period has begun on `today` (GET /retention/due). */
export async function retentionDue(
  closed: ClosedCases,
  today: CalendarDate,
  departement?: string,
  parameters: RetentionParameters = DEFAULT_RETENTION_PARAMETERS,
): Promise<RetentionDue[]> {
  const due: RetentionDue[] = [];
  for (const row of await closed.list(departement)) {
    if (!isClosedCaseStatus(row.status)) continue;
    const schedule = retentionSchedule(row.status, dateOf(row.lastEventAt), parameters);
    if (compareDates(schedule.noticeFrom, today) <= 0) due.push({ ...row, status: row.status, ...schedule });
  }
  return due.sort((a, b) => compareDates(a.purgeOn, b.purgeOn));
}

/**
 * Enforces retention (R14): from `purgeOn - noticeDays` it records `RetentionNoticeIssued` for the
 * préfecture; from `purgeOn`, and no sooner than `noticeDays` after that notice, it purges the
 * record: the person's key is deleted (crypto-shredding, `PersonalDataErased` recorded), then the
 * case stream's events 0..n are deleted and the tombstone `CaseRecordPurged` is appended at n + 1,
 * chained to event n (`previousHash`). Every step has a deterministic id: a rerun or a second
 * scheduler writes nothing twice, and a purge interrupted between the steps finishes on the next run.
 */
export class RetentionScheduler {
  private readonly eraser: PersonalDataEraser;

  constructor(
    private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly closed: ClosedCases,
    private readonly parameters: RetentionParameters = DEFAULT_RETENTION_PARAMETERS,
    private readonly clock: Clock = () => new Date(),
    /** What else goes with the case (its documents' sealed bytes); idempotent, run before the tombstone. */
    private readonly purgeAlso: (caseId: string) => Promise<unknown> = async () => undefined,
  ) {
    this.eraser = new PersonalDataEraser(store, vault, clock);
  }

  async runOnce(): Promise<RetentionOutcome[]> {
    const today = dateOf(this.clock().toISOString());
    const outcomes: RetentionOutcome[] = [];
    for (const row of await this.closed.list()) {
      const outcome = await this.runCase(row.caseId, today);
      if (outcome) outcomes.push(outcome);
    }
    return outcomes;
  }

  private async runCase(caseId: string, today: CalendarDate): Promise<RetentionOutcome | undefined> {
    // The view only says where to look: the stream decides.
    const events = await this.store.readStream(caseStreamId(caseId));
    if (events.length === 0 || isCaseRecordPurged(events[0])) return undefined;
    const history = statusHistory(events);
    const status = history[history.length - 1]?.status;
    if (!status || !isClosedCaseStatus(status)) return undefined;
    const last = events[events.length - 1];
    const schedule = retentionSchedule(status, dateOf(last.metadata.occurredAt), this.parameters);
    if (compareDates(today, schedule.noticeFrom) < 0) return undefined;

    const notice = await this.noticeFor(caseId, schedule.purgeOn);
    if (!notice) {
      await this.recordNotice(caseId, status, schedule.purgeOn, today);
      return { caseId, action: 'notice', on: today, purgeOn: schedule.purgeOn };
    }
    const noticeOn = (notice.data as { issuedOn: CalendarDate }).issuedOn;
    const earliest = maxDate(schedule.purgeOn, addDays(noticeOn, schedule.noticeDays));
    if (compareDates(today, earliest) < 0) return undefined;
    return (await this.purge(caseId, events, history, schedule.purgeOn, today))
      ? { caseId, action: 'purge', on: today, purgeOn: schedule.purgeOn }
      : undefined;
  }

  private async noticeFor(caseId: string, purgeOn: CalendarDate): Promise<RecordedEvent | undefined> {
    const notices = await this.store.readStream(retentionStreamId(caseId));
    return notices.find(
      (e) => e.type === RETENTION_NOTICE_ISSUED && (e.data as { purgeOn?: string }).purgeOn === purgeOn,
    );
  }

  private async recordNotice(
    caseId: string,
    status: ClosedCaseStatus,
    purgeOn: CalendarDate,
    today: CalendarDate,
  ): Promise<void> {
    const streamId = retentionStreamId(caseId);
    const exists = (await this.store.streamRevision(streamId)) >= 0;
    await executeCommand(
      this.store,
      { machineVersion: 'retention@1', fold: (events) => events },
      streamId,
      {
        actor: { id: RETENTION.subject, role: RETENTION.role },
        commandId: `retention-notice:${caseId}:${purgeOn}`,
      },
      () => ({
        accepted: true,
        events: [
          {
            type: RETENTION_NOTICE_ISSUED,
            schemaVersion: 1,
            occurredAt: this.clock().toISOString(),
            data: { caseId, finalStatus: status, purgeOn, issuedOn: today },
          },
        ],
      }),
      { mode: exists ? 'update' : 'create' },
    );
  }

  private async purge(
    caseId: string,
    events: readonly RecordedEvent[],
    history: readonly { status: string; on: CalendarDate }[],
    purgeOn: CalendarDate,
    today: CalendarDate,
  ): Promise<boolean> {
    // 1. The key first: once the stream is purged, nothing names the person's key any more.
    try {
      await this.eraser.erase(
        { caseId, basis: 'retention' },
        { actor: RETENTION, commandId: `retention-erase:${caseId}` },
      );
    } catch (error) {
      // Already erased on the person's request: the key is gone, the purge goes on.
      if (!(error instanceof CommandRefusedError)) throw error;
    }
    const personRef = personRefOf(events);
    // Idempotent; finishes an interrupted erasure. The case also leaves its person (PSP-07): the
    // person's other cases keep counting; with her last case, her index entry goes too.
    if (personRef) await this.vault.eraseCase(caseId, personRef);
    await this.purgeAlso(caseId); // the documents' sealed bytes (docs/documents.md)

    // 2. Delete events 0..n and append the tombstone at n + 1, chained to event n.
    const last = events[events.length - 1];
    const commandId = `retention-purge:${caseId}`;
    const data: CaseRecordPurgedData = {
      purgedThroughRevision: last.revision,
      openedOn: history[0]?.on ?? dateOf(events[0].metadata.occurredAt),
      statusHistory: history,
      finalStatus: history[history.length - 1].status,
      retentionEndedOn: purgeOn,
      purgedOn: today,
    };
    const tombstone: NewEvent = {
      id: eventIdFor(commandId, 0),
      type: CASE_RECORD_PURGED,
      data,
      metadata: {
        actor: { id: RETENTION.subject, role: RETENTION.role },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        occurredAt: this.clock().toISOString(),
        schemaVersion: 1,
        machineVersion: MACHINE_VERSION,
        previousHash: eventHash(last),
      },
    };
    try {
      await this.store.purgeStream(caseStreamId(caseId), tombstone, { expectedRevision: last.revision });
      return true;
    } catch (error) {
      // An event arrived meanwhile: the next run looks again with the new last event.
      if (error instanceof WrongExpectedRevisionError) return false;
      throw error;
    }
  }
}

/** The status (PD-1) the case took after each event, with the day it took it; opening first. */
export function statusHistory(events: readonly RecordedEvent[]): { status: string; on: CalendarDate }[] {
  const history: { status: string; on: CalendarDate }[] = [];
  let state = initialCaseState();
  for (const event of events) {
    state = applyEvent(state, toCaseEvent(event));
    const status = caseView(state).status;
    if (history[history.length - 1]?.status !== status) {
      const data = event.data as { openedOn?: CalendarDate };
      history.push({ status, on: data.openedOn ?? dateOf(event.metadata.occurredAt) });
    }
  }
  return history;
}

function personRefOf(events: readonly RecordedEvent[]): string | undefined {
  const opened = events.find((e) => e.type === 'RequestOpened');
  return (opened?.data as { personRef?: string } | undefined)?.personRef;
}

import { EventStore, RecordedEvent } from '@psp/event-store';
import { CaseView, caseView } from '@psp/psp-case';
import { Actor } from '@psp/security';
import { StreamNotFoundError, caseStreamId, isCaseEventType } from '@psp/workflow';
import { foldWithRecordedMachine } from '../integrity/machine-versions';
import { readCaseForAuditor } from './auditor-scope';

/** The point of the past to replay to: everything recorded up to a moment, or up to a revision. */
export type AsOfPoint = { readonly date: string; readonly until: number } | { readonly revision: number };

/** A query parameter the auditor got wrong (answered 400, naming the field). */
export class InvalidAsOfError extends Error {
  constructor(
    readonly field: 'date' | 'revision',
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'InvalidAsOfError';
  }
}

/** The events up to that point do not fold (unknown machine version, damaged event): answered 409. */
export class CannotReplayError extends Error {
  constructor(reason: string) {
    super(`the case cannot be replayed: ${reason}; run the verification`);
    this.name = 'CannotReplayError';
  }
}

/** The case did not exist yet at that point (answered 404). */
export class NotYetRecordedError extends Error {
  constructor(readonly caseId: string) {
    super('nothing to replay at that point: the case was not recorded yet, or its record was purged');
    this.name = 'NotYetRecordedError';
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads `?date=` (a day, meaning its end in UTC, or an ISO timestamp with its offset) or
 * `?revision=` (a whole number); exactly one of them.
 */
export function parseAsOf(query: { date?: unknown; revision?: unknown }): AsOfPoint {
  const { date, revision } = query;
  if (date !== undefined && revision !== undefined) {
    throw new InvalidAsOfError('date', 'give either date or revision, not both');
  }
  if (revision !== undefined) {
    if (typeof revision !== 'string' || !/^\d{1,9}$/.test(revision)) {
      throw new InvalidAsOfError('revision', 'must be a whole number ≥ 0');
    }
    return { revision: Number(revision) };
  }
  if (date === undefined)
    throw new InvalidAsOfError('date', 'give date (YYYY-MM-DD or ISO timestamp) or revision');
  if (typeof date !== 'string') throw new InvalidAsOfError('date', 'must be YYYY-MM-DD or an ISO timestamp');
  const day = DAY.exec(date);
  if (day) {
    const end = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59, 999);
    if (new Date(end).toISOString().slice(0, 10) !== date) {
      throw new InvalidAsOfError('date', 'is not a calendar date');
    }
    return { date, until: end };
  }
  const until = TIMESTAMP.test(date) ? Date.parse(date) : NaN;
  if (Number.isNaN(until)) {
    throw new InvalidAsOfError(
      'date',
      'must be YYYY-MM-DD or an ISO timestamp with its offset (Z or ±hh:mm)',
    );
  }
  return { date, until };
}

export interface CaseAsOf {
  readonly caseId: string;
  /** The revision of the last event replayed. */
  readonly revision: number;
  /** When that event was recorded. */
  readonly recordedAt: string;
  readonly asOf: { readonly date?: string; readonly revision?: number };
  readonly departement: string;
  readonly associationId: string;
  readonly personRef: string;
  readonly openedOn: string;
  /** The same view GET /cases/{id} answers, folded from the events up to that point. */
  readonly view: CaseView;
}

/** The events up to the point: those recorded at or before the date, or up to the revision. */
export function eventsUpTo(events: readonly RecordedEvent[], point: AsOfPoint): RecordedEvent[] {
  if ('revision' in point) return events.filter((e) => e.revision <= point.revision);
  return events.filter((e) => Date.parse(e.recordedAt) <= point.until);
}

/**
 * GET /cases/{id}/as-of: the case as the engine knew it at a past moment (transaction time:
 * what had been recorded by then) or at a past revision, replayed through the same fold and view
 * as GET /cases/{id}, so the two answers have the same shape.
 */
export async function caseAsOf(
  store: EventStore,
  caseId: string,
  actor: Actor,
  point: AsOfPoint,
): Promise<CaseAsOf> {
  const events = await readCaseForAuditor((id) => store.readStream(id), caseId, actor);
  const last = events[events.length - 1].revision;
  if ('revision' in point && point.revision > last) {
    throw new InvalidAsOfError('revision', `the case's last revision is ${last}`);
  }
  const replayed = eventsUpTo(events, point);
  const caseEvents = replayed.filter((e) => isCaseEventType(e.type));
  if (caseEvents.length === 0 || caseEvents[0].revision !== 0) {
    // Nothing recorded yet at that point, or the events of that time were purged.
    throw new NotYetRecordedError(caseId);
  }
  if (caseEvents.length !== replayed.length) throw new StreamNotFoundError(caseStreamId(caseId));
  const fold = foldWithRecordedMachine(caseEvents);
  if (!fold.ok) throw new CannotReplayError(`revision ${fold.event.revision}: ${fold.reason}`);
  const state = fold.state;
  const context = state.context;
  const lastEvent = caseEvents[caseEvents.length - 1];
  return {
    caseId,
    revision: lastEvent.revision,
    recordedAt: lastEvent.recordedAt,
    asOf: 'revision' in point ? { revision: point.revision } : { date: point.date },
    departement: context.departement!,
    associationId: context.associationId!,
    personRef: context.personRef!,
    openedOn: context.openedOn!,
    view: caseView(state),
  };
}

import { EventStore, RecordedEvent } from '@psp/event-store';
import { CaseView, caseView } from '@psp/psp-case';
import { Actor } from '@psp/security';
import { StreamNotFoundError, caseStreamId, isCaseEventType } from '@psp/workflow';
import { foldWithRecordedMachine } from '../integrity/machine-versions';
import { readCaseForAuditor } from './auditor-scope';

/**
 * The point of the past to replay to: everything **recorded** up to a moment (transaction time:
 * what the engine knew then), everything **effective** up to a day (business time: the facts
 * dated on or before it, whenever they were recorded, so a back-dated decision counts from its
 * own date), or everything up to a revision.
 */
export type AsOfPoint =
  | { readonly date: string; readonly until: number; readonly basis: 'recorded' | 'effective' }
  | { readonly revision: number };

/** The query parameters of `GET /cases/{id}/as-of`; exactly one is given. */
export interface AsOfQuery {
  /** Recording time: a day (its end in UTC) or an ISO timestamp with its offset. */
  readonly recordedAt?: unknown;
  /** The older name of `recordedAt`. */
  readonly date?: unknown;
  /** Business time: a day; the facts dated on or before it. */
  readonly effectiveOn?: unknown;
  readonly revision?: unknown;
}

export type AsOfField = 'date' | 'recordedAt' | 'effectiveOn' | 'revision';

/** A query parameter the auditor got wrong (answered 400, naming the field). */
export class InvalidAsOfError extends Error {
  constructor(
    readonly field: AsOfField,
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

/** The end of a calendar day in UTC, or undefined when it is not a real day. */
function endOfDay(value: string): number | undefined {
  const day = DAY.exec(value);
  if (!day) return undefined;
  const end = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59, 999);
  return new Date(end).toISOString().slice(0, 10) === value ? end : undefined;
}

/**
 * Reads exactly one of `?recordedAt=` (or its older name `?date=`: a day, meaning its end in
 * UTC, or an ISO timestamp with its offset), `?effectiveOn=` (a day) and `?revision=`.
 */
export function parseAsOf(query: AsOfQuery): AsOfPoint {
  const given = (['effectiveOn', 'recordedAt', 'date', 'revision'] as const).filter(
    (name) => query[name] !== undefined,
  );
  if (given.length > 1) {
    throw new InvalidAsOfError(
      given[0],
      `give one of effectiveOn, recordedAt (or date) and revision, not ${given.join(' and ')}`,
    );
  }
  const [field] = given;
  if (field === undefined)
    throw new InvalidAsOfError(
      'date',
      'give effectiveOn (YYYY-MM-DD, business date), recordedAt (YYYY-MM-DD or ISO timestamp, recording time) or revision',
    );
  const value = query[field];
  if (field === 'revision') {
    if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) {
      throw new InvalidAsOfError('revision', 'must be a whole number ≥ 0');
    }
    return { revision: Number(value) };
  }
  if (field === 'effectiveOn') {
    const until = typeof value === 'string' ? endOfDay(value) : undefined;
    if (until === undefined) throw new InvalidAsOfError('effectiveOn', 'must be a calendar date YYYY-MM-DD');
    return { date: value as string, until, basis: 'effective' };
  }
  if (typeof value !== 'string') throw new InvalidAsOfError(field, 'must be YYYY-MM-DD or an ISO timestamp');
  if (DAY.test(value)) {
    const until = endOfDay(value);
    if (until === undefined) throw new InvalidAsOfError(field, 'is not a calendar date');
    return { date: value, until, basis: 'recorded' };
  }
  const until = TIMESTAMP.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(until)) {
    throw new InvalidAsOfError(field, 'must be YYYY-MM-DD or an ISO timestamp with its offset (Z or ±hh:mm)');
  }
  return { date: value, until, basis: 'recorded' };
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The business date of an event: the first calendar date of its data (the events put the date the
 * fact took effect first: `openedOn`, `decisionDate`, `notifiedOn`…), else the day it was recorded.
 */
export function effectiveDateOf(event: RecordedEvent): string {
  for (const value of Object.values((event.data ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && CALENDAR_DATE.test(value)) return value;
  }
  return event.recordedAt.slice(0, 10);
}

export interface CaseAsOf {
  readonly caseId: string;
  /** The revision of the last event replayed. */
  readonly revision: number;
  /** When that event was recorded. */
  readonly recordedAt: string;
  /** The point asked for; `basis`: `recorded` (what had been recorded then) or `effective` (facts dated by then). */
  readonly asOf: {
    readonly date?: string;
    readonly basis?: 'recorded' | 'effective';
    readonly revision?: number;
  };
  readonly departement: string;
  readonly associationId: string;
  readonly personRef: string;
  readonly openedOn: string;
  /** The same view GET /cases/{id} answers, folded from the events up to that point. */
  readonly view: CaseView;
}

/**
 * The events up to the point, in revision order: those recorded at or before the moment, those
 * whose business date is on or before the day, or those up to the revision.
 */
export function eventsUpTo(events: readonly RecordedEvent[], point: AsOfPoint): RecordedEvent[] {
  if ('revision' in point) return events.filter((e) => e.revision <= point.revision);
  if (point.basis === 'effective') return events.filter((e) => effectiveDateOf(e) <= point.date);
  return events.filter((e) => Date.parse(e.recordedAt) <= point.until);
}

/**
 * GET /cases/{id}/as-of: the case as the engine knew it at a past moment (recording time: what
 * had been recorded by then), as the facts stood on a past day (business time: the facts dated on
 * or before it, a back-dated decision included), or at a past revision, replayed through the same
 * fold and view as GET /cases/{id}, so the answers have the same shape. A business-date replay
 * that skips a later-recorded event the following ones depend on does not fold: 409.
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
    asOf: 'revision' in point ? { revision: point.revision } : { date: point.date, basis: point.basis },
    departement: context.departement!,
    associationId: context.associationId!,
    personRef: context.personRef!,
    openedOn: context.openedOn!,
    view: caseView(state),
  };
}

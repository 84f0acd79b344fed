import { RecordedEvent } from '@psp/event-store';
import { PspCaseContext } from '@psp/psp-case';
import { Actor } from '@psp/security';
import { ForbiddenCommandError, StreamNotFoundError, caseInScope, caseStreamId } from '@psp/workflow';

/** Type of the event a retention purge leaves at the head of a purged case stream. */
export const PURGE_TOMBSTONE_TYPE = 'CaseRecordPurged';

/**
 * The auditor tools are for auditors only (403 for every other role, with no detail about the
 * case), and an auditor of a département sees only that département's cases (404 otherwise).
 */
export function assertAuditor(actor: Actor): void {
  if (actor.role !== 'auditor') throw new ForbiddenCommandError(actor.role, ['auditor'], 'read');
}

/** The case's département and association, read from its events (or its purge tombstone). */
export function caseScopeOf(
  events: readonly RecordedEvent[],
): Pick<PspCaseContext, 'departement' | 'associationId'> {
  // Read from the opening's data (or the tombstone's), not through a fold: a history must stay
  // readable even when a later event no longer folds.
  const head = events.find((e) => e.type === 'RequestOpened' || e.type === PURGE_TOMBSTONE_TYPE);
  const data = (head?.data ?? {}) as { departement?: unknown; associationId?: unknown };
  return {
    departement: typeof data.departement === 'string' ? data.departement : undefined,
    associationId: typeof data.associationId === 'string' ? data.associationId : undefined,
  };
}

/** Reads a case stream for an auditor: 404 when it does not exist or lies outside the auditor's scope. */
export async function readCaseForAuditor(
  read: (streamId: string) => Promise<RecordedEvent[]>,
  caseId: string,
  actor: Actor,
): Promise<RecordedEvent[]> {
  assertAuditor(actor);
  const streamId = caseStreamId(caseId);
  const events = await read(streamId);
  if (events.length === 0) throw new StreamNotFoundError(streamId);
  const scope = caseScopeOf(events);
  if (scope.departement === undefined && actor.departement !== undefined) {
    throw new StreamNotFoundError(streamId);
  }
  if (!caseInScope(actor, scope)) throw new StreamNotFoundError(streamId);
  return events;
}

import { RecordedEvent } from '@psp/event-store';
import { MACHINE_VERSION, PspCaseState } from '@psp/psp-case';
import { Aggregate, caseAggregate, isCaseEventType } from '@psp/workflow';

/**
 * The case machines this code can replay, by the version events record in `metadata.machineVersion`
 * (ARCHITECTURE "versions are data": an old machine stays here when a new one ships).
 */
export const CASE_MACHINES: ReadonlyMap<string, Aggregate<PspCaseState>> = new Map([
  [MACHINE_VERSION, caseAggregate],
]);

export type CaseFold =
  | { readonly ok: true; readonly state: PspCaseState; readonly machineVersion: string }
  | { readonly ok: false; readonly event: RecordedEvent; readonly reason: string };

/**
 * Folds a case's events with the machine version that wrote them (the latest one a stream names;
 * each machine reads the events of the versions before it). A version this code does not know is
 * refused, never folded with another machine.
 */
export function foldWithRecordedMachine(events: readonly RecordedEvent[]): CaseFold {
  const caseEvents = events.filter((e) => isCaseEventType(e.type));
  for (const event of caseEvents) {
    const version = event.metadata.machineVersion;
    if (typeof version !== 'string' || !CASE_MACHINES.has(version)) {
      return {
        ok: false,
        event,
        reason: `written by machine version ${String(version)}, which this code does not know`,
      };
    }
  }
  const version = caseEvents[caseEvents.length - 1]?.metadata.machineVersion ?? MACHINE_VERSION;
  try {
    return { ok: true, state: CASE_MACHINES.get(version)!.fold(caseEvents), machineVersion: version };
  } catch (error) {
    return {
      ok: false,
      event: caseEvents[caseEvents.length - 1],
      reason: `the events do not fold through ${version}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

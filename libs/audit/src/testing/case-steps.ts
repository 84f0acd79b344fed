import { EventStore } from '@psp/event-store';
import { PspCaseEvent, decide } from '@psp/psp-case';
import { caseAggregate, caseStreamId, executeCommand } from '@psp/workflow';
import {
  apsNotApplicable,
  authorised,
  commissionOpinion,
  instructionCompleted,
  notified,
  requestOpened,
  submitted,
} from '../../../../state-machines/psp-case/src/testing/fixtures';

/** T1..T7 of a French national's case in département 69. */
export const LIFECYCLE: readonly PspCaseEvent[] = [
  requestOpened({ departement: '69' }),
  apsNotApplicable(),
  instructionCompleted(),
  submitted(),
  commissionOpinion('entry'),
  authorised(),
  notified(),
];

/** Issues LIFECYCLE[index] on the case: decided by the case machine, appended by executeCommand. */
export async function step(store: EventStore, caseId: string, index: number): Promise<void> {
  const event = LIFECYCLE[index];
  await executeCommand(
    store,
    caseAggregate,
    caseStreamId(caseId),
    { commandId: `${caseId}-command-${index}`, actor: { id: 'subject-under-test', role: 'association' } },
    ({ state }) => {
      const decision = decide(state, event);
      return decision.accepted
        ? { accepted: true, events: [{ ...event, occurredAt: `2024-01-0${index + 1}T10:00:00.000Z` }] }
        : { accepted: false, violations: decision.violations };
    },
    { mode: index === 0 ? 'create' : 'update' },
  );
}

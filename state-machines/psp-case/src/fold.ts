import { SnapshotFrom, initialTransition, transition } from 'xstate';
import { PspCaseEvent } from './events';
import { PspCaseInput } from './machine/context';
import { MACHINE_VERSION, pspCaseMachine } from './machine/psp-case.machine';
import { PspParameters } from './parameters';

/** The state of a case: the snapshot of its machine after folding its events. */
export type PspCaseState = SnapshotFrom<typeof pspCaseMachine>;

/** The state before any event (status `not_opened`), with the deployment's parameters. */
export function initialCaseState(input: PspCaseInput = {}): PspCaseState {
  const [snapshot] = initialTransition(pspCaseMachine, input);
  return snapshot;
}

/** One event through XState's pure `transition()` (no actor, no clock). */
export function applyEvent(state: PspCaseState, event: PspCaseEvent): PspCaseState {
  const [next] = transition(pspCaseMachine, state, event);
  return next;
}

/** The state of a case is the fold of its events through its machine (ARCHITECTURE: no second reducer). */
export function foldCase(events: readonly PspCaseEvent[], params?: PspParameters): PspCaseState {
  return events.reduce(applyEvent, initialCaseState(params ? { params } : {}));
}

/** The serialisable form of a case state (for snapshots of long streams): its state value and context. */
export interface PersistedCase {
  readonly machineVersion: string;
  readonly value: PspCaseState['value'];
  readonly context: PspCaseState['context'];
}

export function persistCase(state: PspCaseState): PersistedCase {
  return { machineVersion: MACHINE_VERSION, value: state.value, context: state.context };
}

/** Restores a persisted case (pure: `machine.resolveState`, no actor). */
export function restoreCase(persisted: PersistedCase): PspCaseState {
  if (persisted.machineVersion !== MACHINE_VERSION) {
    throw new Error(
      `snapshot of ${persisted.machineVersion} cannot be restored by ${MACHINE_VERSION}: replay the events`,
    );
  }
  return pspCaseMachine.resolveState({ value: persisted.value, context: persisted.context });
}

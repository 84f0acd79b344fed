import { AnyActorScope, SnapshotFrom, createActor } from 'xstate';
import { PspCaseEvent } from './events';
import { PspCaseInput } from './machine/context';
import { MACHINE_VERSION, pspCaseMachine } from './machine/psp-case.machine';
import { PspParameters, deploymentParameters } from './parameters';

/** The state of a case: the snapshot of its machine after folding its events. */
export type PspCaseState = SnapshotFrom<typeof pspCaseMachine>;

let inertScope: AnyActorScope | undefined;

/**
 * The scope the machine's pure transitions run in: an actor that is never started, and actions
 * collected by no one. XState's `transition()` / `initialTransition()` build such a scope on every
 * call, and building it computes the machine's initial snapshot each time: that was most of a
 * fold's time (bench/case-load). The case machine spawns no actor and its actions are `assign`s
 * (applied inside the transition itself), so one scope serves every transition with the same result.
 */
function pureScope(): AnyActorScope {
  if (inertScope) return inertScope;
  const self = createActor(pspCaseMachine, { input: {} });
  inertScope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: () => {},
  };
  return inertScope;
}

let defaultInitialState: { params: PspParameters; state: PspCaseState } | undefined;

/** The state before any event (status `not_opened`), with the deployment's parameters. */
export function initialCaseState(input: PspCaseInput = {}): PspCaseState {
  if (input.params !== undefined) return pspCaseMachine.getInitialSnapshot(pureScope(), input);
  // With the deployment's parameters (PD-5) it is always the same state: computed once per table
  // (snapshots are never mutated; every transition returns a new one).
  const params = deploymentParameters();
  if (defaultInitialState?.params !== params) {
    defaultInitialState = { params, state: pspCaseMachine.getInitialSnapshot(pureScope(), input) };
  }
  return defaultInitialState.state;
}

/** One event through the machine's pure transition (no started actor, no clock). */
export function applyEvent(state: PspCaseState, event: PspCaseEvent): PspCaseState {
  return pspCaseMachine.transition(state, event, pureScope());
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

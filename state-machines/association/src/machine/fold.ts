import { RuleResult, describeViolations } from '@psp/legal-kernel';
import { SnapshotFrom, initialTransition, transition } from 'xstate';
import { AgrementStreamEvent } from '../events';
import { AgrementParameters, DEFAULT_AGREMENT_PARAMETERS } from '../parameters';
import { AgrementMachine, agrementMachine, createAgrementMachine } from './agrement-machine';

export type AgrementSnapshot = SnapshotFrom<AgrementMachine>;

const machines = new WeakMap<AgrementParameters, AgrementMachine>([
  [DEFAULT_AGREMENT_PARAMETERS, agrementMachine],
]);

/** One machine per parameter table (the guards close over it). */
export function agrementMachineFor(
  parameters: AgrementParameters = DEFAULT_AGREMENT_PARAMETERS,
): AgrementMachine {
  let machine = machines.get(parameters);
  if (!machine) {
    machine = createAgrementMachine(parameters);
    machines.set(parameters, machine);
  }
  return machine;
}

/** A stored event the machine refuses: the stream is corrupt or needs an upcaster. */
export class AgrementReplayError extends Error {
  constructor(
    readonly position: number,
    readonly eventType: string,
    readonly violations: RuleResult,
  ) {
    super(
      `event #${position} (${eventType}) cannot be replayed: ${describeViolations(violations) || 'not allowed in this state'}`,
    );
    this.name = 'AgrementReplayError';
  }
}

/** The initial state of an association stream with no events. */
export function initialAgrementState(
  parameters: AgrementParameters = DEFAULT_AGREMENT_PARAMETERS,
): AgrementSnapshot {
  return initialTransition(agrementMachineFor(parameters))[0];
}

/**
 * The state of an association is the fold of its events through the machine with XState's pure
 * `transition()` (no actor, no clock). An event the machine refuses throws: stored history is fact.
 */
export function foldAgrement(
  events: readonly AgrementStreamEvent[],
  parameters: AgrementParameters = DEFAULT_AGREMENT_PARAMETERS,
  from?: AgrementSnapshot,
): AgrementSnapshot {
  const machine = agrementMachineFor(parameters);
  let snapshot = from ?? initialTransition(machine)[0];
  events.forEach((event, position) => {
    if (!snapshot.can(event)) throw new AgrementReplayError(position, event.type, []);
    [snapshot] = transition(machine, snapshot, event);
  });
  return snapshot;
}

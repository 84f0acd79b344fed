import { RuleResult, describeViolations, violation } from '@psp/legal-kernel';
import {
  AnyMachineSnapshot,
  AnyStateMachine,
  EventObject,
  getNextTransitions,
  initialTransition,
  transition,
} from 'xstate';

export type Decision<TSnapshot> =
  | { readonly accepted: true; readonly next: TSnapshot; readonly warnings: RuleResult }
  | { readonly accepted: false; readonly violations: RuleResult };

/** A stored event the machine refuses: the stream is corrupt or needs an upcaster. */
export class CommissionReplayError extends Error {
  constructor(
    readonly stream: string,
    readonly position: number,
    readonly eventType: string,
  ) {
    super(`${stream} event #${position} (${eventType}) cannot be replayed: not allowed in this state`);
    this.name = 'CommissionReplayError';
  }
}

/** Fold through XState's pure `initialTransition` / `transition` (no actor, no clock). */
export function foldWith<TSnapshot extends AnyMachineSnapshot, TEvent extends EventObject>(
  stream: string,
  machine: AnyStateMachine,
  events: readonly TEvent[],
  from?: TSnapshot,
): TSnapshot {
  let snapshot = (from ?? initialTransition(machine)[0]) as TSnapshot;
  events.forEach((event, position) => {
    if (!snapshot.can(event)) throw new CommissionReplayError(stream, position, event.type);
    snapshot = transition(machine, snapshot, event)[0] as TSnapshot;
  });
  return snapshot;
}

/** `can()` says whether the event is allowed; the rules say why not (PD-6). */
export function decideWith<TSnapshot extends AnyMachineSnapshot, TEvent extends EventObject>(
  machine: AnyStateMachine,
  state: TSnapshot,
  event: TEvent,
  rules: () => RuleResult,
  warnings: () => RuleResult,
  lifecycleRule: string,
  statusLabel: string,
): Decision<TSnapshot> {
  if (state.can(event)) {
    const next = transition(machine, state, event)[0] as TSnapshot;
    return { accepted: true, next, warnings: warnings() };
  }
  const handled = getNextTransitions(state).some((candidate) => candidate.eventType === event.type);
  const reasons = handled ? rules() : [];
  return {
    accepted: false,
    violations:
      reasons.length > 0
        ? reasons
        : violation(lifecycleRule, `${event.type} is not possible while ${statusLabel}`),
  };
}

export { describeViolations };

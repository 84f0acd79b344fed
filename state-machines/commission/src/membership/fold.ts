import { satisfied } from '@psp/legal-kernel';
import { SnapshotFrom } from 'xstate';
import { MembershipEvent, MembershipEventType } from '../events';
import { CommissionParameters, DEFAULT_COMMISSION_PARAMETERS } from '../parameters';
import { membershipEventRules } from '../rules/membership-rules';
import { Decision, decideWith, foldWith } from '../shared/runner';
import { CommissionMachine, commissionMachine, createCommissionMachine } from './commission-machine';

export type CommissionSnapshot = SnapshotFrom<CommissionMachine>;
export type CommissionDecision = Decision<CommissionSnapshot>;

const machines = new WeakMap<CommissionParameters, CommissionMachine>([
  [DEFAULT_COMMISSION_PARAMETERS, commissionMachine],
]);

export function commissionMachineFor(parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS) {
  let machine = machines.get(parameters);
  if (!machine) {
    machine = createCommissionMachine(parameters);
    machines.set(parameters, machine);
  }
  return machine;
}

/** The membership state is the fold of the `commission` stream through its machine. */
export function foldCommission(
  events: readonly MembershipEvent[],
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
  from?: CommissionSnapshot,
): CommissionSnapshot {
  return foldWith('commission', commissionMachineFor(parameters), events, from);
}

const LIFECYCLE_RULE: Record<MembershipEventType, string> = {
  CommissionConstituted: 'COM-01',
  MembersAppointed: 'COM-01',
  MemberTermRenewed: 'COM-02',
  MemberLeft: 'COM-02',
  MemberTrainingCompleted: 'COM-05',
};

export function decideCommission(
  state: CommissionSnapshot,
  event: MembershipEvent,
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
): CommissionDecision {
  return decideWith(
    commissionMachineFor(parameters),
    state,
    event,
    () => membershipEventRules(state.context, event, parameters),
    () => satisfied,
    LIFECYCLE_RULE[event.type],
    state.matches('constituted') ? 'the commission is constituted' : 'the commission is not constituted',
  );
}

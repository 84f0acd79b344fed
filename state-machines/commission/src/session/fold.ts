import { SnapshotFrom } from 'xstate';
import { SessionEvent, SessionEventType } from '../events';
import { CommissionParameters, DEFAULT_COMMISSION_PARAMETERS } from '../parameters';
import { sessionEventRules, sessionEventWarnings } from '../rules/session-rules';
import { Decision, decideWith, foldWith } from '../shared/runner';
import { SessionMachine, createSessionMachine, sessionMachine } from './session-machine';

export type SessionSnapshot = SnapshotFrom<SessionMachine>;
export type SessionDecision = Decision<SessionSnapshot>;

const machines = new WeakMap<CommissionParameters, SessionMachine>([
  [DEFAULT_COMMISSION_PARAMETERS, sessionMachine],
]);

export function sessionMachineFor(parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS) {
  let machine = machines.get(parameters);
  if (!machine) {
    machine = createSessionMachine(parameters);
    machines.set(parameters, machine);
  }
  return machine;
}

/** The session state is the fold of one `commission-session` stream through its machine. */
export function foldSession(
  events: readonly SessionEvent[],
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
  from?: SessionSnapshot,
): SessionSnapshot {
  return foldWith('commission-session', sessionMachineFor(parameters), events, from);
}

const LIFECYCLE_RULE: Record<SessionEventType, string> = {
  SessionConvened: 'COM-07',
  AgendaItemAdded: 'COM-07',
  InterestDeclared: 'ACL-02',
  ProxyGiven: 'COM-07',
  SessionOpened: 'COM-07',
  ItemDeliberated: 'COM-08',
  SessionClosed: 'COM-07',
  SessionCancelled: 'COM-07',
};

export function decideSession(
  state: SessionSnapshot,
  event: SessionEvent,
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
): SessionDecision {
  return decideWith(
    sessionMachineFor(parameters),
    state,
    event,
    () => sessionEventRules(state.context, event, parameters),
    () => sessionEventWarnings(state.context, event, parameters),
    LIFECYCLE_RULE[event.type],
    `the session is ${String(state.value)}`,
  );
}

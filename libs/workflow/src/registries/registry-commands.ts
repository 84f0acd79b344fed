import { RuleViolation } from '@psp/legal-kernel';
import { Role } from '@psp/security';
import { getNextTransitions } from 'xstate';
import { Decision } from '../command/execute-command';

/**
 * One registry command (PD-3): the route name, the event it becomes, the roles that may issue
 * it (rule book section 1.2) and a summary citing its rule. The request body is the event's data
 * minus the facts the server owns (ids, the deciding département, the roster, the case's association).
 */
export interface RegistryCommandSpec<EventType extends string = string> {
  readonly name: string;
  readonly eventType: EventType;
  readonly roles: readonly Role[];
  readonly summary: string;
}

export function findCommand<Spec extends RegistryCommandSpec>(
  catalogue: readonly Spec[],
  name: string,
): Spec | undefined {
  return catalogue.find((command) => command.name === name);
}

type MachineDecision =
  | { readonly accepted: true; readonly warnings: readonly RuleViolation[] }
  | { readonly accepted: false; readonly violations: readonly RuleViolation[] };

interface EventLike {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * A registry machine's decision as the workflow's: refusals keep the rule IDs (PD-6). When the
 * state takes this kind of event at all, the refusal is about the facts given (`input`, 422);
 * otherwise the lifecycle refuses it (`state`, 409).
 */
export function asWorkflowDecision(
  state: Parameters<typeof getNextTransitions>[0],
  event: EventLike,
  decision: MachineDecision,
  occurredAt: string,
): Decision {
  if (!decision.accepted) {
    const handled = getNextTransitions(state).some((candidate) => candidate.eventType === event.type);
    return { accepted: false, violations: decision.violations, kind: handled ? 'input' : 'state' };
  }
  return {
    accepted: true,
    events: [{ type: event.type, schemaVersion: event.schemaVersion, data: event.data, occurredAt }],
    warnings: decision.warnings,
  };
}

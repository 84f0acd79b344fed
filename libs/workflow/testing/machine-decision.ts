import { PspCaseEvent, decide } from '@psp/psp-case';
import { Decision, DecisionInput } from '../src/command/execute-command';

/**
 * A case command decided by the case machine alone, for tests that drive `executeCommand`
 * directly: the event accepted (with its warnings) or refused with the machine's rule IDs.
 * `handOnState`: the decision also gives the state it computed, as the case command handler
 * does (ADR 0026), so the fold cache goes on from it instead of applying the written event.
 */
export function machineDecision(
  event: PspCaseEvent,
  options: { readonly occurredAt?: string; readonly handOnState?: boolean } = {},
): (input: Pick<DecisionInput<Parameters<typeof decide>[0]>, 'state'>) => Decision {
  const occurredAt = options.occurredAt ?? '2024-01-01T10:00:00.000Z';
  return ({ state }) => {
    const decision = decide(state, event);
    if (!decision.accepted) return { accepted: false, violations: decision.violations, kind: 'state' };
    return {
      accepted: true,
      events: [{ ...event, occurredAt }],
      warnings: decision.warnings,
      ...(options.handOnState ? { state: decision.next } : {}),
    };
  };
}

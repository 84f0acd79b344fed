import { RuleResult, allOf, satisfied, violation } from '@psp/legal-kernel';
import { getNextTransitions, transition } from 'xstate';
import { AgrementEventType, AgrementStreamEvent } from '../events';
import { AgrementParameters, DEFAULT_AGREMENT_PARAMETERS } from '../parameters';
import { agr02ConditionsProved, fileItemsPresent } from '../rules/application-rules';
import { agrementEventRules } from '../rules/event-rules';
import { agrementStatus } from '../views/agrement-view';
import { AgrementSnapshot, agrementMachineFor } from './fold';

export type AgrementDecision =
  | { readonly accepted: true; readonly next: AgrementSnapshot; readonly warnings: RuleResult }
  | { readonly accepted: false; readonly violations: RuleResult };

/** The rule that governs each step of the lifecycle, cited when the state does not allow the event. */
const LIFECYCLE_RULE: Record<AgrementEventType, string> = {
  AgrementApplied: 'AGR-03',
  AgrementRenewalApplied: 'AGR-07',
  MissingDocumentsRequested: 'AGR-04',
  MissingDocumentsReceived: 'AGR-04',
  FileDeemedComplete: 'AGR-04',
  AgrementGranted: 'AGR-06',
  AgrementRefused: 'AGR-06',
  AgrementGrantedBySilence: 'AGR-05',
  AgrementRenewed: 'AGR-07',
  AgrementRenewalRefused: 'AGR-07',
  WithdrawalProposed: 'AGR-08',
  WithdrawalObservationsReceived: 'AGR-08',
  WithdrawalAbandoned: 'AGR-08',
  AgrementWithdrawn: 'AGR-08',
  AgrementExpired: 'AGR-06',
};

function lifecycleViolation(state: AgrementSnapshot, event: AgrementStreamEvent): RuleResult {
  const status = agrementStatus(state);
  if (state.matches('incomplete') || state.matches({ granted: { renewal: 'incomplete' } })) {
    if (event.type !== 'MissingDocumentsRequested') {
      return violation(
        event.type === 'AgrementGrantedBySilence' ? 'AGR-05' : 'AGR-04',
        'missing documents are awaited: the file is not complete',
        'missingDocuments',
      );
    }
  }
  if (event.type === 'AgrementApplied' && state.matches('granted')) {
    return violation('AGR-07', 'an agrément is in force: apply for its renewal instead');
  }
  return violation(
    LIFECYCLE_RULE[event.type],
    `${event.type} is not possible while the agrément is ${status}`,
  );
}

/** Accepted with warnings: the application lacks what the préfet will need to grant (AGR-02, AGR-10). */
function agrementWarnings(event: AgrementStreamEvent, parameters: AgrementParameters): RuleResult {
  if (event.type !== 'AgrementApplied' && event.type !== 'AgrementRenewalApplied') return satisfied;
  return allOf(
    agr02ConditionsProved(event.data),
    fileItemsPresent(event.data.fileItems, event.data.receivedOn, parameters),
  );
}

/**
 * Decides a candidate event against the folded state: the machine's `can()` says whether it is
 * allowed, the named rules say why not (PD-6). Nothing is written here; the caller appends `event`.
 */
export function decideAgrement(
  state: AgrementSnapshot,
  event: AgrementStreamEvent,
  parameters: AgrementParameters = DEFAULT_AGREMENT_PARAMETERS,
): AgrementDecision {
  if (state.can(event)) {
    const [next] = transition(agrementMachineFor(parameters), state, event);
    return { accepted: true, next, warnings: agrementWarnings(event, parameters) };
  }
  const handled = getNextTransitions(state).some((candidate) => candidate.eventType === event.type);
  const reasons = handled ? agrementEventRules(state.context, event, parameters) : [];
  return { accepted: false, violations: reasons.length > 0 ? reasons : lifecycleViolation(state, event) };
}

import { RuleResult, allOf, satisfied, violation } from '@psp/legal-kernel';
import { AgrementStreamEvent } from '../events';
import { AgrementContext, currentTerm, pendingRenewal } from '../machine/context';
import { AgrementParameters } from '../parameters';
import { agr02ConditionsProved, applicationAdmissible, fileItemsPresent } from './application-rules';
import {
  decisionBeforeSilence,
  deemedCompleteDue,
  missingDocumentsCovered,
  missingDocumentsRequestInTime,
  silenceFallenDue,
} from './clock-rules';
import {
  adversarialStepDone,
  decidedAfterReceipt,
  decidedByHeadOfficePrefet,
  expiryDue,
  refusalReasoned,
  renewalOfRunningAgrement,
  scopeWithinRequest,
  withdrawalGroundsValid,
} from './decision-rules';

function sameApplication(context: AgrementContext, applicationId: string): RuleResult {
  if (context.application === undefined) return violation('AGR-03', 'no application is under instruction');
  return context.application.applicationId === applicationId
    ? satisfied
    : violation('AGR-03', `application ${applicationId} is not the one under instruction`);
}

function sameAssociation(context: AgrementContext, associationId: string, headOffice: string): RuleResult {
  return allOf(
    context.associationId === undefined || context.associationId === associationId
      ? satisfied
      : violation('AGR-03', `this stream belongs to association ${context.associationId}`),
    context.headOfficeDepartement === undefined || context.headOfficeDepartement === headOffice
      ? satisfied
      : violation('AGR-03', 'a change of head office is a new agrément file (R.121-12-3)'),
  );
}

/**
 * The rules an event must satisfy given the context, whatever the state (the machine adds the
 * lifecycle: which events may happen in which state). The machine's guard and `decideAgrement`
 * both call this, so an accepted event and a refused command give the same reasons (PD-6).
 */
export function agrementEventRules(
  context: AgrementContext,
  event: AgrementStreamEvent,
  parameters: AgrementParameters,
): RuleResult {
  const application = context.application;
  switch (event.type) {
    case 'AgrementApplied':
      return allOf(
        sameAssociation(context, event.data.associationId, event.data.headOfficeDepartement),
        applicationAdmissible(event.data, parameters),
      );
    case 'AgrementRenewalApplied':
      return allOf(
        sameAssociation(context, event.data.associationId, event.data.headOfficeDepartement),
        renewalOfRunningAgrement(currentTerm(context), event.data.receivedOn),
        applicationAdmissible(event.data, parameters),
      );
    case 'MissingDocumentsRequested':
      if (application === undefined) return sameApplication(context, event.data.applicationId);
      return allOf(
        sameApplication(context, event.data.applicationId),
        missingDocumentsRequestInTime(
          application,
          event.data.requestedOn,
          event.data.missingItems,
          parameters,
        ),
      );
    case 'MissingDocumentsReceived':
      if (application === undefined) return sameApplication(context, event.data.applicationId);
      return allOf(
        sameApplication(context, event.data.applicationId),
        missingDocumentsCovered(application, event.data.receivedOn, event.data.items),
      );
    case 'FileDeemedComplete':
      if (application === undefined) return sameApplication(context, event.data.applicationId);
      return allOf(
        sameApplication(context, event.data.applicationId),
        deemedCompleteDue(application, event.data.on, parameters),
      );
    case 'AgrementGranted':
    case 'AgrementRenewed':
      if (application === undefined) return sameApplication(context, event.data.applicationId);
      return allOf(
        sameApplication(context, event.data.applicationId),
        decidedByHeadOfficePrefet(context, event.data.decidedByDepartement),
        decidedAfterReceipt(application.receivedOn, event.data.decidedOn),
        decisionBeforeSilence(application, event.data.decidedOn, parameters),
        scopeWithinRequest(application.requestedDepartements, event.data.departements),
        agr02ConditionsProved(application),
        fileItemsPresent(application.itemsOnFile, application.receivedOn, parameters),
      );
    case 'AgrementRefused':
    case 'AgrementRenewalRefused':
      if (application === undefined) return sameApplication(context, event.data.applicationId);
      return allOf(
        sameApplication(context, event.data.applicationId),
        decidedByHeadOfficePrefet(context, event.data.decidedByDepartement),
        decidedAfterReceipt(application.receivedOn, event.data.decidedOn),
        decisionBeforeSilence(application, event.data.decidedOn, parameters),
        refusalReasoned(event.data.reasons),
      );
    case 'AgrementGrantedBySilence':
      if (application === undefined) return sameApplication(context, event.data.applicationId);
      return allOf(
        sameApplication(context, event.data.applicationId),
        silenceFallenDue(application, event.data.on, parameters),
      );
    case 'WithdrawalProposed': {
      const term = currentTerm(context);
      return allOf(
        decidedByHeadOfficePrefet(context, event.data.proposedByDepartement),
        withdrawalGroundsValid(event.data.grounds),
        term !== undefined && event.data.proposedOn >= term.validFrom
          ? satisfied
          : violation('AGR-08', 'a withdrawal is proposed while an agrément is in force'),
      );
    }
    case 'WithdrawalObservationsReceived':
      return context.withdrawal !== undefined && event.data.receivedOn >= context.withdrawal.proposedOn
        ? satisfied
        : violation('AGR-08', 'observations answer a withdrawal proposal and cannot predate it');
    case 'WithdrawalAbandoned':
      return context.withdrawal !== undefined && event.data.decidedOn >= context.withdrawal.proposedOn
        ? satisfied
        : violation('AGR-08', 'only a proposed withdrawal can be abandoned, after its proposal');
    case 'AgrementWithdrawn':
      return allOf(
        decidedByHeadOfficePrefet(context, event.data.decidedByDepartement),
        withdrawalGroundsValid(event.data.grounds),
        adversarialStepDone(context.withdrawal, event.data.decidedOn, event.data.grounds),
      );
    case 'AgrementExpired':
      return expiryDue(
        currentTerm(context),
        event.data.on,
        event.schemaVersion >= 2 ? pendingRenewal(context) : undefined,
      );
  }
}

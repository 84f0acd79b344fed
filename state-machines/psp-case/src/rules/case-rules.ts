import { CalendarDate, RuleResult, RuleWarning, allOf, satisfied, violation } from '@psp/legal-kernel';
import {
  ClosedOther,
  CourtOrderedAuthorisation,
  DecisionNotified,
  InstructionCompleted,
  NonRenewalNotified,
  RenewalGranted,
  RenewalSubmitted,
  RequestOpened,
  Withdrawn,
} from '../events';
import { PspCaseContext } from '../machine/context';

/** T1 / PSP-01 / AGR-09: the person agrees, is a victim, and the association may instruct here. */
export function requestAdmissible(data: RequestOpened['data']): RuleResult {
  return allOf(
    data.associationAgrementValid
      ? satisfied
      : violation(
          'AGR-09',
          'the association has no valid agrément for this département on that date',
          'agrement',
        ),
    data.personAgrees
      ? satisfied
      : violation('PSP-01', "the person's agreement is missing", 'personAgreement'),
    data.victimOf.length > 0
      ? satisfied
      : violation(
          'PSP-01',
          'the parcours is for victims of prostitution, procuring or trafficking',
          'victimOf',
        ),
  );
}

/**
 * AGR-06 / AGR-09 (engine rule of section 6, from L.121-9 II): every filing by the association
 * (entry file, renewal, resumption) needs its agrément valid for the département on the filing
 * date, not only the opening. `undefined`: recorded before this check, replayed as accepted.
 */
export function agrementValidOnFiling(valid: boolean | undefined, filedOn: CalendarDate): RuleResult {
  return valid === false
    ? violation(
        'AGR-06',
        `the association holds no agrément valid for this département on ${filedOn}: it may not file for the person`,
        'agrement',
      )
    : satisfied;
}

/** PD-4 / Q14: a request for a minor goes on with a warning. */
export function requestWarnings(data: RequestOpened['data']): readonly RuleWarning[] {
  return data.minorOnRequest
    ? [{ rule: 'PD-4', message: 'the person is a minor: the request is accepted with a warning (Q14)' }]
    : [];
}

/** T2 / PSP-03 / PSP-04: the instruction and the signed parcours document (R.121-12-9, R.121-12-12). */
export function instructionComplete(data: InstructionCompleted['data']): RuleResult {
  return allOf(
    data.parcoursDocumentSigned
      ? satisfied
      : violation(
          'PSP-04',
          'the parcours document is not signed by the association and the person',
          'parcoursDocument',
        ),
    data.commitmentsListed
      ? satisfied
      : violation('PSP-03', "the instruction does not set out the person's commitments", 'commitments'),
    data.plannedActions.length > 0
      ? satisfied
      : violation('PSP-03', 'the instruction does not set out the planned actions', 'plannedActions'),
    data.plannedLengthMonths > 0
      ? satisfied
      : violation('PSP-03', 'the instruction does not set out the planned length', 'plannedLength'),
  );
}

/** PSP-14 / Q4: entry never requires that prostitution stopped; a missing sworn statement only warns. */
export function instructionWarnings(data: InstructionCompleted['data']): readonly RuleWarning[] {
  return data.swornStatementOfCessation
    ? []
    : [
        {
          rule: 'PSP-14',
          message: 'no sworn statement of cessation: not required for entry (CE 2021), needed for the APS',
        },
      ];
}

/** PSP-05 (R.121-12-10): the decision is notified to the person and to the instructing association. */
export function notifiedToBoth(data: DecisionNotified['data']): RuleResult {
  return allOf(
    data.toPerson
      ? satisfied
      : violation('PSP-05', 'the decision must be notified to the person', 'notificationToPerson'),
    data.toAssociation
      ? satisfied
      : violation(
          'PSP-05',
          'the decision must be notified to the instructing association',
          'notificationToAssociation',
        ),
  );
}

/** PSP-15 (CRPA L.211-2): an adverse decision gives its reasons. */
export function reasonsGiven(reasons: readonly string[]): RuleResult {
  return reasons.some((r) => r.trim().length > 0)
    ? satisfied
    : violation('PSP-15', 'a refusal must state its reasons', 'reasons');
}

/** PSP-03 / PSP-08 (R.121-12-9): the renewal file reports results, commitments kept and difficulties. */
export function renewalInstructionComplete(data: RenewalSubmitted['data']): RuleResult {
  return allOf(
    data.followUpDocumentUpdated
      ? satisfied
      : violation('PSP-04', 'the follow-up document (document de suivi) is not updated', 'followUpDocument'),
    data.resultsReported
      ? satisfied
      : violation('PSP-03', 'the renewal instruction does not report the results obtained', 'results'),
  );
}

/** PSP-08 (L.121-9 II al. 6): the renewal decision weighs commitments kept and difficulties. */
export function renewalDecisionWeighsCommitments(data: RenewalGranted['data']): RuleResult {
  return data.commitmentsAndDifficultiesConsidered
    ? satisfied
    : violation('PSP-08', 'the renewal decision must weigh the commitments kept and the difficulties met');
}

/**
 * PSP-09 (R.121-12-10; CRPA L.122-1): non-renewal only after the person could present observations,
 * on a proposal of the current decision cycle (a lapse, a resumption, a court order or a renewal
 * granted ends the cycle and clears its proposal: a proposal never carries into a later period).
 */
export function observationsStepDone(context: PspCaseContext, data: NonRenewalNotified['data']): RuleResult {
  const step = context.nonRenewal;
  if (!step) {
    return violation(
      'PSP-09',
      'the person must first be able to present observations: no non-renewal was proposed in the current decision cycle',
      'nonRenewalProposal',
    );
  }
  if (step.observationsReceivedOn === undefined && data.decisionDate <= step.observationsDeadline) {
    return violation(
      'PSP-09',
      `the observation period runs until ${step.observationsDeadline} and no observations were received`,
      'observations',
    );
  }
  return allOf(
    reasonsGiven(data.reasons),
    data.notifiedOn >= data.decisionDate
      ? satisfied
      : violation('DUR-04', 'notification cannot precede the decision'),
  );
}

/** PD-1: the person's own withdrawal is `Withdrawn`, recorded by the association; never a sanction. */
export function withdrawalByPerson(data: Withdrawn['data']): RuleResult {
  return data.byPerson
    ? satisfied
    : violation(
        'PD-1',
        "a withdrawal is always the person's act; a sanction is a non-renewal or the end of the AFIS",
      );
}

/** PD-1 / T18: `ClosedOther` is for death, leaving France or moving; the person's refusal is `Withdrawn`. */
export function closureReasonAllowed(data: ClosedOther['data']): RuleResult {
  return data.reason === 'written_refusal'
    ? violation(
        'PD-1',
        "the person's written refusal to continue is recorded as Withdrawn (PD-1 overrides 2.2)",
      )
    : satisfied;
}

/** T19 (CE 19 Nov 2021 n° 440802): a court order names its judgment date and court. */
export function courtOrderRecorded(data: CourtOrderedAuthorisation['data']): RuleResult {
  return data.court.trim().length > 0
    ? satisfied
    : violation('PSP-14', 'the judgment (court) is missing', 'judgment');
}

/** A decision cannot precede the fact it relies on (`PSP-02`: the opinions come before the decision). */
export function notBefore(
  rule: string,
  date: CalendarDate,
  earliest: CalendarDate | undefined,
  what: string,
): RuleResult {
  return earliest !== undefined && date < earliest
    ? violation(rule, `the decision of ${date} is dated before ${what} (${earliest})`)
    : satisfied;
}

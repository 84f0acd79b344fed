import {
  CalendarDate,
  RuleResult,
  addDays,
  addMonths,
  allOf,
  satisfied,
  valueOn,
  violation,
} from '@psp/legal-kernel';
import {
  ApsChecklist,
  ApsDecisionFacts,
  ApsRefused,
  NationalityDocument,
  PrefectureRequirement,
  VictimOf,
} from '../events';
import { PspCaseContext } from '../machine/context';
import { PspParameters } from '../parameters';
import { periodCovering } from './periods';

/**
 * D2 (instruction 2022, annexe 2): nationality is proved by a valid passport or, failing that, by
 * other documents at least one of which has a photo (consular card, identity card, consular
 * certificate…). An expired document must be confirmed by another, valid, document.
 */
export function nationalityProved(documents: readonly NationalityDocument[]): RuleResult {
  const withPhoto = documents.filter((d) => d.kind === 'passport' || d.hasPhoto);
  if (withPhoto.some((d) => d.valid)) return satisfied;
  const expired = withPhoto.find((d) => !d.valid);
  if (expired && documents.some((d) => d.valid)) return satisfied;
  if (expired) {
    return violation(
      'D2',
      'the nationality document has expired: another document must confirm it',
      'nationalityConfirmation',
    );
  }
  return violation(
    'D2',
    'nationality is not proved: a passport or another document with a photo is needed',
    'nationality',
  );
}

/** What the case itself provides for annexe 10: D7 (the authorisation) and D9 (the commission opinion). */
export interface ApsCaseDocuments {
  readonly pspAuthorised: boolean;
  readonly commissionOpinionOnFile: boolean;
}

/**
 * CESEDA annexe 10 line 45: D1..D10. D6 (visa fee, APS-11) is handed in on delivery and never blocks
 * filing. Never required: a complaint receipt (APS-07), a long-stay visa (APS-03), a passport when
 * other documents prove nationality (D2).
 */
export function apsChecklistComplete(
  checklist: ApsChecklist,
  caseDocuments: ApsCaseDocuments,
  filedOn: CalendarDate,
  params: PspParameters,
): RuleResult {
  return allOf(
    checklist.civilStatus !== 'missing'
      ? satisfied
      : violation('D1', 'the full birth certificate is missing', 'birthCertificate'),
    nationalityProved(checklist.nationalityDocuments),
    checklist.proofOfAddress
      ? satisfied
      : violation('D3', 'a proof of address under 6 months is missing', 'proofOfAddress'),
    checklist.nonPolygamyStatement !== 'missing'
      ? satisfied
      : violation('D4', 'the sworn statement of non-polygamy is missing', 'nonPolygamyStatement'),
    checklist.photos ? satisfied : violation('D5', 'the identity photos are missing', 'photos'),
    caseDocuments.pspAuthorised
      ? satisfied
      : violation('D7', "the préfet's authorisation to enter the PSP is missing", 'pspAuthorisation'),
    checklist.stopOfProstitutionDocuments
      ? satisfied
      : violation(
          'D8',
          'documents allowing the stop of prostitution to be assessed are missing',
          'stopOfProstitution',
        ),
    caseDocuments.commissionOpinionOnFile
      ? satisfied
      : violation('D9', "the commission's opinion is missing", 'commissionOpinion'),
    cerRequired(filedOn, params) && !checklist.cerSigned
      ? violation(
          'APS-13',
          `a signed contrat d'engagement républicain is required since ${params.cerRequiredFrom}`,
          'cer',
        )
      : satisfied,
  );
}

/** APS-13: the CER is required for applications from 17 July 2024 (parameter). */
export function cerRequired(on: CalendarDate, params: PspParameters): boolean {
  return on >= params.cerRequiredFrom;
}

/**
 * The requirements a clerk may NOT impose on an L.425-4 APS request: a complaint or criminal
 * proceedings (APS-07), a long-stay visa (APS-03), a passport when nationality is proved otherwise (D2).
 */
export function prefectureRequirementsAllowed(
  requirements: readonly PrefectureRequirement[],
  checklist: Pick<ApsChecklist, 'nationalityDocuments'>,
): RuleResult {
  return allOf(
    ...requirements.map((r): RuleResult => {
      switch (r) {
        case 'complaint_receipt':
        case 'criminal_proceedings_reference':
          return violation(
            'APS-07',
            'no complaint receipt or criminal proceedings may be required for the L.425-4 APS',
            'documents',
          );
        case 'long_stay_visa':
          return violation('APS-03', 'no long-stay visa is required (L.412-1 does not apply)', 'documents');
        case 'passport':
          return nationalityProved(checklist.nationalityDocuments).length === 0
            ? violation(
                'D2',
                'the passport cannot be required: other valid documents with a photo prove nationality',
                'documents',
              )
            : satisfied;
        default:
          return satisfied;
      }
    }),
  );
}

/** APS-01 (L.425-4) / PSP-10 (R.121-12-13): engaged in the PSP: a period with rights covers the decision date. */
export function engagedInPsp(context: PspCaseContext, on: CalendarDate): RuleResult {
  return periodCovering(context.periods, on) && context.rightsEndedOn === undefined
    ? satisfied
    : violation('APS-01', 'the person is not engaged in a running PSP on that date', 'pspAuthorisation');
}

/**
 * APS-02 (L.425-4; annexe 10; instruction 2022, annexe 2, NOTA): stopping prostitution is shown by
 * documents (D8). When in doubt the préfet *may* ask the police or gendarmerie (ACL-08: only then);
 * without that step, or while no answer came, the condition counts as met. Only a police answer that
 * the activity has not stopped stands against it.
 */
export function stopOfProstitutionShown(
  checklist: ApsChecklist | undefined,
  facts: Pick<ApsDecisionFacts, 'stopDoubted' | 'policeEnquiry'>,
): RuleResult {
  if (!checklist?.stopOfProstitutionDocuments) {
    return violation('APS-02', 'no evidence that prostitution has stopped', 'stopOfProstitution');
  }
  if (!facts.stopDoubted && facts.policeEnquiry !== undefined) {
    // ACL-08: the police or gendarmerie are asked only when there is doubt, and only by the préfet.
    return violation(
      'ACL-08',
      'a police enquiry on the stop is recorded without the préfet stating a doubt',
      'stopDoubted',
    );
  }
  if (facts.policeEnquiry === 'answered_not_stopped') {
    return violation(
      'APS-02',
      'the police or gendarmerie answered that prostitution has not stopped',
      'policeEnquiry',
    );
  }
  return satisfied;
}

/**
 * APS-01 (CESEDA L.425-4): the APS is for victims of trafficking (225-4-1 to 225-4-6) or procuring
 * (225-5 to 225-10). A person who is a victim of prostitution only may follow the PSP (L.121-9) but
 * cannot get this permit.
 */
export function apsVictimCondition(victimOf: readonly VictimOf[] | undefined): RuleResult {
  return victimOf === undefined || victimOf.some((v) => v === 'trafficking' || v === 'procuring')
    ? satisfied
    : violation(
        'APS-01',
        'the L.425-4 APS is for victims of trafficking or procuring; the PSP stays open to a victim of prostitution only',
        'victimOf',
      );
}

/**
 * An APS refusal (first request) or a refusal to renew it (APS-05) names a legal ground and gives
 * written reasons (CRPA L.211-2). A renewal is due while the conditions hold: it may be refused only
 * for public order (APS-06) or a condition no longer met (the stop, APS-02; the CER, APS-13; the
 * parcours, APS-01), each checked against the case. `stop_not_shown` needs the police answer that the
 * activity has not stopped (APS-02). A refusal written under schema 1 is judged as it was then.
 */
export function apsRefusalGrounded(
  context: PspCaseContext,
  refusal: ApsRefused['data'],
  schemaVersion: number,
  renewal: boolean,
): RuleResult {
  if (schemaVersion < 2) return satisfied;
  const rule = renewal ? 'APS-05' : 'PSP-15';
  const ground = (): RuleResult => {
    switch (refusal.reason) {
      case 'public_order':
        return satisfied;
      case 'stop_not_shown':
        return refusal.policeEnquiry === 'answered_not_stopped'
          ? satisfied
          : violation(
              'APS-02',
              'the stop of prostitution counts as shown unless the police or gendarmerie answered that it has not stopped',
              'policeEnquiry',
            );
      case 'cer_missing':
        return cerRequired(refusal.decisionDate, context.params) &&
          !(renewal ? context.aps.renewalCerSigned : context.aps.checklist?.cerSigned)
          ? satisfied
          : violation(
              'APS-13',
              "a signed contrat d'engagement républicain is on file (or not yet required)",
              'cer',
            );
      case 'not_in_psp':
        return engagedInPsp(context, refusal.decisionDate).length > 0
          ? satisfied
          : violation(
              'APS-05',
              'the person is still engaged in the PSP on the decision date',
              'pspAuthorisation',
            );
      default:
        return renewal
          ? violation(
              'APS-05',
              'the renewal is due while the conditions hold: refusing it needs a legal ground (public order, or a condition no longer met)',
              'reason',
            )
          : satisfied;
    }
  };
  return allOf(
    ground(),
    refusal.reasons.some((r) => r.trim().length > 0)
      ? satisfied
      : violation(rule, 'the refusal must give its reasons in writing', 'reasons'),
  );
}

/** APS-06 (L.412-5) and APS-08 (an OQTF blocks only when based on public order). */
export function noPublicOrderBar(facts: ApsDecisionFacts): RuleResult {
  return allOf(
    facts.publicOrderThreat
      ? violation('APS-06', "the person's presence is a threat to public order")
      : satisfied,
    facts.previousOqtf === 'public_order'
      ? violation('APS-08', 'a previous OQTF based on a threat to public order bars the APS')
      : satisfied,
  );
}

/** APS-01: validity of at least 6 months: the last valid day is no earlier than validFrom + 6 months − 1 day. */
export function apsValidityLongEnough(
  validFrom: CalendarDate,
  validTo: CalendarDate,
  params: PspParameters,
): RuleResult {
  const months = valueOn('apsMinimumValidityMonths', params.apsMinimumValidityMonths, validFrom);
  return validTo >= addDays(addMonths(validFrom, months), -1)
    ? satisfied
    : violation('APS-01', `the APS must be valid for at least ${months} months`);
}

/** APS issue: APS-01, APS-02, APS-06, APS-08, APS-09, APS-13 on the decision date. */
export function apsIssuable(
  context: PspCaseContext,
  facts: ApsDecisionFacts & { readonly validFrom: CalendarDate; readonly validTo: CalendarDate },
): RuleResult {
  const checklist = context.aps.checklist;
  return allOf(
    context.aps.filedOn !== undefined && context.aps.refusal === undefined
      ? satisfied
      : violation('APS-01', 'no APS request is filed and pending', 'apsRequest'),
    engagedInPsp(context, facts.decisionDate),
    apsVictimCondition(context.victimOf),
    context.aps.asylumClaimPending
      ? violation('APS-09', 'no APS is issued while the asylum claim is pending')
      : satisfied,
    stopOfProstitutionShown(checklist, facts),
    noPublicOrderBar(facts),
    cerRequired(facts.decisionDate, context.params) && !checklist?.cerSigned
      ? violation('APS-13', "no signed contrat d'engagement républicain on file", 'cer')
      : satisfied,
    apsValidityLongEnough(facts.validFrom, facts.validTo, context.params),
  );
}

/** APS-05: renewal is due while the PSP runs and the conditions still hold (APS-06, APS-13). */
export function apsRenewable(
  context: PspCaseContext,
  facts: ApsDecisionFacts & { readonly validFrom: CalendarDate; readonly validTo: CalendarDate },
): RuleResult {
  return allOf(
    engagedInPsp(context, facts.decisionDate).length === 0
      ? satisfied
      : violation('APS-05', 'the APS is renewed only while the person is still in the PSP', 'pspRenewal'),
    stopOfProstitutionShown(context.aps.checklist, facts),
    noPublicOrderBar(facts),
    cerRequired(facts.decisionDate, context.params) && !context.aps.renewalCerSigned
      ? violation('APS-13', "no signed contrat d'engagement républicain with the renewal", 'cer')
      : satisfied,
    apsValidityLongEnough(facts.validFrom, facts.validTo, context.params),
  );
}

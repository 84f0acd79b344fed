import {
  CalendarDate,
  RuleResult,
  allOf,
  firstDayOfNextMonth,
  satisfied,
  valueOn,
  violation,
} from '@psp/legal-kernel';
import { AfisRequested } from '../events';
import { PspCaseContext } from '../machine/context';
import { PspParameters, parameterOn } from '../parameters';
import { periodCovering } from './periods';

/** D.121-12-14: the monthly lump sum in cents for `children` dependent children, in force on `on`. */
export function afisAmount(children: number, on: CalendarDate, params: PspParameters): number {
  const scale = valueOn('afisAmounts', params.afisAmounts, on);
  if (children <= 0) return scale.base;
  if (children <= 3) return scale.withChildren[children - 1];
  return scale.withChildren[2] + (children - 3) * scale.perExtraChild;
}

/** Facts known on the decision date, besides the request. */
export interface AfisDecisionFacts {
  readonly decisionDate: CalendarDate;
  readonly ageOnDecisionDate: number;
}

/** AFIS-01 / PSP-10 (R.121-12-13): the authorisation opens the AFIS; engaged in the PSP on the decision date (authorisation or renewal granted). */
export function afisEngagedInPsp(context: PspCaseContext, on: CalendarDate): RuleResult {
  return periodCovering(context.periods, on) && context.rightsEndedOn === undefined
    ? satisfied
    : violation('AFIS-01', 'the person is not engaged in the PSP on the decision date', 'pspAuthorisation');
}

/** AFIS-03 (R.121-12-13-1 2°; L.411-1): nationality or a qualifying residence document, incl. the case's own APS. */
export function afisResidenceConditionMet(
  request: AfisRequested['data'],
  apsValidOnDecision: boolean,
): RuleResult {
  if (request.nationalityCategory !== 'third_country') return satisfied;
  if (apsValidOnDecision) return satisfied;
  const qualifying = ['l411_1_title', 'renewal_receipt', 'aps_with_work'];
  return qualifying.includes(request.residenceDocument)
    ? satisfied
    : violation(
        'AFIS-03',
        'no qualifying residence document (a first-application receipt or asylum certificate does not count)',
        'residenceDocument',
      );
}

/**
 * AFIS-01..AFIS-05, all checked on the decision date (4.1). AFIS-04 compares last month's household
 * resources with the RSA single-person lump sum in force then (PD-5).
 */
export function afisEligible(
  context: PspCaseContext,
  request: AfisRequested['data'] | undefined,
  facts: AfisDecisionFacts,
): RuleResult {
  if (!request) return violation('AFIS-06', 'no AFIS request is on file', 'afisRequest');
  const params = context.params;
  const majority = valueOn('ageOfMajority', params.ageOfMajority, facts.decisionDate);
  const threshold = parameterOn('rsaSinglePersonCents', params.rsaSinglePersonCents, facts.decisionDate);
  return allOf(
    afisEngagedInPsp(context, facts.decisionDate),
    facts.ageOnDecisionDate >= majority
      ? satisfied
      : violation('AFIS-02', `the person must be ${majority} or older on the decision date`),
    afisResidenceConditionMet(request, apsValidOn(context, facts.decisionDate)),
    threshold === undefined
      ? violation('PD-5', `no RSA single-person amount is in force on ${facts.decisionDate}`, 'rsaThreshold')
      : request.previousMonthHouseholdResourcesCents < threshold
        ? satisfied
        : violation(
            'AFIS-04',
            "last month's household resources are not below the RSA single-person lump sum",
          ),
    request.rsaReceivedOrClaimable
      ? violation('AFIS-05', 'the person receives or could claim the RSA')
      : satisfied,
    request.adaReceivedOrClaimable
      ? violation('AFIS-05', 'the person receives or could claim the ADA')
      : satisfied,
  );
}

/** AFIS-06 (L.121-9 II al. 4): the préfet decides after the commission's opinion. */
export function afisOpinionOnFile(context: PspCaseContext): RuleResult {
  return context.afis.commissionOpinion
    ? satisfied
    : violation('AFIS-06', 'the commission opinion (avis) on the AFIS is missing', 'commissionOpinion');
}

/** R.121-12-13-2 / T20: payment stops from the month after the préfet's decision. */
export function afisEndsFrom(decisionDate: CalendarDate): CalendarDate {
  return firstDayOfNextMonth(decisionDate);
}

/** The case's own APS is valid on `on` (AFIS-03: an APS allowing work qualifies). */
export function apsValidOn(context: PspCaseContext, on: CalendarDate): boolean {
  const { validFrom, validTo, workAllowed } = context.aps;
  return workAllowed && validFrom !== undefined && validTo !== undefined && validFrom <= on && on <= validTo;
}

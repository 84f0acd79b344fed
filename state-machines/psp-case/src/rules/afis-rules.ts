import {
  CalendarDate,
  RuleResult,
  addDays,
  allOf,
  firstDayOfNextMonth,
  satisfied,
  valueOn,
  violation,
} from '@psp/legal-kernel';
import { AfisEnded, AfisRequested } from '../events';
import { PspCaseContext } from '../machine/context';
import { AfisAmountScale, PspParameters, parameterOn } from '../parameters';
import { periodCovering } from './periods';

/** CASF D.541-2-1: Mayotte has its own AFIS scale. */
export const MAYOTTE = '976';

/** The scale series of a département: Mayotte's (D.541-2-1) in 976, D.121-12-14 elsewhere. */
function scaleSeries(params: PspParameters, departement: string | undefined) {
  return departement === MAYOTTE
    ? { name: 'afisAmountsMayotte', series: params.afisAmountsMayotte }
    : { name: 'afisAmounts', series: params.afisAmounts };
}

/** The text that sets the scale in force on `on` in `departement` (why a month has its amount). */
export function afisScaleBasis(on: CalendarDate, params: PspParameters, departement?: string): string {
  const { series } = scaleSeries(params, departement);
  return series.find((v) => v.from <= on && (v.to === undefined || on <= v.to))?.source ?? '';
}

/**
 * D.121-12-14 (D.541-2-1 in Mayotte): the monthly lump sum in cents for `children` dependent
 * children, in force on `on`, in `departement` (the national scale when none is given).
 */
export function afisAmount(
  children: number,
  on: CalendarDate,
  params: PspParameters,
  departement?: string,
): number {
  const { name, series } = scaleSeries(params, departement);
  const scale: AfisAmountScale = valueOn(name, series, on);
  if (children <= 0) return scale.base;
  if (children <= 3) return scale.withChildren[children - 1];
  return scale.withChildren[2] + (children - 3) * scale.perExtraChild;
}

/**
 * AFIS-04 / PD-5: a request can only be measured on a date the tables cover: the RSA lump sum
 * (the threshold) and the AFIS scale, which starts on 15 April 2017 (décret 2017-542).
 */
export function afisRequestDateCovered(
  requestedOn: CalendarDate,
  params: PspParameters,
  departement?: string,
): RuleResult {
  const { name, series } = scaleSeries(params, departement);
  if (parameterOn('rsaSinglePersonCents', params.rsaSinglePersonCents, requestedOn) === undefined) {
    const first = [...params.rsaSinglePersonCents].sort((a, b) => (a.from < b.from ? -1 : 1))[0]?.from;
    return violation(
      'PD-5',
      `no RSA single-person amount is known on the request date ${requestedOn}` +
        (first ? ` (the table starts on ${first})` : ''),
      'requestedOn',
    );
  }
  if (parameterOn(name, series, requestedOn) === undefined) {
    return violation(
      'PD-5',
      `no AFIS amount is in force on the request date ${requestedOn} (the AFIS exists from 15 April 2017, décret 2017-542)`,
      'requestedOn',
    );
  }
  return satisfied;
}

/**
 * F1 / PD-1: an AFIS request needs a case that is still open: not closed, withdrawn, completed,
 * not renewed or refused (a lapsed or interrupted parcours may resume, so it may ask again).
 */
export function afisRequestAdmissible(context: PspCaseContext, request: AfisRequested['data']): RuleResult {
  if (context.openedOn === undefined) return violation('T1', 'the case is not opened');
  const last = context.decisions[context.decisions.length - 1];
  const closedBy = context.closure
    ? 'closed'
    : context.withdrawnOn
      ? 'withdrawn'
      : context.completedOn
        ? 'completed'
        : last?.kind === 'not_renewed'
          ? 'not renewed'
          : last?.kind === 'refused' && context.periods.length === 0
            ? 'refused'
            : undefined;
  return allOf(
    closedBy
      ? violation('AFIS-01', `the parcours is ${closedBy}: the case takes no new AFIS request`)
      : satisfied,
    afisRequestDateCovered(request.requestedOn, context.params, context.departement),
  );
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
 * AFIS-01..AFIS-05, checked on the decision date (4.1), except AFIS-04: the household resources of
 * the month before the *request* are compared with the RSA single-person lump sum in force on the
 * request date (R.121-12-13-1 3°), not on the decision date.
 */
export function afisEligible(
  context: PspCaseContext,
  request: AfisRequested['data'] | undefined,
  facts: AfisDecisionFacts,
): RuleResult {
  if (!request) return violation('AFIS-06', 'no AFIS request is on file', 'afisRequest');
  const params = context.params;
  const majority = valueOn('ageOfMajority', params.ageOfMajority, facts.decisionDate);
  const threshold = parameterOn('rsaSinglePersonCents', params.rsaSinglePersonCents, request.requestedOn);
  return allOf(
    afisEngagedInPsp(context, facts.decisionDate),
    facts.ageOnDecisionDate >= majority
      ? satisfied
      : violation('AFIS-02', `the person must be ${majority} or older on the decision date`),
    afisResidenceConditionMet(request, apsValidOn(context, facts.decisionDate)),
    threshold === undefined
      ? violation(
          'PD-5',
          `no RSA single-person amount is known on the request date ${request.requestedOn}`,
          'rsaThreshold',
        )
      : request.previousMonthHouseholdResourcesCents < threshold
        ? satisfied
        : violation(
            'AFIS-04',
            `the household resources of the month before the request are not below the RSA single-person lump sum in force on ${request.requestedOn} (${(threshold / 100).toFixed(2)} €)`,
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

/**
 * T20 / R.121-12-13-2: only the préfet ends the AFIS, for a breach of the commitments or conditions
 * no longer met, with written reasons (CRPA L.211-2), after the person could answer (CRPA L.121-1,
 * L.122-1): invited before the decision, and either the answer came or the time to answer (the
 * observation days, PD-4) passed. Schema 1 events, stored before these checks, are read as recorded.
 */
export function afisEndDecisionLawful(context: PspCaseContext, event: AfisEnded): RuleResult {
  if (event.schemaVersion === 1) return satisfied;
  const { decisionDate, reason, reasons, personInvitedToAnswerOn, answerReceivedOn } = event.data;
  const days = valueOn('observationDays', context.params.observationDays, decisionDate);
  const answerable = personInvitedToAnswerOn
    ? personInvitedToAnswerOn > decisionDate
      ? violation('T20', 'the invitation to answer must precede the decision', 'personInvitedToAnswerOn')
      : (answerReceivedOn !== undefined &&
            answerReceivedOn >= personInvitedToAnswerOn &&
            answerReceivedOn <= decisionDate) ||
          addDays(personInvitedToAnswerOn, days) <= decisionDate
        ? satisfied
        : violation(
            'T20',
            `the person has ${days} days from ${personInvitedToAnswerOn} to answer before the préfet may end the AFIS (CRPA L.122-1)`,
            'answerReceivedOn',
          )
    : violation(
        'T20',
        'the person must first be able to answer before the préfet ends the AFIS (CRPA L.121-1, L.122-1)',
        'personInvitedToAnswerOn',
      );
  return allOf(
    reason === 'breach' || reason === 'conditions_lost'
      ? satisfied
      : violation(
          'T20',
          'the préfet may end the AFIS only for a breach or conditions no longer met (R.121-12-13-2)',
        ),
    (reasons ?? []).some((text) => typeof text === 'string' && text.trim().length > 0)
      ? satisfied
      : violation(
          'T20',
          "the préfet's decision to end the AFIS must give written reasons (CRPA L.211-2)",
          'reasons',
        ),
    answerable,
  );
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

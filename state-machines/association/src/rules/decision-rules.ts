import { CalendarDate, RuleResult, addDays, allOf, satisfied, violation } from '@psp/legal-kernel';
import { WITHDRAWAL_GROUNDS, WithdrawalGround } from '../events';
import {
  AgrementContext,
  AgrementTerm,
  ApplicationOnFile,
  WithdrawalProcedure,
  lastValidDay,
} from '../machine/context';

/** AGR-06 (R.121-12-3; R.121-12-5): the préfet of the head-office département decides. */
export function decidedByHeadOfficePrefet(context: AgrementContext, departement: string): RuleResult {
  return context.headOfficeDepartement === undefined || context.headOfficeDepartement === departement
    ? satisfied
    : violation(
        'AGR-06',
        `only the préfet of the head-office département (${context.headOfficeDepartement}) decides, not ${departement}`,
      );
}

/** AGR-09: the decision names at least one département, each one among those requested. */
export function scopeWithinRequest(requested: readonly string[], named: readonly string[]): RuleResult {
  return allOf(
    named.length > 0
      ? satisfied
      : violation('AGR-09', 'the decision must name the départements it covers', 'departements'),
    ...named
      .filter((departement) => !requested.includes(departement))
      .map((departement) => violation('AGR-09', `département ${departement} was not requested`)),
  );
}

/** CRPA L.211-2 applied to AGR-06 / AGR-07: a refusal states its reasons. */
export function refusalReasoned(reasons: readonly string[]): RuleResult {
  return reasons.some((reason) => reason.trim().length > 0)
    ? satisfied
    : violation('AGR-06', 'a refusal must state its reasons (CRPA L.211-2)', 'reasons');
}

/** A decision cannot predate the file it decides on. */
export function decidedAfterReceipt(receivedOn: CalendarDate, decidedOn: CalendarDate): RuleResult {
  return decidedOn >= receivedOn
    ? satisfied
    : violation('AGR-06', `the decision (${decidedOn}) predates the receipt of the file (${receivedOn})`);
}

/** AGR-07 (R.121-12-4): a renewal is asked for while the agrément runs. */
export function renewalOfRunningAgrement(
  term: AgrementTerm | undefined,
  receivedOn: CalendarDate,
): RuleResult {
  if (term === undefined) return violation('AGR-07', 'there is no agrément to renew');
  return receivedOn <= term.validTo
    ? satisfied
    : violation('AGR-07', `the agrément expired on ${term.validTo}: file a new application, not a renewal`);
}

/** AGR-08 (R.121-12-5): a withdrawal names one or more of the five grounds. */
export function withdrawalGroundsValid(grounds: readonly WithdrawalGround[]): RuleResult {
  return allOf(
    grounds.length > 0
      ? satisfied
      : violation('AGR-08', 'a withdrawal must state one of the five grounds of R.121-12-5', 'grounds'),
    ...grounds
      .filter((ground) => !WITHDRAWAL_GROUNDS.includes(ground))
      .map((ground) => violation('AGR-08', `not a withdrawal ground of R.121-12-5: ${ground}`)),
  );
}

/**
 * AGR-08 (CRPA L.122-1): the agrément is withdrawn only after the association could present its
 * observations: they were received, or the observation period is over.
 */
export function adversarialStepDone(
  procedure: WithdrawalProcedure | undefined,
  decidedOn: CalendarDate,
  grounds: readonly WithdrawalGround[],
): RuleResult {
  if (procedure === undefined) {
    return violation(
      'AGR-08',
      'no withdrawal without the adversarial step: propose the withdrawal and hear the observations first',
      'withdrawalProposed',
    );
  }
  const heard =
    procedure.observationsReceivedOn !== undefined
      ? decidedOn >= procedure.observationsReceivedOn
      : decidedOn > procedure.observationsDueOn;
  return allOf(
    heard
      ? satisfied
      : violation(
          'AGR-08',
          `the association may present observations until ${procedure.observationsDueOn}; decide after that`,
          'observations',
        ),
    ...grounds
      .filter((ground) => !procedure.grounds.includes(ground))
      .map((ground) =>
        violation('AGR-08', `ground ${ground} was not put to the association in the adversarial step`),
      ),
  );
}

/**
 * AGR-06 (system): the term expires the day after its last day of validity; AGR-07 (R.121-12-4):
 * not while a renewal filed before that day is undecided (it keeps the agrément in force).
 */
export function expiryDue(
  term: AgrementTerm | undefined,
  on: CalendarDate,
  renewal?: ApplicationOnFile,
): RuleResult {
  if (term === undefined) return violation('AGR-06', 'there is no agrément to expire');
  if (renewal !== undefined)
    return violation(
      'AGR-07',
      `the renewal filed on ${renewal.receivedOn}, before the agrément's last day (${term.validTo}), is undecided: the agrément stays in force until it is decided (R.121-12-4)`,
    );
  const last = lastValidDay(term);
  const expiresOn = addDays(last, 1);
  return on >= expiresOn ? satisfied : violation('AGR-06', `the agrément runs until ${last}`);
}

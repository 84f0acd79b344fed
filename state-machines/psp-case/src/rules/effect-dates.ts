import { CalendarDate, RuleResult, addDays, allOf, satisfied, valueOn, violation } from '@psp/legal-kernel';
import { DecisionCycle } from '../machine/context';
import { PspParameters } from '../parameters';

/**
 * Backdating (docs/adr/0009). PSP-02: a decision rests on the opinions of its cycle, so it cannot take
 * effect before them. DUR-05: it takes effect on the date it states, at most `maxBackdatingDays`
 * days before its decision date (a date-effective product parameter, PD-5).
 */
export function effectDateAllowed(
  effectiveFrom: CalendarDate,
  decisionDate: CalendarDate,
  cycle: DecisionCycle,
  params: PspParameters,
): RuleResult {
  const maxDays = valueOn('maxBackdatingDays', params.maxBackdatingDays, decisionDate);
  const earliest = addDays(decisionDate, -maxDays);
  const opinion = (date: CalendarDate | undefined, what: string): RuleResult =>
    date !== undefined && effectiveFrom < date
      ? violation('PSP-02', `the decision cannot take effect on ${effectiveFrom}, before ${what} (${date})`)
      : satisfied;
  return allOf(
    opinion(cycle.commissionOpinion?.recordedOn, 'the commission opinion it rests on'),
    opinion(cycle.associationOpinion?.givenOn, 'the association opinion it rests on'),
    effectiveFrom < earliest
      ? violation(
          'DUR-05',
          `the decision of ${decisionDate} cannot take effect on ${effectiveFrom}: at most ${maxDays} days before the decision date (from ${earliest})`,
          'effectiveFrom',
        )
      : satisfied,
  );
}

/**
 * PD-4 (docs/adr/0009): a renewal continues the rights only if it was decided by the period's last
 * day; decided later, it is refused and the case lapses at the period end (a resumption, T16, brings
 * the rights back). The rule reads the decision date, not the order in which the decision and the
 * deadline job reach the case.
 */
export function renewalDecidedInTime(decisionDate: CalendarDate, periodLastDay: CalendarDate): RuleResult {
  return decisionDate <= periodLastDay
    ? satisfied
    : violation(
        'PD-4',
        `the period ended on ${periodLastDay}: a renewal decided on ${decisionDate}, after it, cannot continue it; the case lapses and a resumption (T16) is needed`,
      );
}

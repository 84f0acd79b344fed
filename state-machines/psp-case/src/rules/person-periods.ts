import { CalendarDate, RuleResult, satisfied, violation } from '@psp/legal-kernel';
import { PersonPeriodFact } from '../events';
import { Period, PspCaseContext } from '../machine/context';

/**
 * PSP-06 / PSP-07 (R.121-12-10 paragraphs 3 and 4): the cap belongs to the person. Every count of
 * rights used (cap, final period, budget left) adds the periods the person held in other cases,
 * recorded as facts in the decisions, to the case's own periods. The arithmetic itself stays in
 * `periods.ts`; this file only says which periods it is given.
 */
export function personPeriods(context: PspCaseContext): readonly Period[] {
  const elsewhere = context.otherCasePeriods ?? [];
  return elsewhere.length === 0 ? context.periods : [...elsewhere, ...context.periods];
}

/** The facts of a decision as periods (`periods.ts` counts them like the case's own). */
export function periodsFromFacts(facts: readonly PersonPeriodFact[]): readonly Period[] {
  return [...facts]
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    .map((fact) => ({
      index: fact.index,
      kind: fact.kind,
      start: fact.start,
      plannedEnd: fact.end,
      end: fact.end,
      shortened: false,
      ...(fact.stopReason ? { stopReason: fact.stopReason } : {}),
      caseId: fact.caseId,
    }));
}

/** The context as a decision carrying person facts sees it (facts absent: what the case already knew). */
export function withPersonFacts(
  context: PspCaseContext,
  facts: readonly PersonPeriodFact[] | undefined,
): PspCaseContext {
  return facts === undefined ? context : { ...context, otherCasePeriods: periodsFromFacts(facts) };
}

/**
 * PSP-07: a person holds one parcours at a time. A period starting on `start` may not begin while
 * the person still holds rights in another case: that case must end first (closure, withdrawal,
 * completion), then its periods count here.
 */
export function noRightsElsewhere(context: PspCaseContext, start: CalendarDate): RuleResult {
  const overlapping = context.otherCasePeriods?.find((p) => p.end >= start);
  return overlapping
    ? violation(
        'PSP-07',
        `the person holds PSP rights in case ${overlapping.caseId ?? '(another case)'} until ${overlapping.end}: that case must end before a period starts here`,
      )
    : satisfied;
}

/**
 * PSP-07: a probable earlier parcours of the person was found when the request was opened: the
 * association must confirm or deny the link before the préfet decides (no silent merge).
 */
export function personLinkDecided(context: PspCaseContext): RuleResult {
  return context.personLink === 'pending'
    ? violation(
        'PSP-07',
        'a probable earlier parcours of this person was found: the association must confirm or deny it (confirm-person-link / deny-person-link) before the préfet decides, so that the 24-month cap counts every period of the person',
        'personLink',
      )
    : satisfied;
}

import { CalendarDate, RuleResult, satisfied, violation } from '@psp/legal-kernel';
import { AgrementContext, AgrementTerm, lastValidDay, pendingRenewal } from '../machine/context';

/** Anything that carries the agrément context: a folded snapshot or a stored projection. */
export interface HasAgrementContext {
  readonly context: AgrementContext;
}

function covers(term: AgrementTerm, on: CalendarDate, continuedWhilePending: boolean): boolean {
  return term.validFrom <= on && (continuedWhilePending || on <= lastValidDay(term));
}

/**
 * "Is the association's agrément valid for département D on date t?" (engine rule of section 6,
 * from L.121-9 II). Reads the whole history of terms, so it answers for past dates too:
 * AGR-06 (granted, 3 years), AGR-07 (renewals), AGR-08 (withdrawn from the withdrawal date),
 * AGR-09 (only the départements named in the decision; AGR-11: a "national" level note does not widen it).
 */
export function isAgrementValidFor(
  state: HasAgrementContext,
  departement: string,
  onDate: CalendarDate,
): RuleResult {
  const terms = state.context.terms;
  if (terms.length === 0) return violation('AGR-06', 'the association holds no agrément', 'agrement');
  // AGR-07: the latest term stays in force while a renewal filed before its last day is undecided.
  const pending = pendingRenewal(state.context) !== undefined;
  const latest = terms[terms.length - 1];
  const term = terms.find((candidate) => covers(candidate, onDate, pending && candidate === latest));
  if (term === undefined) {
    const first = terms[0];
    if (onDate < first.validFrom) {
      return violation('AGR-06', `the agrément only applies from ${first.validFrom}`, 'agrement');
    }
    return violation(
      'AGR-06',
      `the agrément expired on ${lastValidDay(latest)} and was not renewed in time`,
      'agrement',
    );
  }
  if (term.withdrawnOn !== undefined && term.withdrawnOn <= onDate) {
    return violation('AGR-08', `the agrément was withdrawn on ${term.withdrawnOn}`, 'agrement');
  }
  return term.departements.includes(departement)
    ? satisfied
    : violation(
        'AGR-09',
        `the agrément covers ${term.departements.join(', ')}, not département ${departement}`,
        'agrement',
      );
}

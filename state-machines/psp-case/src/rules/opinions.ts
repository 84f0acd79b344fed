import { RuleResult, allOf, satisfied, violation } from '@psp/legal-kernel';
import { CommissionOpinionRecorded } from '../events';
import { DecisionCycle } from '../machine/context';

/** PSP-02 / PSP-03: the association's opinion (R.121-12-9) is on file for the current cycle. */
export function associationOpinionOnFile(cycle: DecisionCycle): RuleResult {
  return cycle.associationOpinion
    ? satisfied
    : violation('PSP-02', 'the association opinion (avis) is missing', 'associationOpinion');
}

/** PSP-02: the commission's opinion (R.121-12-10) is on file for the current cycle. */
export function commissionOpinionOnFile(cycle: DecisionCycle): RuleResult {
  return cycle.commissionOpinion
    ? satisfied
    : violation('PSP-02', 'the commission opinion (avis) is missing', 'commissionOpinion');
}

/** PSP-02 (L.121-9 II; R.121-12-10): the préfet decides only after both opinions. */
export function bothOpinionsOnFile(cycle: DecisionCycle): RuleResult {
  return allOf(commissionOpinionOnFile(cycle), associationOpinionOnFile(cycle));
}

/**
 * T4 / PD-3: a commission opinion counts only with quorum (COM-07, CRPA R.133-10) and with the
 * instructing association's representative and conflicted members out (ACL-01, ACL-02), for the
 * kind of decision under way.
 */
export function commissionOpinionValid(
  data: CommissionOpinionRecorded['data'],
  expectedKind: CommissionOpinionRecorded['data']['kind'],
): RuleResult {
  return allOf(
    data.quorumMet
      ? satisfied
      : violation('COM-07', 'the commission had no quorum for this opinion', 'quorum'),
    data.recusalsApplied
      ? satisfied
      : violation(
          'ACL-01',
          'the recusals (instructing association, conflicted members) were not applied',
          'recusals',
        ),
    data.kind === expectedKind
      ? satisfied
      : violation(
          'PSP-03',
          `an opinion on ${withArticle(expectedKind)} is expected, not on ${withArticle(data.kind)}`,
        ),
  );
}

function withArticle(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

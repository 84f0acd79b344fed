import { CalendarDate } from '@psp/legal-kernel';

/**
 * Facts a case guard needs from other streams (PD-3). The workflow loads them when it builds the
 * candidate event and records them in it, so a replay never needs the other streams again.
 */
export interface RegistryFacts {
  /** AGR rules: does the association hold an agrément valid for this département on this date? */
  agrementValid(associationId: string, departement: string, on: CalendarDate): Promise<boolean>;
  /** COM-07, ACL-01, ACL-02: the opinion of a commission agenda item about this case, if one was given. */
  commissionOpinion(sessionId: string, itemId: string): Promise<CommissionOpinionFact | undefined>;
}

export interface CommissionOpinionFact {
  readonly caseId: string;
  readonly departement: string;
  readonly kind: 'entry' | 'renewal' | 'resumption' | 'afis';
  readonly opinion: 'favourable' | 'unfavourable';
  readonly quorumMet: boolean;
  readonly recusalsApplied: boolean;
  readonly decidedOn: CalendarDate;
}

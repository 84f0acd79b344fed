import { CalendarDate } from '@psp/legal-kernel';
import {
  AgendaItem,
  Attendance,
  CaseItemKind,
  ExpiredTerm,
  Opinion,
  RosterMember,
  SecondConvocation,
} from '../events';

/** COM-08: the opinion (avis) a case stream consumes as `CommissionOpinionRecorded`. */
export interface CommissionOpinionRecord {
  readonly itemId: string;
  readonly sessionId: string;
  readonly caseId: string;
  readonly kind: CaseItemKind;
  readonly opinion: Opinion;
  /** R.133-10 satisfied: quorum reached, or a second convocation that stated no quorum was required. */
  readonly quorumMet: boolean;
  /** ACL-01 / ACL-02 / ACL-03 applied: the engine removes recused members before counting. */
  readonly recusalsApplied: boolean;
  readonly votesFor: number;
  readonly votesAgainst: number;
  readonly decidedOn: CalendarDate;
  readonly abstentions: number;
  /** Half the members entitled to sit were present or represented. */
  readonly quorumReached: boolean;
  readonly secondConvocation: boolean;
  /** R.133-11: the tie was broken by the presiding chair's vote. */
  readonly castingVoteUsed: boolean;
  readonly recusedMemberIds: readonly string[];
}

/** COM-06 / COM-08: a policy deliberation (R.121-12-6 1°). */
export interface PolicyDeliberationRecord {
  readonly itemId: string;
  readonly sessionId: string;
  readonly subject: string;
  readonly outcome: 'adopted' | 'rejected';
  readonly quorumMet: boolean;
  readonly votesFor: number;
  readonly votesAgainst: number;
  readonly abstentions: number;
  readonly castingVoteUsed: boolean;
  readonly decidedOn: CalendarDate;
}

export type DeliberationRecord =
  | ({ readonly kindOfRecord: 'opinion' } & CommissionOpinionRecord)
  | ({ readonly kindOfRecord: 'policy' } & PolicyDeliberationRecord);

export interface InterestRecord {
  readonly memberId: string;
  readonly itemId: string;
  readonly declaredOn: CalendarDate;
}

export interface ProxyRecord {
  readonly fromMemberId: string;
  readonly toMemberId: string;
  readonly givenOn: CalendarDate;
}

export interface SessionContext {
  readonly sessionId?: string;
  readonly commissionId?: string;
  readonly departement?: string;
  readonly convenedOn?: CalendarDate;
  readonly sittingOn?: CalendarDate;
  readonly urgency: boolean;
  readonly secondConvocation?: SecondConvocation;
  readonly presidingChairId?: string;
  readonly members: readonly RosterMember[];
  /** COM-02: members whose term ended before the sitting. */
  readonly expiredTerms: readonly ExpiredTerm[];
  readonly agenda: readonly AgendaItem[];
  readonly interests: readonly InterestRecord[];
  readonly proxies: readonly ProxyRecord[];
  readonly attendance: readonly Attendance[];
  readonly openedOn?: CalendarDate;
  readonly deliberations: readonly DeliberationRecord[];
  readonly closedOn?: CalendarDate;
  readonly cancelledOn?: CalendarDate;
}

export const INITIAL_SESSION_CONTEXT: SessionContext = {
  urgency: false,
  members: [],
  expiredTerms: [],
  agenda: [],
  interests: [],
  proxies: [],
  attendance: [],
  deliberations: [],
};

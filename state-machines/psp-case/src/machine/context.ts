import { CalendarDate, RuleWarning } from '@psp/legal-kernel';
import {
  AfisRequested,
  ApsChecklist,
  ClosureReason,
  DocumentType,
  InterruptionReason,
  Opinion,
  PlannedAction,
  PrefectureRequirement,
  VictimOf,
} from '../events';
import { PspParameters } from '../parameters';

/** One authorisation period with PSP rights (R.121-12-13). `end` is the last day with rights. */
export interface Period {
  readonly index: number;
  readonly kind: 'entry' | 'renewal' | 'resumption' | 'court_order';
  readonly start: CalendarDate;
  /** The end the decision gave (start + 6 months − 1 day, or shorter to fit the cap). */
  readonly plannedEnd: CalendarDate;
  /** The last day with rights: `plannedEnd`, or earlier when rights stopped (interruption, non-renewal…). */
  readonly end: CalendarDate;
  /** DUR-02: shortened to keep the cumulative total within the cap. */
  readonly shortened: boolean;
  readonly stoppedOn?: CalendarDate;
  readonly stopReason?: 'interrupted' | 'not_renewed' | 'withdrawn' | 'closed' | 'completed';
  /** PSP-07: set on a period the person held in another case (a decision's fact). */
  readonly caseId?: string;
}

export interface CommissionOpinionOnFile {
  readonly opinion: Opinion;
  readonly recordedOn: CalendarDate;
  readonly sessionId: string;
  readonly itemId: string;
}

/** The opinions and instruction of the current decision cycle (entry, renewal or resumption). */
export interface DecisionCycle {
  readonly kind: 'entry' | 'renewal' | 'resumption';
  readonly associationOpinion?: { readonly opinion: Opinion; readonly givenOn: CalendarDate };
  readonly commissionOpinion?: CommissionOpinionOnFile;
  /** PSP-08: what the renewal file reported on commitments. */
  readonly commitmentsKept?: 'kept' | 'partly_kept' | 'not_kept';
  readonly difficulties?: readonly string[];
}

export interface DecisionRecord {
  readonly kind: 'authorised' | 'refused' | 'renewed' | 'not_renewed' | 'resumed' | 'court_order';
  readonly decisionDate: CalendarDate;
  readonly notifiedOn?: CalendarDate;
  readonly reasons?: readonly string[];
  /**
   * CJA R.421-5: did the notified letter state the routes and time limit of appeal? Absent for
   * decisions recorded before letters were generated (read as stated, as they always were).
   */
  readonly appealRoutesStated?: boolean;
}

export interface ApsContext {
  readonly need: 'unknown' | 'required' | 'not_applicable';
  readonly asylumClaimPending: boolean;
  readonly checklist?: ApsChecklist;
  readonly filedOn?: CalendarDate;
  /** APS-03 / APS-07 / D2: the documents the préfecture lawfully asked for, last request first. */
  readonly documentsRequested?: {
    readonly on: CalendarDate;
    readonly documents: readonly PrefectureRequirement[];
  };
  readonly issuedOn?: CalendarDate;
  readonly validFrom?: CalendarDate;
  readonly validTo?: CalendarDate;
  /** APS-04: an issued APS allows work (L.425-4; L.431-4). */
  readonly workAllowed: boolean;
  readonly renewalFiledOn?: CalendarDate;
  readonly renewalCerSigned?: boolean;
  readonly refusal?: {
    readonly decisionDate: CalendarDate;
    readonly reason: string;
    readonly oqtfIssued: boolean;
  };
  readonly expiredOn?: CalendarDate;
  readonly postPspReviewOpenedOn?: CalendarDate;
  readonly cst?: {
    readonly decisionDate: CalendarDate;
    readonly outcome: 'issued' | 'refused';
    readonly oqtfIssued?: boolean;
  };
}

/** One préfet's AFIS decision and the days it makes the aid due (D.121-12-16: the PSP decision's period). */
export interface AfisGrant {
  readonly kind: 'initial' | 'renewal';
  readonly decisionDate: CalendarDate;
  /** First day due. */
  readonly from: CalendarDate;
  /** Last day due: the period's end, or the day before the AFIS ended. */
  readonly until: CalendarDate;
}

/** D.121-12-14: the dependent children counted from `from` (CSS L.512-3). */
export interface AfisChildrenCount {
  readonly from: CalendarDate;
  readonly children: number;
}

export type AfisEndReason =
  | 'psp_completed'
  | 'psp_not_renewed'
  | 'psp_interrupted'
  | 'psp_lapsed'
  | 'psp_withdrawn'
  | 'psp_closed'
  | 'renewal_refused'
  | 'breach'
  | 'conditions_lost'
  | 'other';

export interface AfisContext {
  readonly request?: AfisRequested['data'];
  readonly commissionOpinion?: CommissionOpinionOnFile;
  readonly grantedOn?: CalendarDate;
  readonly dependentChildren: number;
  /** The amount of the month of the latest decision (each month's amount: `afisSchedule`). */
  readonly monthlyAmountCents?: number;
  readonly refusal?: { readonly decisionDate: CalendarDate; readonly reasons: readonly string[] };
  /** First day without AFIS. */
  readonly endsOn?: CalendarDate;
  readonly endReason?: AfisEndReason;
  /** Every grant (initial, then one per PSP renewal), in order. */
  readonly grants?: readonly AfisGrant[];
  /** Children counted month by month (from the request, then each MSA re-examination). */
  readonly children?: readonly AfisChildrenCount[];
  /** D.121-12-17: the MSA's latest report to the préfet (it never ends the aid itself). */
  readonly msaReport?: {
    readonly on: CalendarDate;
    readonly conditionsStillMet: boolean;
    readonly findings: readonly string[];
  };
  /** D.121-12-15: what the paying body paid, run by run. */
  readonly payments?: readonly {
    readonly runMonth: string;
    readonly paidOn: CalendarDate;
    readonly lines: readonly { readonly month: string; readonly amountCents: number }[];
  }[];
  /** F9 / L.121-9: garnishment or assignment notices received, all refused. */
  readonly seizureNotices?: readonly {
    readonly receivedOn: CalendarDate;
    readonly kind: 'garnishment' | 'assignment';
    readonly creditor: 'private' | 'public' | 'other';
    readonly refusedUnder: 'F9';
  }[];
}

/** A document on file (DocumentFiled): what the case knows of it, never its content. */
export interface DocumentOnFile {
  readonly documentId: string;
  readonly documentType: DocumentType;
  readonly sha256: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly filedOn: CalendarDate;
  readonly authorRole: string;
  readonly validUntil?: CalendarDate;
}

export interface PspCaseContext {
  readonly params: PspParameters;
  readonly personRef?: string;
  /** PSP-01 / APS-01: what the person is a victim of (the L.425-4 APS needs trafficking or procuring). */
  readonly victimOf?: readonly VictimOf[];
  /** The pseudonymous person id across cases (vault); the prior person's once a link is confirmed. */
  readonly personId?: string;
  /** PSP-07: whether a probable earlier parcours awaits the association's answer. */
  readonly personLink?: 'none' | 'pending' | 'confirmed' | 'denied';
  /** PSP-06 / PSP-07: the person's periods in other cases, as the last decision recorded them. */
  readonly otherCasePeriods?: readonly Period[];
  readonly associationId?: string;
  readonly departement?: string;
  readonly openedOn?: CalendarDate;
  readonly plannedActions: readonly PlannedAction[];
  readonly warnings: readonly RuleWarning[];
  readonly cycle: DecisionCycle;
  /** T5: an authorisation (entry or court order) waiting for notification. */
  readonly pendingAuthorisation?: {
    readonly decisionDate: CalendarDate;
    readonly effectiveFrom?: CalendarDate;
  };
  readonly periods: readonly Period[];
  readonly decisions: readonly DecisionRecord[];
  readonly nonRenewal?: {
    readonly proposedOn: CalendarDate;
    readonly observationsDeadline: CalendarDate;
    readonly observationsReceivedOn?: CalendarDate;
  };
  /**
   * PD-4 (docs/adr/0009): the renewal cycle under way when the period lapsed, kept only so that a
   * renewal decided by the period's last day but recorded after the lapse still applies. It grounds
   * nothing else (PSP-09: the current cycle starts empty).
   */
  readonly lapsedCycle?: DecisionCycle;
  /** The first day without PSP rights, once they stopped. */
  readonly rightsEndedOn?: CalendarDate;
  readonly interruption?: { readonly on: CalendarDate; readonly reason: InterruptionReason };
  readonly closure?: { readonly on: CalendarDate; readonly reason: ClosureReason };
  readonly withdrawnOn?: CalendarDate;
  /** T17: the day the parcours completed (cap reached or early completion). */
  readonly completedOn?: CalendarDate;
  readonly outcomes?: { readonly training: boolean; readonly job: boolean; readonly housing: boolean };
  readonly followUps: readonly {
    readonly recordedOn: CalendarDate;
    readonly safetyConcern: boolean;
    readonly accessToRightsConcern: boolean;
    readonly commitmentsKept: 'kept' | 'partly_kept' | 'not_kept';
  }[];
  readonly aps: ApsContext;
  readonly afis: AfisContext;
  /** The documents on file; absent from snapshots taken before documents existed. */
  readonly documents?: readonly DocumentOnFile[];
}

export interface PspCaseInput {
  readonly params?: PspParameters;
}

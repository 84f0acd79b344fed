import { CalendarDate, RuleWarning } from '@psp/legal-kernel';
import {
  AfisRequested,
  ApsChecklist,
  ClosureReason,
  DocumentType,
  InterruptionReason,
  Opinion,
  PlannedAction,
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

export interface AfisContext {
  readonly request?: AfisRequested['data'];
  readonly commissionOpinion?: CommissionOpinionOnFile;
  readonly grantedOn?: CalendarDate;
  readonly dependentChildren: number;
  readonly monthlyAmountCents?: number;
  readonly refusal?: { readonly decisionDate: CalendarDate; readonly reasons: readonly string[] };
  /** First day without AFIS. */
  readonly endsOn?: CalendarDate;
  readonly endReason?: 'psp_completed' | 'psp_not_renewed' | 'breach' | 'conditions_lost' | 'other';
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

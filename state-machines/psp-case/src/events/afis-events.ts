import { CalendarDate, CaseEvent, DecisionLetter } from './event';

export type NationalityCategory = 'french' | 'eu_eea_swiss' | 'third_country';

/** AFIS-03: residence documents (CESEDA L.411-1); a first-application receipt does not qualify. */
export type ResidenceDocumentKind =
  | 'none'
  | 'l411_1_title'
  | 'renewal_receipt'
  | 'aps_with_work'
  | 'first_application_receipt'
  | 'asylum_seeker_certificate';

/** F1: the AFIS request with the facts its conditions need (R.121-12-13-1), no personal identifiers. */
export type AfisRequested = CaseEvent<
  'AfisRequested',
  {
    readonly requestedOn: CalendarDate;
    readonly nationalityCategory: NationalityCategory;
    readonly residenceDocument: ResidenceDocumentKind;
    /** AFIS-04: household resources of the month before the request, in cents. */
    readonly previousMonthHouseholdResourcesCents: number;
    /** AFIS-05: receives or could claim the RSA. */
    readonly rsaReceivedOrClaimable: boolean;
    /** AFIS-05: receives or could claim the ADA. */
    readonly adaReceivedOrClaimable: boolean;
    /** D.121-12-14: dependent children (CSS L.512-3). */
    readonly dependentChildren: number;
  }
>;

/** F2: the MSA (CCMSA) started instructing. */
export type AfisInstructionStarted = CaseEvent<
  'AfisInstructionStarted',
  { readonly startedOn: CalendarDate }
>;

/** F2: the MSA finished instructing; the file waits for the commission's opinion. */
export type AfisInstructionCompleted = CaseEvent<
  'AfisInstructionCompleted',
  {
    readonly completedOn: CalendarDate;
    /** AFIS-04: the `afis_resources` statements on file; absent from events recorded before documents. */
    readonly documentIds?: readonly string[];
  }
>;

/** F4: granted by the préfet (AFIS-06). `ageOnDecisionDate` comes from the vault's birth date (AFIS-02). */
export type AfisGranted = CaseEvent<
  'AfisGranted',
  {
    readonly decisionDate: CalendarDate;
    readonly ageOnDecisionDate: number;
    readonly letter?: DecisionLetter;
  }
>;

/** F4: refused with reasons (rule IDs, CRPA L.211-2). */
export type AfisRefused = CaseEvent<
  'AfisRefused',
  {
    readonly decisionDate: CalendarDate;
    readonly reasons: readonly string[];
    readonly letter?: DecisionLetter;
  }
>;

/** F7: a change of situation was reported (D.121-12-17). */
export type AfisChangeReported = CaseEvent<'AfisChangeReported', { readonly reportedOn: CalendarDate }>;

/**
 * F7 (D.121-12-17): the MSA re-examined the right and the amount.
 * - schema 2: the MSA sets the amount (children count from the next month) and *reports* on the
 *   conditions; a report that they are no longer met goes to the préfet, who alone may end the aid
 *   (R.121-12-13-2). On a renewal it never replaces the préfet's new decision (AFIS-06).
 * - schema 1 (stored before): read as it was decided then (conditions lost ended the aid; a
 *   re-examination closed the renewal check).
 */
export type AfisReexamined = CaseEvent<
  'AfisReexamined',
  {
    readonly decisionDate: CalendarDate;
    readonly dependentChildren: number;
    readonly conditionsStillMet: boolean;
    /** What the MSA found (schema 2): a new job, new resources, a household change… */
    readonly findings?: readonly AfisFinding[];
  },
  1 | 2
>;

export type AfisFinding = 'new_job' | 'new_resources' | 'household_change' | 'children_change' | 'other';

/**
 * T20 / R.121-12-13-2: the préfet ended the AFIS; payment stops from the following month.
 * Schema 2 carries the written reasons (CRPA L.211-2) and the contradictory step (CRPA L.121-1,
 * L.122-1): when the person was invited to answer and, if they did, when the answer came.
 * Schema 1 events (stored before) had neither and are read as recorded.
 */
export type AfisEnded = CaseEvent<
  'AfisEnded',
  {
    readonly decisionDate: CalendarDate;
    readonly reason: 'breach' | 'conditions_lost' | 'other';
    readonly reasons?: readonly string[];
    readonly personInvitedToAnswerOn?: CalendarDate;
    readonly answerReceivedOn?: CalendarDate;
  },
  1 | 2
>;

/** A month of AFIS paid, or its unpaid remainder (arrears), in cents. `month` is `YYYY-MM`. */
export interface AfisPaymentLine {
  readonly month: string;
  readonly amountCents: number;
}

/**
 * D.121-12-15 / D.121-12-16: the paying body (MSA) paid the beneficiary, in arrears, in its monthly
 * run for `runMonth`: that month and any earlier month left unpaid. One per beneficiary and run
 * month (idempotent). Always to the beneficiary: the aid cannot be assigned or seized (L.121-9).
 */
export type AfisPaymentMade = CaseEvent<
  'AfisPaymentMade',
  {
    readonly runMonth: string;
    readonly paidOn: CalendarDate;
    readonly lines: readonly AfisPaymentLine[];
  }
>;

/**
 * F9 / L.121-9: a garnishment (saisie) or assignment (cession) notice against the AFIS was received
 * and refused: the aid is *incessible et insaisissable*. Recorded so that the refusal can be shown;
 * nothing is ever diverted from the beneficiary.
 */
export type AfisSeizureNoticeRefused = CaseEvent<
  'AfisSeizureNoticeRefused',
  {
    readonly receivedOn: CalendarDate;
    readonly kind: 'garnishment' | 'assignment';
    readonly creditor: 'private' | 'public' | 'other';
  }
>;

export type AfisEvent =
  | AfisRequested
  | AfisInstructionStarted
  | AfisInstructionCompleted
  | AfisGranted
  | AfisRefused
  | AfisChangeReported
  | AfisReexamined
  | AfisEnded
  | AfisPaymentMade
  | AfisSeizureNoticeRefused;

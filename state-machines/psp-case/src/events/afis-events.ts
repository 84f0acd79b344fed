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
  { readonly completedOn: CalendarDate }
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

/** F7 / 4.4 renewal_check: the right and the amount were re-examined. */
export type AfisReexamined = CaseEvent<
  'AfisReexamined',
  {
    readonly decisionDate: CalendarDate;
    readonly dependentChildren: number;
    readonly conditionsStillMet: boolean;
  }
>;

/** T20 / R.121-12-13-2: the préfet ended the AFIS; payment stops from the following month. */
export type AfisEnded = CaseEvent<
  'AfisEnded',
  { readonly decisionDate: CalendarDate; readonly reason: 'breach' | 'conditions_lost' | 'other' }
>;

export type AfisEvent =
  | AfisRequested
  | AfisInstructionStarted
  | AfisInstructionCompleted
  | AfisGranted
  | AfisRefused
  | AfisChangeReported
  | AfisReexamined
  | AfisEnded;

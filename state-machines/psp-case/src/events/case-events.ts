import { CalendarDate, CaseEvent, DecisionLetter, Opinion } from './event';
import { PersonPeriodFact } from './person-events';

/** PSP-01: what the person is a victim of (L.121-9 II). */
export type VictimOf = 'prostitution' | 'procuring' | 'trafficking';

/** PSP-11: benefits the parcours plans (R.121-12-11); recorded as data. */
export type PlannedAction =
  'housing' | 'health_care' | 'access_to_rights' | 'social_integration' | 'work_integration';

/** T1: the approved association opened a request with the person (no names: a person reference). */
export type RequestOpened = CaseEvent<
  'RequestOpened',
  {
    readonly openedOn: CalendarDate;
    readonly personRef: string;
    readonly associationId: string;
    readonly departement: string;
    /** R.121-12-1 to -3: agrément valid for this département on `openedOn` (read from the association stream). */
    readonly associationAgrementValid: boolean;
    /** PSP-01: the person agrees to the parcours (L.121-9 II). */
    readonly personAgrees: boolean;
    readonly victimOf: readonly VictimOf[];
    /** PD-4: a request for a minor is accepted with a warning. */
    readonly minorOnRequest: boolean;
    /** The pseudonymous person id (vault); absent in events recorded before person identity existed. */
    readonly personId?: string;
    /** PSP-07: the identity index found a probable earlier parcours, to confirm or deny before any decision. */
    readonly possiblePriorParcours?: boolean;
  }
>;

/** T2: the association instructed the request (R.121-12-9) and the parcours document was signed (R.121-12-12). */
export type InstructionCompleted = CaseEvent<
  'InstructionCompleted',
  {
    readonly completedOn: CalendarDate;
    readonly parcoursDocumentSigned: boolean;
    readonly commitmentsListed: boolean;
    readonly plannedActions: readonly PlannedAction[];
    readonly plannedLengthMonths: number;
    /** The association's opinion (avis), if given with the instruction; it may also come later. */
    readonly associationOpinion?: Opinion;
    /** Q4/PSP-14: sworn statement that prostitution stopped; its absence only warns. */
    readonly swornStatementOfCessation: boolean;
    /**
     * PSP-03 / PSP-04: the documents the two booleans above were read from (`signed_parcours_document`,
     * `commitments`). Absent from events recorded when the client still sent the booleans.
     */
    readonly documentIds?: readonly string[];
  }
>;

/** PSP-02/PSP-03: the association's opinion (avis) on an entry, renewal or resumption. */
export type AssociationOpinionRecorded = CaseEvent<
  'AssociationOpinionRecorded',
  {
    readonly givenOn: CalendarDate;
    readonly opinion: Opinion;
    readonly kind: 'entry' | 'renewal' | 'resumption';
  }
>;

/** T3: the file went to the préfecture (DDETS) for the commission's agenda. */
export type SubmittedToPrefecture = CaseEvent<
  'SubmittedToPrefecture',
  {
    readonly submittedOn: CalendarDate;
    /**
     * AGR-06 / AGR-09: the association's agrément was valid for the département on the filing date,
     * as the workflow read it from the association stream. Absent from events recorded before this check.
     */
    readonly associationAgrementValid?: boolean;
  }
>;

/** T4/T9 and AFIS F3: the commission's opinion (avis), valid only with quorum and recusals applied (PD-3). */
export type CommissionOpinionRecorded = CaseEvent<
  'CommissionOpinionRecorded',
  {
    readonly recordedOn: CalendarDate;
    readonly opinion: Opinion;
    readonly quorumMet: boolean;
    readonly recusalsApplied: boolean;
    readonly sessionId: string;
    readonly itemId: string;
    readonly kind: 'entry' | 'renewal' | 'resumption' | 'afis';
  }
>;

/**
 * T5: the préfet authorised entry. `effectiveFrom` is the period start stated in the decision (DUR-05).
 * Schema 2 (same data): written under the backdating bound (docs/adr/0009); schema 1 is replayed without it.
 */
export type PrefectAuthorised = CaseEvent<
  'PrefectAuthorised',
  {
    readonly decisionDate: CalendarDate;
    readonly effectiveFrom?: CalendarDate;
    /** PSP-06 / PSP-07: the person's periods in other cases when the préfet decided (absent: none known). */
    readonly personPeriods?: readonly PersonPeriodFact[];
  },
  2
>;

/** T6: the préfet refused entry (or a resumption); reasons are required (PSP-15). */
export type PrefectRefused = CaseEvent<
  'PrefectRefused',
  {
    readonly decisionDate: CalendarDate;
    readonly notifiedOn?: CalendarDate;
    readonly reasons: readonly string[];
    /** The refusal letter (added by the engine). */
    readonly letter?: DecisionLetter;
  }
>;

/** T7: the decision was notified to the person and to the association (R.121-12-10). */
export type DecisionNotified = CaseEvent<
  'DecisionNotified',
  {
    readonly notifiedOn: CalendarDate;
    readonly toPerson: boolean;
    readonly toAssociation: boolean;
    /** The authorisation letter notified (added by the engine; absent from older events). */
    readonly letter?: DecisionLetter;
  }
>;

/** T8: the association started the renewal instruction. */
export type RenewalInstructionStarted = CaseEvent<
  'RenewalInstructionStarted',
  { readonly startedOn: CalendarDate }
>;

/** PSP-03/PSP-08: the renewal file: results, commitments kept (follow-up document) and difficulties. */
export type RenewalSubmitted = CaseEvent<
  'RenewalSubmitted',
  {
    readonly submittedOn: CalendarDate;
    readonly followUpDocumentUpdated: boolean;
    readonly resultsReported: boolean;
    readonly commitmentsKept: 'kept' | 'partly_kept' | 'not_kept';
    readonly difficulties: readonly string[];
    readonly associationOpinion?: Opinion;
    /**
     * AGR-06 / AGR-09: the association's agrément was valid for the département on the filing date,
     * as the workflow read it from the association stream. Absent from events recorded before this check.
     */
    readonly associationAgrementValid?: boolean;
  }
>;

/**
 * T10/T13: renewal granted; the new period follows the current one (R.121-12-10). Schema 2 (same data):
 * written under PD-4's "decided by the period's last day" (docs/adr/0009).
 */
export type RenewalGranted = CaseEvent<
  'RenewalGranted',
  {
    readonly decisionDate: CalendarDate;
    readonly notifiedOn: CalendarDate;
    /** PSP-08: the decision weighed commitments kept and difficulties (L.121-9 II al. 6). */
    readonly commitmentsAndDifficultiesConsidered: boolean;
    /** PSP-06 / PSP-07: the person's periods in other cases when the préfet decided (absent: none known). */
    readonly personPeriods?: readonly PersonPeriodFact[];
    /** The renewal letter (added by the engine). */
    readonly letter?: DecisionLetter;
  },
  2
>;

/** T11: the préfet intends not to renew and invites observations (CRPA L.122-1). */
export type NonRenewalProposed = CaseEvent<
  'NonRenewalProposed',
  { readonly proposedOn: CalendarDate; readonly reasons: readonly string[] }
>;

/** R.121-12-10: the person presented observations. */
export type ObservationsReceived = CaseEvent<'ObservationsReceived', { readonly receivedOn: CalendarDate }>;

/** T12: non-renewal decided and notified; rights end on the notification date (PSP-09, DUR-04). */
export type NonRenewalNotified = CaseEvent<
  'NonRenewalNotified',
  {
    readonly decisionDate: CalendarDate;
    readonly notifiedOn: CalendarDate;
    readonly reasons: readonly string[];
    /** The non-renewal letter (added by the engine). */
    readonly letter?: DecisionLetter;
  }
>;

/**
 * T14 (system): the current period ended with no renewal decision. Schema 2 (same data): dated by the
 * period arithmetic of docs/adr/0008; schema 1 by the older one (up to 3 days earlier).
 */
export type PeriodEnded = CaseEvent<
  'PeriodEnded',
  { readonly periodIndex: number; readonly endedOn: CalendarDate },
  2
>;

/** T17 (system): the final period ended, the 24-month cumulative cap is reached. Schema 2: as PeriodEnded. */
export type CapReached = CaseEvent<'CapReached', { readonly reachedOn: CalendarDate }, 2>;

export type InterruptionReason = 'person_choice' | 'loss_of_contact' | 'hospital_stay' | 'other';

/** T15: the parcours is interrupted; rights stop on `interruptedOn` (PSP-07 keeps what was used). */
export type Interrupted = CaseEvent<
  'Interrupted',
  { readonly interruptedOn: CalendarDate; readonly reason: InterruptionReason }
>;

/** T16: the association files a resumption (new instruction with its opinion). */
export type ResumptionRequested = CaseEvent<
  'ResumptionRequested',
  {
    readonly requestedOn: CalendarDate;
    readonly associationOpinion?: Opinion;
    /**
     * AGR-06 / AGR-09: the association's agrément was valid for the département on the filing date,
     * as the workflow read it from the association stream. Absent from events recorded before this check.
     */
    readonly associationAgrementValid?: boolean;
  }
>;

/** T16: the préfet authorised the resumption, within the remaining cumulative budget (PSP-07). */
export type ResumptionAuthorised = CaseEvent<
  'ResumptionAuthorised',
  {
    readonly decisionDate: CalendarDate;
    readonly effectiveFrom?: CalendarDate;
    readonly notifiedOn: CalendarDate;
    /** PSP-06 / PSP-07: the person's periods in other cases when the préfet decided (absent: none known). */
    readonly personPeriods?: readonly PersonPeriodFact[];
  },
  2
>;

/**
 * `changed_association`: the person chose another approved association (L.121-9 II); the new
 * association opens a linked case and the person's periods keep counting (PSP-07).
 */
export type ClosureReason =
  'death' | 'left_france' | 'moved_departement' | 'changed_association' | 'written_refusal';

/** T18: closed for a reason outside the parcours. */
export type ClosedOther = CaseEvent<
  'ClosedOther',
  { readonly closedOn: CalendarDate; readonly reason: ClosureReason }
>;

/** PD-1: the person withdrew their agreement (recorded by the association, never a sanction). */
export type Withdrawn = CaseEvent<
  'Withdrawn',
  { readonly withdrawnOn: CalendarDate; readonly recordedBy: 'association'; readonly byPerson: boolean }
>;

/** T17 / indicator 5: the parcours completed, with its exit outcomes. */
export type Completed = CaseEvent<
  'Completed',
  {
    readonly completedOn: CalendarDate;
    readonly outcomes: { readonly training: boolean; readonly job: boolean; readonly housing: boolean };
  }
>;

/** T19: the administrative judge granted the authorisation (CE 19 Nov 2021 n° 440802). */
export type CourtOrderedAuthorisation = CaseEvent<
  'CourtOrderedAuthorisation',
  {
    readonly judgmentDate: CalendarDate;
    readonly court: string;
    readonly effectiveFrom?: CalendarDate;
    /** PSP-06 / PSP-07: the person's periods in other cases when the préfet decided (absent: none known). */
    readonly personPeriods?: readonly PersonPeriodFact[];
  }
>;

/** PSP-12: the commission's follow-up of a running parcours (safety, access to rights, commitments). */
export type CommissionFollowUpRecorded = CaseEvent<
  'CommissionFollowUpRecorded',
  {
    readonly recordedOn: CalendarDate;
    readonly sessionId: string;
    readonly safetyConcern: boolean;
    readonly accessToRightsConcern: boolean;
    readonly commitmentsKept: 'kept' | 'partly_kept' | 'not_kept';
  }
>;

export type PspLifecycleEvent =
  | RequestOpened
  | InstructionCompleted
  | AssociationOpinionRecorded
  | SubmittedToPrefecture
  | CommissionOpinionRecorded
  | PrefectAuthorised
  | PrefectRefused
  | DecisionNotified
  | RenewalInstructionStarted
  | RenewalSubmitted
  | RenewalGranted
  | NonRenewalProposed
  | ObservationsReceived
  | NonRenewalNotified
  | PeriodEnded
  | CapReached
  | Interrupted
  | ResumptionRequested
  | ResumptionAuthorised
  | ClosedOther
  | Withdrawn
  | Completed
  | CourtOrderedAuthorisation
  | CommissionFollowUpRecorded;

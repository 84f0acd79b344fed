import { CalendarDate } from '@psp/legal-kernel';
import { FileItemCode, StatutoryPurpose } from '../parameters';

/**
 * Every agrément event is a fact in the past tense with a typed, versioned payload. Dates are
 * calendar dates carried by the event: the machine never reads the clock.
 */
export interface AgrementEvent<TType extends string, TData, TVersion extends number = 1> {
  readonly type: TType;
  readonly schemaVersion: TVersion;
  readonly data: TData;
}

/** AGR-02: a condition proved on the application date, with the document that proves it. */
export interface Evidence {
  readonly proved: boolean;
  readonly documentRef?: string;
}

/** AGR-02: the three conditions of R.121-12-2. */
export interface Agr02Conditions {
  /** (1) general assembly resolution committing to a global policy aimed at leaving prostitution. */
  readonly generalAssemblyResolution: Evidence;
  /** (2) human and material means plus a network of institutional and voluntary-sector partners. */
  readonly meansAndPartnerNetwork: Evidence;
  /** (3) training actions for staff and volunteers. */
  readonly staffAndVolunteerTraining: Evidence;
}

/** AGR-11 [OD]: the "level" the instruction speaks of; a note only, the scope is the named départements. */
export type AgrementLevel = 'national' | 'regional' | 'departmental';

/** AGR-01, AGR-02, AGR-03, AGR-10: an application (initial or renewal) as received by the préfecture. */
export interface ApplicationData {
  readonly associationId: string;
  readonly applicationId: string;
  /** Date of receipt: the AGR-04 and AGR-05 clocks start here. */
  readonly receivedOn: CalendarDate;
  /** AGR-01: date the association was regularly declared (récépissé de déclaration). */
  readonly declaredOn: CalendarDate;
  /** AGR-01: statutory activities (objet statutaire). */
  readonly statutoryPurposes: readonly StatutoryPurpose[];
  /** AGR-03: signed by the legal representative. */
  readonly signedByLegalRepresentative: boolean;
  /** AGR-03: département of the head office (siège social). */
  readonly headOfficeDepartement: string;
  /** AGR-03: département of the préfet the application was sent to (must be the head office's). */
  readonly addressedToDepartement: string;
  /** AGR-03: départements where the association wants to run PSPs. */
  readonly requestedDepartements: readonly string[];
  /** AGR-02: the conditions, as evidence. */
  readonly conditions: Agr02Conditions;
  /** AGR-10: file items received with the application. */
  readonly fileItems: readonly FileItemCode[];
  /** AGR-11: level claimed by the association (a note; it never widens the scope). */
  readonly levelNote?: AgrementLevel;
}

/** AGR-01..AGR-03: first application for agrément (demande d'agrément). */
export type AgrementApplied = AgrementEvent<'AgrementApplied', ApplicationData>;

/** AGR-07: renewal application (demande de renouvellement), same conditions as the first one. */
export type AgrementRenewalApplied = AgrementEvent<'AgrementRenewalApplied', ApplicationData>;

/** AGR-04: the préfet told the association which documents are missing (pièces manquantes). */
export type MissingDocumentsRequested = AgrementEvent<
  'MissingDocumentsRequested',
  {
    readonly applicationId: string;
    readonly requestedOn: CalendarDate;
    readonly missingItems: readonly FileItemCode[];
  }
>;

/** AGR-04: the missing documents arrived; the file is complete on that date. */
export type MissingDocumentsReceived = AgrementEvent<
  'MissingDocumentsReceived',
  {
    readonly applicationId: string;
    readonly receivedOn: CalendarDate;
    readonly items: readonly FileItemCode[];
  }
>;

/** AGR-04 (system event): no request within 2 months of receipt, so the file counts as complete. */
export type FileDeemedComplete = AgrementEvent<
  'FileDeemedComplete',
  { readonly applicationId: string; readonly on: CalendarDate }
>;

/** AGR-06: the préfet of the head-office département granted the agrément for the named départements (AGR-09). */
export type AgrementGranted = AgrementEvent<
  'AgrementGranted',
  {
    readonly applicationId: string;
    readonly decidedOn: CalendarDate;
    readonly decidedByDepartement: string;
    /** AGR-09: the départements named in the decision. */
    readonly departements: readonly string[];
    /** First day of validity; the decision date when absent. */
    readonly validFrom?: CalendarDate;
  }
>;

/** AGR-06: the préfet refused the agrément; reasons are required (CRPA L.211-2). */
export type AgrementRefused = AgrementEvent<
  'AgrementRefused',
  {
    readonly applicationId: string;
    readonly decidedOn: CalendarDate;
    readonly decidedByDepartement: string;
    readonly reasons: readonly string[];
  }
>;

/** AGR-05 (system event): 4 months of silence on the complete file; silence means approval. */
export type AgrementGrantedBySilence = AgrementEvent<
  'AgrementGrantedBySilence',
  { readonly applicationId: string; readonly on: CalendarDate }
>;

/** AGR-07: renewal granted by the préfet of the head-office département. */
export type AgrementRenewed = AgrementEvent<
  'AgrementRenewed',
  {
    readonly applicationId: string;
    readonly decidedOn: CalendarDate;
    readonly decidedByDepartement: string;
    readonly departements: readonly string[];
  }
>;

/** AGR-07: renewal refused; the running agrément continues until it expires. */
export type AgrementRenewalRefused = AgrementEvent<
  'AgrementRenewalRefused',
  {
    readonly applicationId: string;
    readonly decidedOn: CalendarDate;
    readonly decidedByDepartement: string;
    readonly reasons: readonly string[];
  }
>;

/** AGR-08: the five grounds of R.121-12-5. */
export type WithdrawalGround =
  | 'condition_no_longer_met'
  | 'psp_task_not_carried_out'
  | 'statute_change_not_reported'
  | 'annual_reports_not_sent'
  | 'supporting_documents_refused';

export const WITHDRAWAL_GROUNDS: readonly WithdrawalGround[] = [
  'condition_no_longer_met',
  'psp_task_not_carried_out',
  'statute_change_not_reported',
  'annual_reports_not_sent',
  'supporting_documents_refused',
];

/** AGR-08: the adversarial step (procédure contradictoire, CRPA L.122-1) opens. */
export type WithdrawalProposed = AgrementEvent<
  'WithdrawalProposed',
  {
    readonly proposedOn: CalendarDate;
    readonly proposedByDepartement: string;
    readonly grounds: readonly WithdrawalGround[];
  }
>;

/** AGR-08: the association presented its observations. */
export type WithdrawalObservationsReceived = AgrementEvent<
  'WithdrawalObservationsReceived',
  { readonly receivedOn: CalendarDate }
>;

/** AGR-08: the préfet dropped the withdrawal after the observations. */
export type WithdrawalAbandoned = AgrementEvent<'WithdrawalAbandoned', { readonly decidedOn: CalendarDate }>;

/** AGR-08: the agrément is withdrawn (retrait), after the adversarial step. */
export type AgrementWithdrawn = AgrementEvent<
  'AgrementWithdrawn',
  {
    readonly decidedOn: CalendarDate;
    readonly decidedByDepartement: string;
    readonly grounds: readonly WithdrawalGround[];
  }
>;

/**
 * AGR-06 (system event): the 3-year term ended without renewal. Schema version 2 is refused while a
 * renewal filed before expiry is undecided (AGR-07); version 1 events were recorded before that rule.
 */
export type AgrementExpired = AgrementEvent<'AgrementExpired', { readonly on: CalendarDate }, 1 | 2>;

/** Schema version of each agrément event written now (the others are at 1). */
export const AGREMENT_EVENT_SCHEMA_VERSIONS: Partial<Record<AgrementStreamEvent['type'], number>> = {
  AgrementExpired: 2,
};

export type AgrementStreamEvent =
  | AgrementApplied
  | AgrementRenewalApplied
  | MissingDocumentsRequested
  | MissingDocumentsReceived
  | FileDeemedComplete
  | AgrementGranted
  | AgrementRefused
  | AgrementGrantedBySilence
  | AgrementRenewed
  | AgrementRenewalRefused
  | WithdrawalProposed
  | WithdrawalObservationsReceived
  | WithdrawalAbandoned
  | AgrementWithdrawn
  | AgrementExpired;

export type AgrementEventType = AgrementStreamEvent['type'];

export const AGREMENT_EVENT_TYPES: readonly AgrementEventType[] = [
  'AgrementApplied',
  'AgrementRenewalApplied',
  'MissingDocumentsRequested',
  'MissingDocumentsReceived',
  'FileDeemedComplete',
  'AgrementGranted',
  'AgrementRefused',
  'AgrementGrantedBySilence',
  'AgrementRenewed',
  'AgrementRenewalRefused',
  'WithdrawalProposed',
  'WithdrawalObservationsReceived',
  'WithdrawalAbandoned',
  'AgrementWithdrawn',
  'AgrementExpired',
];

/** Events the scheduler emits when a deadline computed as data falls due ("timers are data"). */
export const AGREMENT_SYSTEM_EVENT_TYPES: readonly AgrementEventType[] = [
  'FileDeemedComplete',
  'AgrementGrantedBySilence',
  'AgrementExpired',
];

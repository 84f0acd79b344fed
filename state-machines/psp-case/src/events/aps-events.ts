import { CalendarDate, CaseEvent, DecisionLetter } from './event';

/** French, EU/EEA/Swiss national, or holder of another residence title: no APS (section 3.2). */
export type ApsNotApplicable = CaseEvent<
  'ApsNotApplicable',
  {
    readonly determinedOn: CalendarDate;
    readonly reason: 'french' | 'eu_eea_swiss' | 'other_residence_title';
  }
>;

/** A foreign national who needs the L.425-4 APS. */
export type ApsRequired = CaseEvent<
  'ApsRequired',
  { readonly determinedOn: CalendarDate; readonly asylumClaimPending: boolean }
>;

/** APS-09: an asylum claim is pending (asylum-seeker certificate). */
export type AsylumClaimPending = CaseEvent<'AsylumClaimPending', { readonly recordedOn: CalendarDate }>;

/** APS-09: international protection was finally refused. */
export type AsylumFinallyRejected = CaseEvent<'AsylumFinallyRejected', { readonly rejectedOn: CalendarDate }>;

export type NationalityDocumentKind =
  | 'passport'
  | 'consular_certificate'
  | 'identity_card'
  | 'consular_card'
  | 'nationality_certificate'
  | 'other';

export interface NationalityDocument {
  readonly kind: NationalityDocumentKind;
  readonly hasPhoto: boolean;
  readonly valid: boolean;
}

/** CESEDA annexe 10 line 45 and instruction 2022 annexe 2: items D1..D10 as filed. D7 and D9 come from the case. */
export interface ApsChecklist {
  /** D1: birth certificate, or not needed because the person holds a residence card. */
  readonly civilStatus: 'birth_certificate' | 'holds_residence_card' | 'missing';
  /** D2: documents proving nationality. */
  readonly nationalityDocuments: readonly NationalityDocument[];
  /** D3: proof of address less than 6 months old. */
  readonly proofOfAddress: boolean;
  /** D4: sworn statement of non-polygamy. */
  readonly nonPolygamyStatement: 'provided' | 'not_applicable' | 'missing';
  /** D5: photos (or the online photo and signature code). */
  readonly photos: boolean;
  /** D6 (APS-11): regularisation visa fee, handed in on delivery; recorded, never blocks filing. */
  readonly visaFeeProof: 'provided' | 'due_on_delivery' | 'waived';
  /** D8: documents allowing the stop of prostitution to be assessed. */
  readonly stopOfProstitutionDocuments: boolean;
  /** D10 (APS-13): signed contrat d'engagement républicain. */
  readonly cerSigned: boolean;
}

/** The APS request was filed at the préfecture with the annexe 10 documents. */
export type ApsFiled = CaseEvent<
  'ApsFiled',
  {
    readonly filedOn: CalendarDate;
    readonly checklist: ApsChecklist;
    /** The documents on file the checklist was read from (absent on requests filed before documents). */
    readonly documentIds?: readonly string[];
  }
>;

/** The préfet's facts when deciding the APS (APS-02, APS-06, APS-08). */
export interface ApsDecisionFacts {
  readonly decisionDate: CalendarDate;
  /** APS-06 (CESEDA L.412-5). */
  readonly publicOrderThreat: boolean;
  /** APS-08: a previous OQTF, and whether it was based on public order. */
  readonly previousOqtf: 'none' | 'not_public_order' | 'public_order';
  /** APS-02: the préfet doubts the stop and asked the police or gendarmerie (ACL-08). */
  readonly stopDoubted: boolean;
  readonly policeCheck?: 'stop_confirmed' | 'stop_not_confirmed';
}

export type ApsIssued = CaseEvent<
  'ApsIssued',
  ApsDecisionFacts & {
    readonly validFrom: CalendarDate;
    readonly validTo: CalendarDate;
    /** The decision letter (added by the engine). */
    readonly letter?: DecisionLetter;
  }
>;

export type ApsRefusalReason = 'public_order' | 'stop_not_shown' | 'cer_missing' | 'not_in_psp' | 'other';

/** APS refused (or not renewed); APS-15: an OQTF may follow. */
export type ApsRefused = CaseEvent<
  'ApsRefused',
  {
    readonly decisionDate: CalendarDate;
    readonly reason: ApsRefusalReason;
    readonly oqtfIssued: boolean;
    /** The refusal letter (added by the engine). */
    readonly letter?: DecisionLetter;
  }
>;

/** APS-05: renewal request, with the CER (APS-13). */
export type ApsRenewalFiled = CaseEvent<
  'ApsRenewalFiled',
  { readonly filedOn: CalendarDate; readonly cerSigned: boolean }
>;

export type ApsRenewed = CaseEvent<
  'ApsRenewed',
  ApsDecisionFacts & { readonly validFrom: CalendarDate; readonly validTo: CalendarDate }
>;

/** The APS reached its end of validity without renewal. */
export type ApsExpired = CaseEvent<'ApsExpired', { readonly expiredOn: CalendarDate }>;

/** APS-12: after a completed PSP, the préfet examines a further residence title at their discretion. */
export type PostPspReviewOpened = CaseEvent<'PostPspReviewOpened', { readonly openedOn: CalendarDate }>;

export type CstIssued = CaseEvent<
  'CstIssued',
  {
    readonly decisionDate: CalendarDate;
    readonly basis: 'L.435-1' | 'L.423-23' | 'other';
    readonly validTo: CalendarDate;
  }
>;

export type CstRefused = CaseEvent<
  'CstRefused',
  { readonly decisionDate: CalendarDate; readonly reasons: readonly string[]; readonly oqtfIssued: boolean }
>;

export type ApsEvent =
  | ApsNotApplicable
  | ApsRequired
  | AsylumClaimPending
  | AsylumFinallyRejected
  | ApsFiled
  | ApsIssued
  | ApsRefused
  | ApsRenewalFiled
  | ApsRenewed
  | ApsExpired
  | PostPspReviewOpened
  | CstIssued
  | CstRefused;

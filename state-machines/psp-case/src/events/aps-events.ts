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

/**
 * APS-02 (instruction 2022, annexe 2, NOTA): when the préfet doubts that prostitution has stopped he
 * may ask the police or gendarmerie. Absent (not asked), `asked` (no answer yet) and
 * `answered_stopped` leave the condition met; only `answered_not_stopped` may ground a refusal.
 */
export type PoliceEnquiry = 'asked' | 'answered_stopped' | 'answered_not_stopped';

/** The préfet's facts when deciding the APS (APS-02, APS-06, APS-08). */
export interface ApsDecisionFacts {
  readonly decisionDate: CalendarDate;
  /** APS-06 (CESEDA L.412-5). */
  readonly publicOrderThreat: boolean;
  /** APS-08: a previous OQTF, and whether it was based on public order. */
  readonly previousOqtf: 'none' | 'not_public_order' | 'public_order';
  /** APS-02: the préfet doubts the stop (the only case where the police may be asked, ACL-08). */
  readonly stopDoubted: boolean;
  /** APS-02: the police or gendarmerie enquiry, when the préfet asked for one (schema 2). */
  readonly policeEnquiry?: PoliceEnquiry;
}

/** Schema 2: `policeEnquiry` replaced schema 1's `policeCheck` (see upcast.ts). */
export type ApsIssued = CaseEvent<
  'ApsIssued',
  ApsDecisionFacts & {
    readonly validFrom: CalendarDate;
    readonly validTo: CalendarDate;
    /** The decision letter (added by the engine). */
    readonly letter?: DecisionLetter;
  },
  2
>;

export type ApsRefusalReason = 'public_order' | 'stop_not_shown' | 'cer_missing' | 'not_in_psp' | 'other';

/**
 * APS refused (or not renewed); APS-15: an OQTF may follow. Schema 2: the written reasons (APS-05,
 * CRPA L.211-2) and the police enquiry a `stop_not_shown` ground rests on (APS-02).
 */
export type ApsRefused = CaseEvent<
  'ApsRefused',
  {
    readonly decisionDate: CalendarDate;
    /** The legal ground: public order (APS-06), or a condition no longer met (APS-02, APS-13, APS-01). */
    readonly reason: ApsRefusalReason;
    readonly oqtfIssued: boolean;
    /** The written reasons (sealed with the person's key like every free text, ACL-06). */
    readonly reasons: readonly string[];
    /** APS-02: the police answer a `stop_not_shown` ground rests on. */
    readonly policeEnquiry?: PoliceEnquiry;
    /** The refusal letter (added by the engine). */
    readonly letter?: DecisionLetter;
  },
  2
>;

/** APS-05: renewal request, with the CER (APS-13). */
export type ApsRenewalFiled = CaseEvent<
  'ApsRenewalFiled',
  {
    readonly filedOn: CalendarDate;
    /** APS-13: read from a `republican_commitment_contract` on file (sent by the client in older events). */
    readonly cerSigned: boolean;
    readonly documentIds?: readonly string[];
  }
>;

export type ApsRenewed = CaseEvent<
  'ApsRenewed',
  ApsDecisionFacts & { readonly validFrom: CalendarDate; readonly validTo: CalendarDate },
  2
>;

/** What the préfecture may ask of an L.425-4 APS applicant (and what it may not: APS-03, APS-07, D2). */
export type PrefectureRequirement =
  | 'passport'
  | 'complaint_receipt'
  | 'criminal_proceedings_reference'
  | 'long_stay_visa'
  | 'birth_certificate'
  | 'proof_of_address'
  | 'photos';

/**
 * The préfecture asks the applicant for documents (pièces complémentaires). Refused when it asks for
 * what the law excludes: a complaint receipt or criminal proceedings (APS-07), a long-stay visa
 * (APS-03), a passport when other documents with a photo prove nationality (D2).
 */
export type ApsDocumentsRequested = CaseEvent<
  'ApsDocumentsRequested',
  { readonly requestedOn: CalendarDate; readonly documents: readonly PrefectureRequirement[] }
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
  | ApsDocumentsRequested
  | ApsIssued
  | ApsRefused
  | ApsRenewalFiled
  | ApsRenewed
  | ApsExpired
  | PostPspReviewOpened
  | CstIssued
  | CstRefused;

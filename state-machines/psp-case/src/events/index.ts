import { AfisEvent } from './afis-events';
import { ApsEvent } from './aps-events';
import { PspLifecycleEvent } from './case-events';
import { PersonEvent } from './person-events';
import { DocumentEvent } from './document-events';

export * from './event';
export * from './case-events';
export * from './aps-events';
export * from './afis-events';
export * from './upcast';
export * from './person-events';
export * from './document-events';

/** Every event of a PSP case stream: the lifecycle, the APS region and the AFIS region (PD-2). */
export type PspCaseEvent = PspLifecycleEvent | ApsEvent | AfisEvent | PersonEvent | DocumentEvent;

export type PspCaseEventType = PspCaseEvent['type'];

/** The current schema version of each event type (readers upcast older ones). */
export const EVENT_SCHEMA_VERSIONS: { readonly [K in PspCaseEventType]: number } = {
  RequestOpened: 1,
  InstructionCompleted: 1,
  AssociationOpinionRecorded: 1,
  SubmittedToPrefecture: 1,
  CommissionOpinionRecorded: 1,
  PrefectAuthorised: 2,
  PrefectRefused: 1,
  DecisionNotified: 1,
  RenewalInstructionStarted: 1,
  RenewalSubmitted: 1,
  RenewalGranted: 2,
  NonRenewalProposed: 1,
  ObservationsReceived: 1,
  NonRenewalNotified: 1,
  PeriodEnded: 2,
  CapReached: 2,
  Interrupted: 1,
  ResumptionRequested: 1,
  ResumptionAuthorised: 2,
  ClosedOther: 1,
  Withdrawn: 1,
  Completed: 1,
  CourtOrderedAuthorisation: 1,
  CommissionFollowUpRecorded: 1,
  ApsNotApplicable: 1,
  ApsRequired: 1,
  AsylumClaimPending: 1,
  AsylumFinallyRejected: 1,
  ApsFiled: 1,
  ApsDocumentsRequested: 1,
  ApsIssued: 2,
  ApsRefused: 2,
  ApsRenewalFiled: 1,
  ApsRenewed: 2,
  ApsExpired: 1,
  PostPspReviewOpened: 1,
  CstIssued: 1,
  CstRefused: 1,
  AfisRequested: 1,
  AfisInstructionStarted: 1,
  AfisInstructionCompleted: 1,
  AfisGranted: 1,
  AfisRefused: 1,
  AfisChangeReported: 1,
  AfisReexamined: 2,
  AfisEnded: 2,
  PersonLinkConfirmed: 1,
  PersonLinkDenied: 1,
  AfisPaymentMade: 1,
  AfisSeizureNoticeRefused: 1,
  DocumentFiled: 1,
};

/** All event type names, in a stable order. */
export const PSP_CASE_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as readonly PspCaseEventType[];

export function isPspCaseEventType(value: string): value is PspCaseEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, value);
}

/** Builds an event with its current schema version. */
export function pspEvent<T extends PspCaseEventType>(
  type: T,
  data: Extract<PspCaseEvent, { type: T }>['data'],
): Extract<PspCaseEvent, { type: T }> {
  return { type, schemaVersion: EVENT_SCHEMA_VERSIONS[type], data } as Extract<PspCaseEvent, { type: T }>;
}

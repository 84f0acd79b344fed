import { CalendarDate } from '@psp/legal-kernel';
import { ApsChecklist, PspCaseEvent, pspEvent } from '../events';
import { Decision, decide } from '../decide';
import { PspCaseState, foldCase } from '../fold';
import { PspParameters } from '../parameters';

/** Test fixtures: events with sensible defaults, and a given/when helper. Never names, only references. */
export const requestOpened = (over: Partial<Extract<PspCaseEvent, { type: 'RequestOpened' }>['data']> = {}) =>
  pspEvent('RequestOpened', {
    openedOn: '2024-01-05',
    personRef: 'P-0001',
    associationId: 'ASSOC-69-01',
    departement: '69',
    associationAgrementValid: true,
    personAgrees: true,
    victimOf: ['prostitution'],
    minorOnRequest: false,
    ...over,
  });

export const instructionCompleted = (
  over: Partial<Extract<PspCaseEvent, { type: 'InstructionCompleted' }>['data']> = {},
) =>
  pspEvent('InstructionCompleted', {
    completedOn: '2024-01-20',
    parcoursDocumentSigned: true,
    commitmentsListed: true,
    plannedActions: ['housing', 'health_care', 'work_integration'],
    plannedLengthMonths: 6,
    associationOpinion: 'favourable',
    swornStatementOfCessation: true,
    ...over,
  });

export const submitted = (on: CalendarDate = '2024-01-22') =>
  pspEvent('SubmittedToPrefecture', { submittedOn: on });

export const commissionOpinion = (
  kind: 'entry' | 'renewal' | 'resumption' | 'afis',
  over: Partial<Extract<PspCaseEvent, { type: 'CommissionOpinionRecorded' }>['data']> = {},
) =>
  pspEvent('CommissionOpinionRecorded', {
    recordedOn: '2024-02-10',
    opinion: 'favourable',
    quorumMet: true,
    recusalsApplied: true,
    sessionId: 'S-69-2024-02',
    itemId: `item-${kind}`,
    kind,
    ...over,
  });

export const authorised = (decisionDate: CalendarDate = '2024-03-01', effectiveFrom?: CalendarDate) =>
  pspEvent('PrefectAuthorised', effectiveFrom ? { decisionDate, effectiveFrom } : { decisionDate });

export const notified = (notifiedOn: CalendarDate = '2024-03-05') =>
  pspEvent('DecisionNotified', { notifiedOn, toPerson: true, toAssociation: true });

export const apsNotApplicable = (on: CalendarDate = '2024-01-05') =>
  pspEvent('ApsNotApplicable', { determinedOn: on, reason: 'french' });

/** T1..T4: a request instructed, submitted, with both opinions on file. */
export function entryUnderDecision(): PspCaseEvent[] {
  return [
    requestOpened(),
    apsNotApplicable(),
    instructionCompleted(),
    submitted(),
    commissionOpinion('entry'),
  ];
}

/** T1..T7: period 1 running from `decisionDate` (French national, no APS). */
export function activeCase(
  decisionDate: CalendarDate = '2024-03-01',
  notifiedOn: CalendarDate = '2024-03-05',
): PspCaseEvent[] {
  return [...entryUnderDecision(), authorised(decisionDate), notified(notifiedOn)];
}

/** T8..T10: a full renewal, decided on `decisionDate`. */
export function renewal(decisionDate: CalendarDate, notifiedOn: CalendarDate = decisionDate): PspCaseEvent[] {
  return [
    pspEvent('RenewalInstructionStarted', { startedOn: decisionDate }),
    renewalSubmitted(decisionDate),
    commissionOpinion('renewal', { recordedOn: decisionDate }),
    pspEvent('RenewalGranted', { decisionDate, notifiedOn, commitmentsAndDifficultiesConsidered: true }),
  ];
}

export const renewalSubmitted = (
  on: CalendarDate,
  over: Partial<Extract<PspCaseEvent, { type: 'RenewalSubmitted' }>['data']> = {},
) =>
  pspEvent('RenewalSubmitted', {
    submittedOn: on,
    followUpDocumentUpdated: true,
    resultsReported: true,
    commitmentsKept: 'kept',
    difficulties: [],
    associationOpinion: 'favourable',
    ...over,
  });

/** T16: resumption after an interruption or a lapse. */
export function resumption(decisionDate: CalendarDate, effectiveFrom?: CalendarDate): PspCaseEvent[] {
  return [
    pspEvent('ResumptionRequested', { requestedOn: decisionDate, associationOpinion: 'favourable' }),
    commissionOpinion('resumption', { recordedOn: decisionDate }),
    pspEvent(
      'ResumptionAuthorised',
      effectiveFrom
        ? { decisionDate, effectiveFrom, notifiedOn: decisionDate }
        : { decisionDate, notifiedOn: decisionDate },
    ),
  ];
}

export const completeChecklist = (over: Partial<ApsChecklist> = {}): ApsChecklist => ({
  civilStatus: 'birth_certificate',
  nationalityDocuments: [{ kind: 'passport', hasPhoto: true, valid: true }],
  proofOfAddress: true,
  nonPolygamyStatement: 'not_applicable',
  photos: true,
  visaFeeProof: 'due_on_delivery',
  stopOfProstitutionDocuments: true,
  cerSigned: true,
  ...over,
});

/** A foreign national needing an APS: T1..T7 with ApsRequired, in `aps_pending`. */
export function foreignNationalCase(decisionDate: CalendarDate = '2024-09-02'): PspCaseEvent[] {
  return [
    requestOpened({ openedOn: '2024-07-01', victimOf: ['trafficking'] }),
    pspEvent('ApsRequired', { determinedOn: '2024-07-01', asylumClaimPending: false }),
    instructionCompleted({ completedOn: '2024-07-15' }),
    submitted('2024-07-16'),
    commissionOpinion('entry', { recordedOn: '2024-08-20' }),
    authorised(decisionDate),
    notified(decisionDate),
  ];
}

export const apsDecision = (
  decisionDate: CalendarDate,
  over: Partial<Extract<PspCaseEvent, { type: 'ApsIssued' }>['data']> = {},
) =>
  pspEvent('ApsIssued', {
    decisionDate,
    publicOrderThreat: false,
    previousOqtf: 'none',
    stopDoubted: false,
    validFrom: decisionDate,
    validTo: '2025-03-31',
    ...over,
  });

export interface Given {
  readonly state: PspCaseState;
  when(event: PspCaseEvent): Decision;
}

/** given(events).when(event) → the decision (accepted with the next state, or refused with reasons). */
export function given(events: readonly PspCaseEvent[], params?: PspParameters): Given {
  const state = foldCase(events, params);
  return { state, when: (event) => decide(state, event) };
}

/** Folds the events, failing loudly when one of them would have been refused. */
export function replayAccepted(events: readonly PspCaseEvent[], params?: PspParameters): PspCaseState {
  let state = foldCase([], params);
  for (const event of events) {
    const decision = decide(state, event);
    if (!decision.accepted) {
      throw new Error(
        `${event.type} refused: ${decision.violations.map((v) => `${v.rule}: ${v.message}`).join('; ')}`,
      );
    }
    state = decision.next;
  }
  return state;
}

export function statusOf(state: PspCaseState): string {
  const value = (state.value as { status: unknown }).status;
  return typeof value === 'string' ? value : Object.keys(value as object)[0];
}

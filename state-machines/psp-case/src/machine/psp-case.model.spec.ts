import { CalendarDate, addDays, addMonths } from '@psp/legal-kernel';
import { getShortestPaths } from 'xstate/graph';
import { PspCaseEvent, pspEvent } from '../events';
import { PspCaseState } from '../fold';
import { bothOpinionsOnFile, periodCovering, periodsDoNotOverlap, rightsUsed } from '../rules';
import {
  apsDecision,
  commissionOpinion,
  completeChecklist,
  instructionCompleted,
  requestOpened,
  renewalSubmitted,
} from '../testing/fixtures';
import { pspCaseMachine } from './psp-case.machine';

/**
 * Model-based tests: xstate/graph walks the machine with a finite set of sample events per event
 * type and we check the legal invariants in every reachable state and on every accepted step.
 *
 * Bounds (so the walk stays finite and fast): sample dates are derived from the current period
 * (renewal 10 days before its end, interruption 2 months in, resumption 30 days after rights ended),
 * and a state is identified by its state value plus the facts the guards read (periods, opinions,
 * APS and AFIS facts). Three walks: the lifecycle alone, then the lifecycle with the APS region,
 * then with the AFIS region, each with a reduced lifecycle sample so the product stays small.
 */

function lastPeriod(state: PspCaseState) {
  return state.context.periods[state.context.periods.length - 1];
}

function anchor(state: PspCaseState): CalendarDate {
  return lastPeriod(state)?.start ?? '2024-09-02';
}

/**
 * `full`: every lifecycle event type; `core`: entry, renewals, interruption and resumption, cap;
 * `entry`: entry, renewals and cap only. Interruptions are sampled only in the first two periods.
 */
function lifecycleSamples(state: PspCaseState, level: 'full' | 'core' | 'entry'): PspCaseEvent[] {
  const c = state.context;
  const last = lastPeriod(state);
  const renewOn = last ? addDays(last.end, -10) : '2024-08-01';
  const stoppedOn = c.rightsEndedOn ?? '2024-09-02';
  const events: PspCaseEvent[] = [
    requestOpened({ openedOn: '2024-07-01', victimOf: ['procuring'] }),
    instructionCompleted({ completedOn: '2024-07-15' }),
    pspEvent('SubmittedToPrefecture', { submittedOn: '2024-07-16' }),
    commissionOpinion('entry', { recordedOn: '2024-08-20' }),
    pspEvent('PrefectAuthorised', { decisionDate: '2024-09-02' }),
    pspEvent('DecisionNotified', { notifiedOn: '2024-09-02', toPerson: true, toAssociation: true }),
    pspEvent('RenewalInstructionStarted', { startedOn: renewOn }),
    renewalSubmitted(renewOn),
    commissionOpinion('renewal', { recordedOn: renewOn }),
    pspEvent('RenewalGranted', {
      decisionDate: renewOn,
      notifiedOn: renewOn,
      commitmentsAndDifficultiesConsidered: true,
    }),
    pspEvent('CapReached', { reachedOn: last ? addDays(last.end, 1) : '2026-01-01' }),
  ];
  if (level === 'entry') return events;
  if (c.periods.length <= 2) {
    events.push(pspEvent('Interrupted', { interruptedOn: addMonths(anchor(state), 2), reason: 'other' }));
  }
  events.push(
    pspEvent('ResumptionRequested', {
      requestedOn: addDays(stoppedOn, 30),
      associationOpinion: 'favourable',
    }),
    commissionOpinion('resumption', { recordedOn: addDays(stoppedOn, 30) }),
    pspEvent('ResumptionAuthorised', {
      decisionDate: addDays(stoppedOn, 30),
      notifiedOn: addDays(stoppedOn, 30),
    }),
  );
  if (level === 'core') return events;
  return [
    ...events,
    requestOpened({ openedOn: '2024-07-01', associationAgrementValid: false }),
    instructionCompleted({ completedOn: '2024-07-15', associationOpinion: undefined }),
    pspEvent('AssociationOpinionRecorded', { givenOn: '2024-08-21', opinion: 'unfavourable', kind: 'entry' }),
    commissionOpinion('entry', { recordedOn: '2024-08-20', quorumMet: false }),
    pspEvent('PrefectRefused', {
      decisionDate: '2024-09-02',
      notifiedOn: '2024-09-03',
      reasons: ['reasons'],
    }),
    pspEvent('NonRenewalProposed', { proposedOn: renewOn, reasons: ['commitments'] }),
    pspEvent('NonRenewalNotified', {
      decisionDate: addDays(renewOn, 20),
      notifiedOn: addDays(renewOn, 21),
      reasons: ['commitments'],
    }),
    pspEvent('PeriodEnded', {
      periodIndex: last?.index ?? 1,
      endedOn: last ? addDays(last.end, 1) : '2025-03-02',
    }),
    pspEvent('Withdrawn', {
      withdrawnOn: addMonths(anchor(state), 1),
      recordedBy: 'association',
      byPerson: true,
    }),
    pspEvent('ClosedOther', { closedOn: addMonths(anchor(state), 1), reason: 'left_france' }),
    pspEvent('CourtOrderedAuthorisation', { judgmentDate: addDays(stoppedOn, 60), court: 'TA' }),
  ];
}

function apsSamples(state: PspCaseState): PspCaseEvent[] {
  const on = addDays(anchor(state), 10);
  return [
    pspEvent('ApsRequired', { determinedOn: '2024-07-01', asylumClaimPending: false }),
    pspEvent('ApsRequired', { determinedOn: '2024-07-01', asylumClaimPending: true }),
    pspEvent('AsylumFinallyRejected', { rejectedOn: on }),
    pspEvent('ApsFiled', { filedOn: on, checklist: completeChecklist() }),
    pspEvent('ApsFiled', {
      filedOn: on,
      checklist: completeChecklist({ stopOfProstitutionDocuments: false }),
    }),
    apsDecision(on, { validFrom: on, validTo: addMonths(on, 6) }),
    apsDecision(on, { validFrom: on, validTo: addMonths(on, 6), stopDoubted: true }),
    apsDecision(on, { validFrom: on, validTo: addMonths(on, 6), publicOrderThreat: true }),
    pspEvent('ApsRefused', {
      decisionDate: on,
      reason: 'public_order',
      oqtfIssued: false,
      reasons: ['threat to public order'],
    }),
  ];
}

function afisSamples(state: PspCaseState): PspCaseEvent[] {
  const on = addDays(anchor(state), 20);
  const request = {
    requestedOn: '2024-07-20',
    nationalityCategory: 'french' as const,
    residenceDocument: 'none' as const,
    previousMonthHouseholdResourcesCents: 30000,
    rsaReceivedOrClaimable: false,
    dependentChildren: 1,
  };
  return [
    pspEvent('AfisRequested', { ...request, adaReceivedOrClaimable: false }),
    pspEvent('AfisRequested', { ...request, adaReceivedOrClaimable: true }),
    pspEvent('AfisInstructionStarted', { startedOn: '2024-07-25' }),
    pspEvent('AfisInstructionCompleted', { completedOn: '2024-08-10' }),
    commissionOpinion('afis', { recordedOn: '2024-08-20' }),
    pspEvent('AfisGranted', { decisionDate: on, ageOnDecisionDate: 22 }),
    pspEvent('AfisGranted', { decisionDate: on, ageOnDecisionDate: 17 }),
    pspEvent('AfisEnded', { decisionDate: on, reason: 'breach' }),
  ];
}

/** The facts the guards read: two snapshots that agree on these behave alike. */
function serializeState(state: PspCaseState): string {
  const c = state.context;
  return JSON.stringify({
    value: state.value,
    periods: c.periods.map((p) => [p.start, p.end]),
    cycle: [c.cycle.kind, !!c.cycle.associationOpinion, !!c.cycle.commissionOpinion],
    ended: c.rightsEndedOn,
    nonRenewal: !!c.nonRenewal,
    aps: [c.aps.need, c.aps.asylumClaimPending, c.aps.checklist?.stopOfProstitutionDocuments, c.aps.issuedOn],
    afis: [
      c.afis.request?.adaReceivedOrClaimable,
      !!c.afis.commissionOpinion,
      c.afis.grantedOn,
      c.afis.endsOn,
    ],
  });
}

const AUTHORISING = ['PrefectAuthorised', 'RenewalGranted', 'ResumptionAuthorised'];

function checkInvariants(
  prev: PspCaseState | undefined,
  event: PspCaseEvent | { type: string },
  state: PspCaseState,
) {
  const c = state.context;
  // PSP-06 / PSP-07: rights never exceed 24 months; periods never overlap (DUR-02)
  const used = rightsUsed(c.periods);
  expect(used.months).toBeLessThanOrEqual(24);
  if (used.months === 24) expect(used.days).toBe(0);
  expect(periodsDoNotOverlap(c.periods)).toEqual([]);
  // PD-1 / PD-2: the status and the APS region agree
  const value = state.value as { status: unknown; aps: string };
  if (typeof value.status === 'object' && value.status !== null && 'aps_pending' in value.status) {
    expect(c.aps.need).toBe('required');
  }
  if (value.aps === 'issued') expect(c.aps.issuedOn).toBeDefined();
  if (!prev || prev === state) return;
  const accepted = true; // a shortest path only holds steps that changed the state
  // PSP-02: no authorisation, renewal or resumption without both opinions on file
  if (accepted && AUTHORISING.includes(event.type))
    expect(bothOpinionsOnFile(prev.context.cycle)).toEqual([]);
  // APS-01 / APS-02: no APS without the authorisation and evidence that prostitution stopped
  if (c.aps.issuedOn) {
    expect(periodCovering(c.periods, c.aps.issuedOn)).toBeDefined();
    expect(c.aps.checklist?.stopOfProstitutionDocuments).toBe(true);
  }
  if (accepted && event.type === 'ApsIssued') {
    const facts = (event as Extract<PspCaseEvent, { type: 'ApsIssued' }>).data;
    expect(facts.policeEnquiry === 'answered_not_stopped').toBe(false);
  }
  // AFIS-01: no AFIS granted without engagement in the parcours on the decision date
  if (c.afis.grantedOn) expect(periodCovering(c.periods, c.afis.grantedOn)).toBeDefined();
}

/**
 * Walks the shortest path to every reachable state and checks the invariants on each step. Paths
 * share their prefixes, so each distinct (state, event) step is checked once.
 */
function walk(events: (state: PspCaseState) => PspCaseEvent[]) {
  const paths = getShortestPaths(pspCaseMachine, {
    events,
    serializeState: (s) => serializeState(s as PspCaseState),
  });
  const checked = new Set<string>();
  let steps = 0;
  for (const path of paths) {
    let prev: PspCaseState | undefined;
    let prevKey = '';
    for (const step of path.steps) {
      const state = step.state as PspCaseState;
      const key = serializeState(state);
      const edge = `${prevKey}|${JSON.stringify(step.event)}|${key}`;
      if (!checked.has(edge)) {
        checked.add(edge);
        checkInvariants(prev, step.event, state);
        steps += 1;
      }
      prev = state;
      prevKey = key;
    }
  }
  return { paths, steps };
}

function statusesOf(paths: { state: unknown }[]): Set<string> {
  return new Set(
    paths.map((p) => {
      const status = ((p.state as PspCaseState).value as { status: unknown }).status;
      return typeof status === 'string' ? status : Object.keys(status as object)[0];
    }),
  );
}

describe('Model-based: every reachable state keeps the legal invariants', () => {
  it('PSP-06 / PSP-07 / PSP-02 lifecycle walk: cap never exceeded, no authorisation without both opinions', () => {
    const { paths, steps } = walk((s) => [
      pspEvent('ApsNotApplicable', { determinedOn: '2024-07-01', reason: 'french' }),
      ...lifecycleSamples(s, 'full'),
    ]);
    expect(steps).toBeGreaterThan(100);
    expect([...statusesOf(paths)].sort()).toEqual(
      [
        'active',
        'authorised',
        'closed',
        'completed',
        'interrupted',
        'lapsed',
        'not_opened',
        'not_renewed',
        'refused',
        'renewed',
        'requested',
        'under_review',
        'withdrawn',
      ].sort(),
    );
  });

  it('APS-01 / APS-02 lifecycle with the APS region: no APS without the authorisation and evidence of the stop', () => {
    const { paths } = walk((s) => [...lifecycleSamples(s, 'core'), ...apsSamples(s)]);
    const apsStatuses = new Set(paths.map((p) => ((p.state as PspCaseState).value as { aps: string }).aps));
    expect(apsStatuses).toEqual(
      new Set([
        'undetermined',
        'awaiting_authorisation',
        'blocked_asylum_pending',
        'to_file',
        'filed',
        'issued',
        'refused',
        // T17: the post-PSP review opens by itself when the parcours completes
        'post_psp_review',
      ]),
    );
    expect(statusesOf(paths).has('aps_pending')).toBe(true);
    for (const p of paths) {
      const state = p.state as PspCaseState;
      if ((state.value as { aps: string }).aps === 'post_psp_review') {
        expect(state.context.completedOn).toBeDefined();
        expect(state.context.aps.cst).toBeUndefined();
      }
    }
  });

  it('AFIS-01 lifecycle with the AFIS region: no AFIS granted without engagement in the parcours', () => {
    const { paths } = walk((s) => [
      pspEvent('ApsNotApplicable', { determinedOn: '2024-07-01', reason: 'french' }),
      ...lifecycleSamples(s, 'entry'),
      ...afisSamples(s),
    ]);
    const afisStatuses = new Set(
      paths.map((p) => ((p.state as PspCaseState).value as { afis: string }).afis),
    );
    expect(afisStatuses.has('paying')).toBe(true);
    expect(afisStatuses.has('ended')).toBe(true);
    expect(afisStatuses.has('renewal_check')).toBe(true);
    expect(afisStatuses.has('awaiting_decision')).toBe(true);
  });
});

import { pspEvent } from '../events';
import { caseView } from '../view';
import {
  activeCase,
  commissionOpinion,
  given,
  renewal,
  renewalSubmitted,
  replayAccepted,
  resumption,
  statusOf,
} from '../testing/fixtures';

/**
 * PSP-09 (R.121-12-10; CRPA L.122-1): the non-renewal proposal, the person's observations and the
 * opinions belong to one decision cycle; they are cleared when the cycle ends (lapse, resumption,
 * court order, renewal granted) and never carry into a later period.
 */
const proposal = (on: string) =>
  pspEvent('NonRenewalProposed', { proposedOn: on, reasons: ['commitments not kept'] });
const observations = (on: string) => pspEvent('ObservationsReceived', { receivedOn: on });
const nonRenewal = (decisionDate: string, notifiedOn = decisionDate) =>
  pspEvent('NonRenewalNotified', { decisionDate, notifiedOn, reasons: ['commitments not kept'] });

/** Period 1 from 2024-03-01; a renewal instructed with both opinions and a non-renewal proposed. */
const proposedInPeriod1 = [
  ...activeCase(),
  ...renewal('2024-08-01').slice(0, 3),
  proposal('2024-08-05'),
  observations('2024-08-12'),
];

function refusedRules(
  events: Parameters<typeof given>[0],
  event: Parameters<ReturnType<typeof given>['when']>[0],
) {
  const decision = given(events).when(event);
  return decision.accepted ? [] : decision.violations.map((v) => v.rule);
}

describe('PSP-09 one decision cycle', () => {
  it('PSP-09: a non-renewal in its own cycle, after the observations step, is accepted', () => {
    const state = replayAccepted([...proposedInPeriod1, nonRenewal('2024-08-20')]);
    expect(statusOf(state)).toBe('not_renewed');
  });

  it('PSP-09: a non-renewal notified mid-period is refused (the proposal of period 1 does not survive a lapse and a resumption)', () => {
    const resumed = [
      ...proposedInPeriod1,
      pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2024-09-01' }),
      ...resumption('2024-10-01'),
    ];
    const state = replayAccepted(resumed);
    expect(caseView(state).periods[1]).toMatchObject({ start: '2024-10-01', end: '2025-03-31' });
    expect(caseView(state).deadlines.observationsDeadline).toBeUndefined();
    // mid-period 2, with no new proposal, no observations and no opinions
    expect(refusedRules(resumed, nonRenewal('2024-12-15'))).toContain('PSP-09');
  });

  it('PSP-09: a non-renewal needs its observations step in the current cycle (a new renewal cycle after a resumption)', () => {
    const events = [
      ...proposedInPeriod1,
      pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2024-09-01' }),
      ...resumption('2024-10-01'),
      pspEvent('RenewalInstructionStarted', { startedOn: '2025-03-01' }),
      renewalSubmitted('2025-03-01'),
      commissionOpinion('renewal', { recordedOn: '2025-03-10' }),
    ];
    expect(refusedRules(events, nonRenewal('2025-03-20'))).toEqual(['PSP-09']);
    // with a proposal and the observations step of this cycle, it goes through
    const state = replayAccepted([...events, proposal('2025-03-11'), nonRenewal('2025-03-27')]);
    expect(statusOf(state)).toBe('not_renewed');
  });

  it('PSP-09: a court order ends the cycle: the proposal that led to the non-renewal cannot ground a second one', () => {
    const events = [
      ...proposedInPeriod1,
      nonRenewal('2024-08-20'),
      pspEvent('CourtOrderedAuthorisation', { judgmentDate: '2024-11-04', court: 'TA Lyon' }),
      pspEvent('DecisionNotified', { notifiedOn: '2024-11-05', toPerson: true, toAssociation: true }),
    ];
    const state = replayAccepted(events);
    expect(statusOf(state)).toBe('active');
    expect(state.context.nonRenewal).toBeUndefined();
    expect(refusedRules(events, nonRenewal('2024-12-15'))).toContain('PSP-09');
  });

  it('PSP-09: a renewal granted ends the cycle; the next cycle starts with no proposal and no opinions', () => {
    const events = [
      ...proposedInPeriod1,
      pspEvent('RenewalGranted', {
        decisionDate: '2024-08-25',
        notifiedOn: '2024-08-26',
        commitmentsAndDifficultiesConsidered: true,
      }),
      pspEvent('RenewalInstructionStarted', { startedOn: '2025-02-01' }),
    ];
    const state = replayAccepted(events);
    expect(state.context.cycle).toEqual({ kind: 'renewal' });
    expect(state.context.nonRenewal).toBeUndefined();
    expect(refusedRules(events, nonRenewal('2025-02-20'))).toContain('PSP-09');
  });

  it('PSP-09: a lapse clears the opinions and the proposal of the renewal cycle', () => {
    const state = replayAccepted([
      ...proposedInPeriod1,
      pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2024-09-01' }),
    ]);
    expect(state.context.cycle).toEqual({ kind: 'resumption' });
    expect(state.context.nonRenewal).toBeUndefined();
  });
});

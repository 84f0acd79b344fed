import { PspCaseEvent, pspEvent, upcastPspEvent } from '../events';
import { foldCase } from '../fold';
import { pspParameters } from '../parameters';
import {
  activeCase,
  authorised,
  commissionOpinion,
  entryUnderDecision,
  given,
  renewal,
  replayAccepted,
  statusOf,
} from '../testing/fixtures';
import { caseView } from '../view';

/**
 * Backdating (docs/adr/0009): a decision takes effect no earlier than the opinions it rests on
 * (PSP-02) and at most `maxBackdatingDays` days before its decision date (DUR-05); a renewal must be
 * decided by the period's last day, whatever order the deadline job and the decision arrive in (PD-4).
 */
function rules(
  events: Parameters<typeof given>[0],
  event: Parameters<ReturnType<typeof given>['when']>[0],
  params?: Parameters<typeof given>[1],
) {
  const decision = given(events, params).when(event);
  return decision.accepted ? [] : decision.violations.map((v) => v.rule);
}

describe('Backdating a decision', () => {
  // entryUnderDecision: the commission's opinion on 2024-02-10, the association's on 2024-01-20
  it('PSP-02: an authorisation cannot take effect before the commission opinion it rests on', () => {
    expect(rules(entryUnderDecision(), authorised('2024-03-01', '2024-02-09'))).toEqual(['PSP-02']);
    expect(rules(entryUnderDecision(), authorised('2024-03-01', '2024-02-10'))).toEqual([]);
  });

  it('DUR-05: an authorisation cannot take effect more than 30 days (the parameter) before its decision date', () => {
    const late = [
      ...entryUnderDecision().slice(0, -1),
      commissionOpinion('entry', { recordedOn: '2024-01-25' }),
    ];
    expect(rules(late, authorised('2024-03-01', '2024-01-30'))).toEqual(['DUR-05']);
    expect(rules(late, authorised('2024-03-01', '2024-01-31'))).toEqual([]);
    // a date-effective parameter: a deployment may allow none
    const strict = pspParameters({
      maxBackdatingDays: [{ from: '2016-04-15', value: 0, source: 'deployment' }],
    });
    expect(rules(late, authorised('2024-03-01', '2024-02-29'), strict)).toEqual(['DUR-05']);
    expect(rules(late, authorised('2024-03-01', '2024-03-01'), strict)).toEqual([]);
  });

  it('DUR-05 / PSP-02: a resumption takes effect no earlier than its opinions and at most 30 days before its decision', () => {
    const lapsed = [...activeCase(), pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2024-09-01' })];
    const cycle = [
      ...lapsed,
      pspEvent('ResumptionRequested', { requestedOn: '2024-10-01', associationOpinion: 'favourable' }),
      commissionOpinion('resumption', { recordedOn: '2024-10-10' }),
    ];
    const resume = (effectiveFrom: string, decisionDate = '2024-11-20') =>
      pspEvent('ResumptionAuthorised', { decisionDate, effectiveFrom, notifiedOn: decisionDate });
    expect(rules(cycle, resume('2024-10-09', '2024-10-25'))).toEqual(['PSP-02']);
    expect(rules(cycle, resume('2024-10-20'))).toEqual(['DUR-05']);
    expect(rules(cycle, resume('2024-10-21'))).toEqual([]);
  });
});

describe('A renewal decided after the period ended (one rule, either order)', () => {
  // period 1: 2024-03-01 .. 2024-08-31; renewal instructed, both opinions on 2024-08-20
  const instructed = [...activeCase(), ...renewal('2024-08-20').slice(0, 3)];
  const lateRenewal = pspEvent('RenewalGranted', {
    decisionDate: '2024-09-05',
    notifiedOn: '2024-09-06',
    commitmentsAndDifficultiesConsidered: true,
  });
  const periodEnded = pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2024-09-01' });

  it('PD-4: the deadline job first, then the late renewal: the case lapsed on the period end and the renewal is refused', () => {
    const lapsed = replayAccepted([...instructed, periodEnded]);
    expect(statusOf(lapsed)).toBe('lapsed');
    expect(rules([...instructed, periodEnded], lateRenewal)).toEqual(['PD-4']);
  });

  it('PD-4: the late renewal first, then the deadline job: the renewal is refused in the same way and the case lapses', () => {
    expect(rules(instructed, lateRenewal)).toEqual(['PD-4']);
    const state = replayAccepted([...instructed, periodEnded]);
    expect(caseView(state)).toMatchObject({ status: 'lapsed', rights: { rightsEndedOn: '2024-09-01' } });
  });

  const inTime = pspEvent('RenewalGranted', {
    decisionDate: '2024-08-31',
    notifiedOn: '2024-09-02',
    commitmentsAndDifficultiesConsidered: true,
  });

  it("PD-4: a renewal decided by the period's last day continues the rights without a gap, recorded before or after the deadline job", () => {
    const decisionFirst = replayAccepted([...instructed, inTime]);
    expect(rules([...instructed, inTime], periodEnded)).toEqual(['T14']);
    const jobFirst = replayAccepted([...instructed, periodEnded, inTime]);
    for (const state of [decisionFirst, jobFirst]) {
      expect(caseView(state)).toMatchObject({ status: 'renewed', rights: { used: { months: 12, days: 0 } } });
      expect(caseView(state).rights.rightsEndedOn).toBeUndefined();
      expect(caseView(state).periods[1]).toMatchObject({ start: '2024-09-01', end: '2025-02-28' });
    }
    expect(caseView(jobFirst)).toEqual(caseView(decisionFirst));
    expect(jobFirst.context.cycle).toEqual(decisionFirst.context.cycle);
  });

  it('PD-4 / DUR-05: after the lapse, a resumption may restore continuity within the backdating bound', () => {
    const state = replayAccepted([
      ...instructed,
      periodEnded,
      pspEvent('ResumptionRequested', { requestedOn: '2024-09-02', associationOpinion: 'favourable' }),
      commissionOpinion('resumption', { recordedOn: '2024-09-01' }),
      pspEvent('ResumptionAuthorised', {
        decisionDate: '2024-09-20',
        effectiveFrom: '2024-09-02',
        notifiedOn: '2024-09-20',
      }),
    ]);
    expect(caseView(state).periods[1]).toMatchObject({ kind: 'resumption', start: '2024-09-02' });
  });

  it('PD-4: the AFIS paid during the period follows the same rule in both orders', () => {
    const withAfis = [
      ...activeCase(),
      pspEvent('AfisRequested', {
        requestedOn: '2024-04-02',
        nationalityCategory: 'french',
        residenceDocument: 'none',
        previousMonthHouseholdResourcesCents: 30000,
        rsaReceivedOrClaimable: false,
        adaReceivedOrClaimable: false,
        dependentChildren: 0,
      }),
      pspEvent('AfisInstructionStarted', { startedOn: '2024-04-05' }),
      pspEvent('AfisInstructionCompleted', { completedOn: '2024-04-20' }),
      commissionOpinion('afis', { recordedOn: '2024-05-02' }),
      pspEvent('AfisGranted', { decisionDate: '2024-05-10', ageOnDecisionDate: 22 }),
      ...renewal('2024-08-20').slice(0, 3),
    ];
    const decisionFirst = replayAccepted([...withAfis, inTime]);
    const jobFirst = replayAccepted([...withAfis, periodEnded, inTime]);
    expect(caseView(decisionFirst).afis).toMatchObject({ status: 'renewal_check' });
    expect(caseView(jobFirst).afis).toEqual(caseView(decisionFirst).afis);
  });
});

describe('Replay of events written before these rules (schema 1)', () => {
  const v1 = (event: PspCaseEvent) => upcastPspEvent(event.type, 1, event.data);

  it('PD-4 / DUR-05: a stored schema-1 late renewal or backdated authorisation folds as it was decided', () => {
    const lateRenewal = foldCase([
      ...activeCase(),
      ...renewal('2024-08-20').slice(0, 3),
      v1(
        pspEvent('RenewalGranted', {
          decisionDate: '2024-09-05',
          notifiedOn: '2024-09-06',
          commitmentsAndDifficultiesConsidered: true,
        }),
      ),
    ]);
    expect(caseView(lateRenewal).status).toBe('renewed');
    const backdated = foldCase([...entryUnderDecision(), v1(authorised('2024-06-01', '2024-01-02'))]);
    expect(caseView(backdated).periods[0]).toMatchObject({ start: '2024-01-02' });
  });

  it('DUR-01: a stored schema-1 PeriodEnded, dated by the older arithmetic (up to 3 days earlier), still lapses the case', () => {
    // 31 Aug 2024: the older arithmetic ended period 1 on 27 Feb 2025 and the job lapsed it on 28 Feb
    const start = [
      ...entryUnderDecision(),
      authorised('2024-08-31'),
      pspEvent('DecisionNotified', { notifiedOn: '2024-08-31', toPerson: true, toAssociation: true }),
    ];
    const stored = v1(pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2025-02-28' }));
    const state = foldCase([...start, stored]);
    expect(caseView(state)).toMatchObject({ status: 'lapsed', periods: [{ end: '2025-02-28' }] });
    // a new PeriodEnded on that date is refused: the period runs until 28 Feb
    expect(rules(start, pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2025-02-28' }))).toEqual(['T14']);
  });
});

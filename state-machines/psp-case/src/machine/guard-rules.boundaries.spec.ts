import { RuleResult } from '@psp/legal-kernel';
import { PspCaseEvent, pspEvent } from '../events';
import { FOUR_PERIODS, contextWith, period } from '../testing/contexts';
import {
  commissionOpinion,
  completeChecklist,
  instructionCompleted,
  requestOpened,
} from '../testing/fixtures';
import { PspCaseContext } from './context';
import { GUARD_RULES, GuardName, entryStart, laterStart } from './guard-rules';

/** The guards the machine calls, each on the context it reads (section 2.3 transitions, 3.2, 4.4). */
function guard(name: GuardName, context: PspCaseContext, event: PspCaseEvent): RuleResult {
  return GUARD_RULES[name](context, event);
}

const rules = (result: RuleResult) => result.map((v) => v.rule);

const opened = contextWith({ openedOn: '2024-01-05' });
const commissionOnFile = {
  opinion: 'favourable' as const,
  recordedOn: '2024-02-10',
  sessionId: 'S-1',
  itemId: 'item-1',
};
const associationOnFile = { opinion: 'favourable' as const, givenOn: '2024-01-20' };
const cycle = (kind: 'entry' | 'renewal' | 'resumption') => ({
  kind,
  commissionOpinion: commissionOnFile,
  associationOpinion: associationOnFile,
});
const running = (over: Parameters<typeof contextWith>[0] = {}) =>
  contextWith({ openedOn: '2024-01-05', periods: [period('2024-01-02', '2024-07-01')], ...over });

describe('PD-6 each guard speaks only of its own event', () => {
  it('PD-6 a guard given another event refuses it, naming both', () => {
    expect(guard('requestAdmissible', opened, instructionCompleted())).toEqual([
      { rule: 'PD-6', message: 'InstructionCompleted is not RequestOpened' },
    ]);
  });

  it('T1 / AGR-09 / PSP-01 the request guard passes the rules of the request', () => {
    expect(guard('requestAdmissible', contextWith(), requestOpened())).toEqual([]);
    expect(rules(guard('requestAdmissible', contextWith(), requestOpened({ personAgrees: false })))).toEqual([
      'PSP-01',
    ]);
    expect(
      rules(guard('instructionComplete', opened, instructionCompleted({ commitmentsListed: false }))),
    ).toEqual(['PSP-03']);
  });
});

describe('PSP-03 the association opinion is on the decision under way', () => {
  const opinion = (kind: 'entry' | 'renewal' | 'resumption') =>
    pspEvent('AssociationOpinionRecorded', { givenOn: '2024-01-20', opinion: 'favourable', kind } as never);
  it.each([
    ['entryOpinionExpected', 'entry', 'an opinion on the entry request is expected'],
    ['renewalOpinionExpected', 'renewal', 'an opinion on the renewal is expected'],
    ['resumptionOpinionExpected', 'resumption', 'an opinion on the resumption is expected'],
  ] as const)('PSP-03 %s accepts an opinion on %s only', (name, kind, message) => {
    expect(guard(name, opened, opinion(kind))).toEqual([]);
    const other = kind === 'entry' ? 'renewal' : 'entry';
    expect(guard(name, opened, opinion(other))).toEqual([{ rule: 'PSP-03', message }]);
  });

  it.each([
    ['entryCommissionOpinionValid', 'entry'],
    ['renewalCommissionOpinionValid', 'renewal'],
    ['resumptionCommissionOpinionValid', 'resumption'],
    ['afisCommissionOpinionValid', 'afis'],
  ] as const)('PSP-03 %s accepts a commission opinion on %s only', (name, kind) => {
    expect(guard(name, opened, commissionOpinion(kind))).toEqual([]);
    const other = kind === 'entry' ? 'afis' : 'entry';
    expect(rules(guard(name, opened, commissionOpinion(other)))).toEqual(['PSP-03']);
  });
});

describe('T5 / PSP-02 / PSP-06 the préfet authorises entry', () => {
  const underDecision = contextWith({ openedOn: '2024-01-05', cycle: cycle('entry') });
  const authorise = (decisionDate: string, effectiveFrom?: string) =>
    pspEvent('PrefectAuthorised', effectiveFrom ? { decisionDate, effectiveFrom } : { decisionDate });

  it('T5 authorises after both opinions, on the day of the commission opinion or later', () => {
    expect(guard('prefectMayAuthorise', underDecision, authorise('2024-02-10'))).toEqual([]);
    expect(guard('apsAuthorisationGiven', underDecision, authorise('2024-03-01'))).toEqual([]);
  });

  it('PSP-02 a decision dated before the commission opinion is refused with both dates', () => {
    expect(guard('prefectMayAuthorise', underDecision, authorise('2024-02-09'))).toEqual([
      {
        rule: 'PSP-02',
        message: 'the decision of 2024-02-09 is dated before the commission opinion (2024-02-10)',
      },
    ]);
  });

  it('PSP-02 a decision dated before the association opinion is refused', () => {
    const late = contextWith({
      cycle: { ...cycle('entry'), associationOpinion: { opinion: 'favourable', givenOn: '2024-02-20' } },
    });
    expect(guard('prefectMayAuthorise', late, authorise('2024-02-19'))).toEqual([
      {
        rule: 'PSP-02',
        message: 'the decision of 2024-02-19 is dated before the association opinion (2024-02-20)',
      },
    ]);
    expect(guard('prefectMayAuthorise', late, authorise('2024-02-20'))).toEqual([]);
  });

  it('T5 no entry request under review: a renewal cycle cannot be authorised as an entry', () => {
    expect(
      guard('prefectMayAuthorise', contextWith({ cycle: cycle('renewal') }), authorise('2024-03-01')),
    ).toEqual([{ rule: 'T5', message: 'no entry request is under review' }]);
  });

  it('PSP-06 an entry for a person who used the 24 months is refused (the start is the stated date)', () => {
    const used = contextWith({ cycle: cycle('entry'), periods: FOUR_PERIODS });
    expect(rules(guard('prefectMayAuthorise', used, authorise('2026-03-01')))).toEqual(['PSP-06']);
  });

  it('DUR-05 a period starts on the date the decision states, else on the decision date', () => {
    expect(entryStart(opened, '2024-03-01')).toBe('2024-03-01');
    expect(entryStart(opened, '2024-03-01', '2024-03-15')).toBe('2024-03-15');
  });

  it('PSP-05 the notification cannot precede the decision: the same day is accepted', () => {
    const pending = contextWith({ pendingAuthorisation: { decisionDate: '2024-03-01' } });
    const notify = (notifiedOn: string) =>
      pspEvent('DecisionNotified', { notifiedOn, toPerson: true, toAssociation: true });
    expect(guard('notified', pending, notify('2024-03-01'))).toEqual([]);
    expect(guard('notified', pending, notify('2024-02-29'))).toEqual([
      { rule: 'PSP-05', message: 'the notification cannot precede the decision' },
    ]);
    expect(guard('notified', opened, notify('2024-02-29'))).toEqual([]);
  });
});

describe('PD-1 routing: which status follows depends on the APS', () => {
  const pending = contextWith({ pendingAuthorisation: { decisionDate: '2024-03-01' } });
  const notify = pspEvent('DecisionNotified', {
    notifiedOn: '2024-03-01',
    toPerson: true,
    toAssociation: true,
  });

  it('PD-1 a notification goes to aps_pending only while the APS is required and not issued', () => {
    const required = contextWith({ ...pending, aps: { need: 'required' } });
    expect(guard('notifiedWithApsOutstanding', required, notify)).toEqual([]);
    expect(guard('notifiedWithApsOutstanding', pending, notify)).toEqual([
      { rule: 'PD-1', message: 'the APS is not outstanding' },
    ]);
    const issued = contextWith({ ...pending, aps: { need: 'required', issuedOn: '2024-02-01' } });
    expect(guard('notifiedWithApsOutstanding', issued, notify)).toEqual([
      { rule: 'PD-1', message: 'the APS is not outstanding' },
    ]);
  });

  it('PD-1 a refused rule speaks before the routing', () => {
    const bad = pspEvent('DecisionNotified', {
      notifiedOn: '2024-03-01',
      toPerson: false,
      toAssociation: true,
    });
    expect(rules(guard('notifiedWithApsOutstanding', pending, bad))).toEqual(['PSP-05']);
  });
});

describe('T8 / T10 / PSP-06 renewal', () => {
  const renew = (decisionDate: string) =>
    pspEvent('RenewalGranted', {
      decisionDate,
      notifiedOn: decisionDate,
      commitmentsAndDifficultiesConsidered: true,
    });

  it('T8 a renewal instruction starts while budget is left; with no period there is nothing to renew', () => {
    const start = pspEvent('RenewalInstructionStarted', { startedOn: '2024-06-01' });
    expect(guard('renewalMayStart', running(), start)).toEqual([]);
    expect(guard('renewalMayStart', opened, start)).toEqual([
      { rule: 'T8', message: 'there is no period to renew' },
    ]);
    expect(rules(guard('renewalMayStart', contextWith({ periods: FOUR_PERIODS }), start))).toEqual([
      'PSP-06',
    ]);
  });

  it('T10 a renewal is granted in a renewal cycle, after both opinions, weighing commitments', () => {
    const inRenewal = running({ cycle: cycle('renewal') });
    expect(guard('mayGrantRenewal', inRenewal, renew('2024-06-01'))).toEqual([]);
    expect(guard('mayGrantRenewal', running({ cycle: cycle('entry') }), renew('2024-06-01'))).toEqual([
      { rule: 'T10', message: 'no renewal is under instruction' },
    ]);
    expect(guard('mayGrantRenewal', contextWith({ cycle: cycle('renewal') }), renew('2024-06-01'))).toEqual([
      { rule: 'T10', message: 'there is no period to renew' },
    ]);
    expect(rules(guard('mayGrantRenewal', inRenewal, renew('2024-02-01')))).toEqual(['PSP-02']);
  });

  it('PSP-06 the fifth period is refused: 24 months are used', () => {
    const full = contextWith({ cycle: cycle('renewal'), periods: FOUR_PERIODS });
    expect(guard('mayGrantRenewal', full, renew('2025-12-01'))).toEqual([
      { rule: 'PSP-06', message: 'the 24-month cap is reached' },
    ]);
  });

  it('PD-1 a renewal goes to aps_pending only while the APS is outstanding', () => {
    const inRenewal = running({ cycle: cycle('renewal'), aps: { need: 'required' } });
    expect(guard('renewalGrantedWithApsOutstanding', inRenewal, renew('2024-06-01'))).toEqual([]);
    expect(
      guard('renewalGrantedWithApsOutstanding', running({ cycle: cycle('renewal') }), renew('2024-06-01')),
    ).toEqual([{ rule: 'PD-1', message: 'the APS is not outstanding' }]);
  });

  it('T11 / PSP-15 a non-renewal is proposed in a renewal cycle, with reasons', () => {
    const propose = (reasons: string[]) =>
      pspEvent('NonRenewalProposed', { proposedOn: '2024-06-01', reasons });
    expect(
      guard('mayProposeNonRenewal', running({ cycle: cycle('renewal') }), propose(['commitments not kept'])),
    ).toEqual([]);
    expect(guard('mayProposeNonRenewal', running({ cycle: cycle('entry') }), propose(['x']))).toEqual([
      { rule: 'T11', message: 'no renewal is under instruction' },
    ]);
    expect(
      rules(guard('mayProposeNonRenewal', running({ cycle: cycle('renewal') }), propose([' ']))),
    ).toEqual(['PSP-15']);
  });

  it('T6 / PSP-15 a refusal needs both opinions and reasons', () => {
    const refuse = (reasons: string[]) => pspEvent('PrefectRefused', { decisionDate: '2024-03-01', reasons });
    for (const name of ['prefectMayRefuse', 'mayRefuseResumption'] as const) {
      expect(guard(name, contextWith({ cycle: cycle('entry') }), refuse(['not a victim']))).toEqual([]);
      expect(rules(guard(name, contextWith(), refuse([])))).toEqual(['PSP-02', 'PSP-02', 'PSP-15']);
    }
  });
});

describe('T14 / T17 / PSP-06 the end of a period', () => {
  const ended = (periodIndex: number, endedOn: string) => pspEvent('PeriodEnded', { periodIndex, endedOn });

  it('T14 a period ends the day after its last day, not on it', () => {
    expect(guard('periodEndedNotFinal', running(), ended(1, '2024-07-02'))).toEqual([]);
    expect(guard('periodEndedNotFinal', running(), ended(1, '2024-07-01'))).toEqual([
      { rule: 'T14', message: 'period 1 runs until 2024-07-01' },
    ]);
  });

  it('T14 only the current period ends', () => {
    expect(guard('periodEndedNotFinal', running(), ended(2, '2024-07-02'))).toEqual([
      { rule: 'T14', message: 'period 2 is not the current period' },
    ]);
    expect(guard('periodEndedNotFinal', opened, ended(1, '2024-07-02'))).toEqual([
      { rule: 'T14', message: 'period 1 is not the current period' },
    ]);
  });

  it('T17 the end of the final period is CapReached, not PeriodEnded', () => {
    const full = contextWith({ periods: FOUR_PERIODS });
    expect(guard('periodEndedNotFinal', full, ended(4, '2026-01-02'))).toEqual([
      { rule: 'T17', message: 'this was the final period: the cap is reached (CapReached)' },
    ]);
  });

  it('PSP-06 the cap is reached the day after the last day of the final period, not on that day', () => {
    const full = contextWith({ periods: FOUR_PERIODS });
    const reached = (reachedOn: string) => pspEvent('CapReached', { reachedOn });
    expect(guard('capReachedNow', full, reached('2026-01-02'))).toEqual([]);
    expect(guard('capReachedNow', full, reached('2026-01-01'))).toEqual([
      { rule: 'PSP-06', message: 'the final period runs until 2026-01-01' },
    ]);
    expect(guard('capReachedNow', running(), reached('2024-07-02'))).toEqual([
      { rule: 'PSP-06', message: 'the 24-month cap is not reached' },
    ]);
    expect(guard('capReachedNow', opened, reached('2024-07-02'))).toEqual([
      { rule: 'PSP-06', message: 'the 24-month cap is not reached' },
    ]);
  });

  it('T17 completion falls between the first day of the current period and the day after its last', () => {
    const complete = (completedOn: string) =>
      pspEvent('Completed', { completedOn, outcomes: { training: true, job: false, housing: true } });
    const refusal = [{ rule: 'T17', message: 'completion must fall within the current period' }];
    expect(guard('completionInPeriod', running(), complete('2024-01-02'))).toEqual([]);
    expect(guard('completionInPeriod', running(), complete('2024-07-02'))).toEqual([]);
    expect(guard('completionInPeriod', running(), complete('2024-01-01'))).toEqual(refusal);
    expect(guard('completionInPeriod', running(), complete('2024-07-03'))).toEqual(refusal);
    expect(guard('completionInPeriod', opened, complete('2024-03-01'))).toEqual(refusal);
  });

  it('T15 an interruption falls within the running period, first and last day included', () => {
    const interrupt = (interruptedOn: string) => pspEvent('Interrupted', { interruptedOn, reason: 'other' });
    const refusal = [{ rule: 'T15', message: 'an interruption must fall within the running period' }];
    expect(guard('interruptionInPeriod', running(), interrupt('2024-01-02'))).toEqual([]);
    expect(guard('interruptionInPeriod', running(), interrupt('2024-07-01'))).toEqual([]);
    expect(guard('interruptionInPeriod', running(), interrupt('2024-01-01'))).toEqual(refusal);
    expect(guard('interruptionInPeriod', running(), interrupt('2024-07-02'))).toEqual(refusal);
    expect(guard('interruptionInPeriod', opened, interrupt('2024-03-01'))).toEqual(refusal);
  });
});

describe('T16 / T19 / PSP-07 resumption and court orders', () => {
  const interrupted = contextWith({
    cycle: cycle('resumption'),
    periods: [period('2024-01-02', '2024-03-31', 1, { plannedEnd: '2024-07-01', stopReason: 'interrupted' })],
    rightsEndedOn: '2024-04-01',
  });
  const resume = (decisionDate: string, effectiveFrom?: string) =>
    pspEvent(
      'ResumptionAuthorised',
      effectiveFrom
        ? { decisionDate, effectiveFrom, notifiedOn: decisionDate }
        : { decisionDate, notifiedOn: decisionDate },
    );

  it('T16 a resumption is authorised in a resumption cycle only', () => {
    expect(guard('mayResume', interrupted, resume('2024-06-01'))).toEqual([]);
    expect(guard('mayResume', { ...interrupted, cycle: cycle('renewal') }, resume('2024-06-01'))).toEqual([
      { rule: 'T16', message: 'no resumption request is under review' },
    ]);
  });

  it('PSP-07 a resumption after 24 months of rights, interrupted periods included, is refused', () => {
    const used = contextWith({
      cycle: cycle('resumption'),
      periods: [...FOUR_PERIODS.slice(0, 3), { ...FOUR_PERIODS[3], stopReason: 'interrupted' }],
    });
    expect(guard('mayResume', used, resume('2026-03-01'))).toEqual([
      { rule: 'PSP-07', message: 'the 24-month cap is reached, interrupted periods included' },
    ]);
  });

  it('PD-1 a resumption goes to aps_pending only while the APS is outstanding', () => {
    expect(guard('resumedWithApsOutstanding', interrupted, resume('2024-06-01'))).toEqual([
      { rule: 'PD-1', message: 'the APS is not outstanding' },
    ]);
    const required = { ...interrupted, aps: { ...interrupted.aps, need: 'required' as const } };
    expect(guard('resumedWithApsOutstanding', required, resume('2024-06-01'))).toEqual([]);
  });

  it('T19 a court order names its court; blank is refused', () => {
    const order = (court: string) =>
      pspEvent('CourtOrderedAuthorisation', { judgmentDate: '2024-06-01', court });
    expect(guard('courtOrderAllowed', opened, order('TA Lyon'))).toEqual([]);
    expect(guard('apsCourtOrderGiven', opened, order('  '))).toEqual([
      { rule: 'PSP-14', message: 'the judgment (court) is missing', missing: 'judgment' },
    ]);
  });

  it('T16 / T19 a resumed or court-ordered period starts on the stated date, never before the last period ends', () => {
    expect(laterStart(interrupted, '2024-06-01')).toBe('2024-06-01');
    expect(laterStart(interrupted, '2024-04-01')).toBe('2024-04-01');
    expect(laterStart(interrupted, '2024-03-15')).toBe('2024-04-01');
    expect(laterStart(opened, '2024-03-15')).toBe('2024-03-15');
  });
});

describe('PD-1 closures and withdrawals', () => {
  it('PD-1 a closure for death, leaving France or moving is accepted; a written refusal is a withdrawal', () => {
    const close = (reason: 'death' | 'written_refusal') =>
      pspEvent('ClosedOther', { closedOn: '2024-05-01', reason });
    expect(guard('closureReasonAllowed', running(), close('death'))).toEqual([]);
    expect(rules(guard('closureReasonAllowed', running(), close('written_refusal')))).toEqual(['PD-1']);
  });

  it("PD-1 a withdrawal is the person's act", () => {
    const withdraw = (byPerson: boolean) =>
      pspEvent('Withdrawn', { withdrawnOn: '2024-05-01', recordedBy: 'association', byPerson });
    expect(guard('withdrawalByPerson', running(), withdraw(true))).toEqual([]);
    expect(rules(guard('withdrawalByPerson', running(), withdraw(false)))).toEqual(['PD-1']);
  });
});

describe('APS region guards (section 3.2)', () => {
  const required = (asylumClaimPending: boolean) =>
    pspEvent('ApsRequired', { determinedOn: '2024-01-05', asylumClaimPending });

  it('T1 the APS need is determined on an open case only', () => {
    expect(guard('apsDetermination', opened, required(false))).toEqual([]);
    expect(guard('apsDetermination', contextWith(), required(false))).toEqual([
      { rule: 'T1', message: 'no PSP request is open for this case' },
    ]);
  });

  it('APS-09 the asylum route needs a pending claim', () => {
    expect(guard('apsRequiredWhileAsylumPending', opened, required(true))).toEqual([]);
    expect(guard('apsRequiredWhileAsylumPending', opened, required(false))).toEqual([
      { rule: 'APS-09', message: 'no asylum claim is pending' },
    ]);
    expect(rules(guard('apsRequiredWhileAsylumPending', contextWith(), required(true)))).toEqual(['T1']);
  });

  it('APS-01 the APS is required after the authorisation (decided or running)', () => {
    expect(guard('apsRequiredAfterAuthorisation', running(), required(false))).toEqual([]);
    const pending = contextWith({
      openedOn: '2024-01-05',
      pendingAuthorisation: { decisionDate: '2024-03-01' },
    });
    expect(guard('apsRequiredAfterAuthorisation', pending, required(false))).toEqual([]);
    expect(guard('apsRequiredAfterAuthorisation', opened, required(false))).toEqual([
      { rule: 'APS-01', message: 'the PSP is not authorised yet' },
    ]);
    expect(rules(guard('apsRequiredAfterAuthorisation', contextWith(), required(false)))).toEqual([
      'T1',
      'APS-01',
    ]);
  });

  it('APS-01 the need is recorded once', () => {
    expect(guard('apsNotYetRequired', opened, required(false))).toEqual([]);
    expect(guard('apsNotYetRequired', contextWith({ aps: { need: 'required' } }), required(false))).toEqual([
      { rule: 'APS-01', message: 'the APS need is already recorded' },
    ]);
  });

  it('APS-09 an asylum refusal leads to the APS only while the person is in the PSP', () => {
    const rejected = (rejectedOn: string) => pspEvent('AsylumFinallyRejected', { rejectedOn });
    const refusal = [
      {
        rule: 'APS-09',
        message: 'the APS may follow an asylum refusal only while the person is still in the PSP',
      },
    ];
    expect(guard('asylumRejectedWhilePspRuns', running(), rejected('2024-07-01'))).toEqual([]);
    expect(guard('asylumRejectedWhilePspRuns', running(), rejected('2024-07-02'))).toEqual(refusal);
    expect(guard('asylumRejectedBeforeDecision', opened, rejected('2024-02-01'))).toEqual([]);
    expect(guard('asylumRejectedBeforeDecision', running(), rejected('2024-02-01'))).toEqual(refusal);
    const pending = contextWith({ pendingAuthorisation: { decisionDate: '2024-03-01' } });
    expect(guard('asylumRejectedBeforeDecision', pending, rejected('2024-03-02'))).toEqual(refusal);
    const decided = contextWith({ decisions: [{ kind: 'refused', decisionDate: '2024-03-01' }] });
    expect(guard('asylumRejectedBeforeDecision', decided, rejected('2024-03-02'))).toEqual(refusal);
  });

  describe('D7 / D9 what the case provides to the APS checklist', () => {
    const filed = pspEvent('ApsFiled', { filedOn: '2024-09-10', checklist: completeChecklist() });
    const missing = (context: PspCaseContext) =>
      guard('apsChecklistComplete', context, filed).map((v) => v.rule);

    it('D7 / D9 a running period and an opinion of the current cycle are enough', () => {
      expect(missing(running({ cycle: cycle('entry') }))).toEqual([]);
    });

    it('D7 an authorisation waiting for notification counts; rights ended do not', () => {
      const pending = contextWith({
        pendingAuthorisation: { decisionDate: '2024-09-01' },
        cycle: cycle('entry'),
      });
      expect(missing(pending)).toEqual([]);
      expect(missing(contextWith({ cycle: cycle('entry') }))).toEqual(['D7']);
      expect(missing(running({ cycle: cycle('entry'), rightsEndedOn: '2024-05-01' }))).toEqual(['D7']);
    });

    it('D9 with no decision yet and no opinion in the cycle, the opinion is missing; one decision other than a refusal is enough', () => {
      expect(missing(running({ cycle: { kind: 'entry' } }))).toEqual(['D9']);
      const mixed = running({
        cycle: { kind: 'renewal' },
        decisions: [
          { kind: 'refused', decisionDate: '2023-10-02' },
          { kind: 'authorised', decisionDate: '2024-01-02' },
        ],
      });
      expect(missing(mixed)).toEqual([]);
    });

    it('D9 a past decision other than a refusal carries the opinion; a refusal does not', () => {
      const renewed = running({ decisions: [{ kind: 'authorised', decisionDate: '2024-01-02' }] });
      expect(missing(renewed)).toEqual([]);
      const refused = running({ decisions: [{ kind: 'refused', decisionDate: '2024-01-02' }] });
      expect(missing(refused)).toEqual(['D9']);
    });
  });

  it('APS-01 the APS issued while the first period runs goes on; in a later period it routes elsewhere', () => {
    const issuable = running({
      aps: { need: 'required', filedOn: '2024-02-01', checklist: completeChecklist() },
    });
    const issue = pspEvent('ApsIssued', {
      decisionDate: '2024-03-01',
      publicOrderThreat: false,
      previousOqtf: 'none',
      stopDoubted: false,
      validFrom: '2024-03-01',
      validTo: '2024-09-30',
    });
    expect(guard('apsIssuable', issuable, issue)).toEqual([]);
    expect(guard('apsIssuedOnFirstPeriod', issuable, issue)).toEqual([]);
    const second = { ...issuable, periods: [FOUR_PERIODS[0], period('2024-02-15', '2024-08-14', 2)] };
    expect(guard('apsIssuedOnFirstPeriod', second, issue)).toEqual([
      { rule: 'PD-1', message: 'a later period is running' },
    ]);
  });

  it('APS-05 a renewal of the APS is filed while the person is in the PSP (last day included)', () => {
    const file = (filedOn: string) => pspEvent('ApsRenewalFiled', { filedOn, cerSigned: true });
    expect(guard('apsRenewalMayBeFiled', running(), file('2024-07-01'))).toEqual([]);
    expect(guard('apsRenewalMayBeFiled', running(), file('2024-07-02'))).toEqual([
      {
        rule: 'APS-05',
        message: 'the APS is renewed only while the person is still in the PSP (renewal T10)',
      },
    ]);
  });

  it('APS-05 / APS-13 the APS renewal guard applies the renewal rules', () => {
    const renewed = (decisionDate: string) =>
      pspEvent('ApsRenewed', {
        decisionDate,
        publicOrderThreat: false,
        previousOqtf: 'none',
        stopDoubted: false,
        validFrom: decisionDate,
        validTo: '2025-03-31',
      });
    const withCer = running({
      // APS-02: the stop of prostitution must still be shown at renewal.
      aps: { need: 'required', renewalCerSigned: true, checklist: completeChecklist() },
    });
    expect(guard('apsRenewable', withCer, renewed('2024-07-01'))).toEqual([]);
    expect(rules(guard('apsRenewable', withCer, renewed('2024-07-02')))).toEqual(['APS-05']);
  });

  it('APS-05 the APS expires the day after its last valid day, not on it', () => {
    const valid = contextWith({ aps: { need: 'required', validTo: '2025-03-31' } });
    const expire = (expiredOn: string) => pspEvent('ApsExpired', { expiredOn });
    expect(guard('apsValidityOver', valid, expire('2025-04-01'))).toEqual([]);
    expect(guard('apsValidityOver', valid, expire('2025-03-31'))).toEqual([
      { rule: 'APS-05', message: 'the APS is valid until 2025-03-31' },
    ]);
    expect(rules(guard('apsValidityOver', contextWith(), expire('2025-04-01')))).toEqual(['APS-05']);
  });

  it('APS-12 the post-PSP review follows a completed PSP', () => {
    const review = pspEvent('PostPspReviewOpened', { openedOn: '2026-01-02' });
    expect(guard('pspCompleted', contextWith({ completedOn: '2026-01-02' }), review)).toEqual([]);
    expect(guard('pspCompleted', running(), review)).toEqual([
      { rule: 'APS-12', message: 'the post-PSP review follows a completed PSP' },
    ]);
  });

  it('PSP-15 a residence card refusal gives its reasons', () => {
    const refuse = (reasons: string[]) =>
      pspEvent('CstRefused', { decisionDate: '2026-02-01', reasons, oqtfIssued: false });
    expect(guard('cstRefusalReasoned', running(), refuse(['no integration']))).toEqual([]);
    expect(rules(guard('cstRefusalReasoned', running(), refuse([''])))).toEqual(['PSP-15']);
  });

  it('PD-1 APS not applicable is recorded during the first period only', () => {
    const notApplicable = pspEvent('ApsNotApplicable', { determinedOn: '2024-01-05', reason: 'french' });
    expect(guard('apsNotApplicableOnFirstPeriod', opened, notApplicable)).toEqual([]);
    expect(guard('apsNotApplicableOnFirstPeriod', running(), notApplicable)).toEqual([]);
    expect(
      guard(
        'apsNotApplicableOnFirstPeriod',
        contextWith({ periods: FOUR_PERIODS.slice(0, 2) }),
        notApplicable,
      ),
    ).toEqual([{ rule: 'PD-1', message: 'a later period is running' }]);
  });
});

describe('AFIS region guards (section 4.4)', () => {
  const request = {
    requestedOn: '2024-02-01',
    nationalityCategory: 'french' as const,
    residenceDocument: 'none' as const,
    previousMonthHouseholdResourcesCents: 0,
    rsaReceivedOrClaimable: false,
    adaReceivedOrClaimable: false,
    dependentChildren: 0,
  };
  const grant = pspEvent('AfisGranted', { decisionDate: '2024-05-01', ageOnDecisionDate: 30 });

  it('T1 an AFIS request needs an open case', () => {
    const requested = pspEvent('AfisRequested', request as never);
    expect(guard('afisRequestOnOpenCase', opened, requested)).toEqual([]);
    expect(rules(guard('afisRequestOnOpenCase', contextWith(), requested))).toEqual(['T1']);
  });

  it('AFIS-06 / AFIS-01 the AFIS is granted after the opinion, to a person in the PSP', () => {
    const ready = running({ afis: { request: request as never, commissionOpinion: commissionOnFile } });
    expect(guard('afisGrantable', ready, grant)).toEqual([]);
    expect(
      rules(
        guard('afisGrantable', { ...ready, afis: { ...ready.afis, commissionOpinion: undefined } }, grant),
      ),
    ).toEqual(['AFIS-06']);
    expect(rules(guard('afisGrantable', { ...ready, periods: [] }, grant))).toEqual(['AFIS-01']);
  });

  it('PSP-15 an AFIS refusal gives its reasons; AFIS-01 a re-examination is routed by its schema and by whether the conditions hold', () => {
    const refuse = (reasons: string[]) => pspEvent('AfisRefused', { decisionDate: '2024-05-01', reasons });
    expect(guard('afisRefusalReasoned', running(), refuse(['AFIS-04']))).toEqual([]);
    expect(rules(guard('afisRefusalReasoned', running(), refuse([])))).toEqual(['PSP-15']);
    const reexamine = (schemaVersion: 1 | 2, conditionsStillMet: boolean) =>
      ({
        ...pspEvent('AfisReexamined', {
          decisionDate: '2024-06-01',
          dependentChildren: 0,
          conditionsStillMet,
        } as never),
        schemaVersion,
      }) as PspCaseEvent;
    const met = { rule: 'AFIS-01', message: 'the AFIS conditions are no longer met' };
    const lost = { rule: 'AFIS-01', message: 'the AFIS conditions are still met' };
    // Recorded before the AFIS as money (schema 1): read as recorded then.
    expect(guard('afisLegacyConditionsMet', running(), reexamine(1, true))).toEqual([]);
    expect(guard('afisLegacyConditionsMet', running(), reexamine(1, false))).toEqual([met]);
    expect(guard('afisLegacyConditionsMet', running(), reexamine(2, true))).toEqual([met]);
    expect(guard('afisLegacyConditionsLost', running(), reexamine(1, false))).toEqual([]);
    expect(guard('afisLegacyConditionsLost', running(), reexamine(1, true))).toEqual([lost]);
    // The MSA's report (schema 2): never the legacy route.
    expect(guard('afisReportConditionsMet', running(), reexamine(2, true))).toEqual([]);
    expect(guard('afisReportConditionsMet', running(), reexamine(1, true))).toEqual([met]);
    expect(guard('afisReportConditionsLost', running(), reexamine(2, false))).toEqual([]);
    expect(guard('afisReportConditionsLost', running(), reexamine(2, true))).toEqual([lost]);
    expect(guard('afisReport', running(), reexamine(2, false))).toEqual([]);
    expect(guard('afisReport', running(), reexamine(1, true))).toEqual([
      { rule: 'AFIS-06', message: 'a re-examination does not replace the renewal decision' },
    ]);
  });
});

describe('guards that pass their event to a rule of the rule files', () => {
  it('ACL-05 / T1 a document is filed once, on an opened case', () => {
    const filed = (documentId: string) =>
      pspEvent('DocumentFiled', {
        documentId,
        documentType: 'other',
        sha256: 'a'.repeat(64),
        mediaType: 'application/pdf',
        sizeBytes: 10,
        filedOn: '2024-02-01',
        author: { role: 'association', id: 'asso-1' },
      } as never);
    const withDoc = contextWith({ openedOn: '2024-01-05', documents: [{ documentId: 'd-1' }] as never });
    expect(guard('documentMayBeFiled', withDoc, filed('d-2'))).toEqual([]);
    expect(guard('documentMayBeFiled', withDoc, filed('d-1'))).toEqual([
      { rule: 'ACL-05', message: 'this document is already on file', missing: 'documentId' },
    ]);
    expect(rules(guard('documentMayBeFiled', contextWith(), filed('d-2')))).toEqual(['T1']);
  });

  it('AGR-06 an entry, a renewal and a resumption are filed by an association holding a valid agrément', () => {
    const agrement = (on: string) => ({
      rule: 'AGR-06',
      message: `the association holds no agrément valid for this département on ${on}: it may not file for the person`,
      missing: 'agrement',
    });
    const entry = (valid?: boolean) =>
      pspEvent('SubmittedToPrefecture', { submittedOn: '2024-01-22', associationAgrementValid: valid });
    expect(guard('entryFiledWithAgrement', opened, entry(true))).toEqual([]);
    expect(guard('entryFiledWithAgrement', opened, entry(undefined))).toEqual([]);
    expect(guard('entryFiledWithAgrement', opened, entry(false))).toEqual([agrement('2024-01-22')]);
    const resumption = (valid: boolean) =>
      pspEvent('ResumptionRequested', { requestedOn: '2024-09-01', associationAgrementValid: valid });
    expect(guard('resumptionFiledWithAgrement', opened, resumption(true))).toEqual([]);
    expect(guard('resumptionFiledWithAgrement', opened, resumption(false))).toEqual([agrement('2024-09-01')]);
    const renewal = (valid: boolean, resultsReported = true) =>
      pspEvent('RenewalSubmitted', {
        submittedOn: '2024-06-01',
        followUpDocumentUpdated: true,
        resultsReported,
        commitmentsKept: 'kept',
        difficulties: [],
        associationAgrementValid: valid,
      });
    expect(guard('renewalInstructionComplete', running(), renewal(true))).toEqual([]);
    expect(guard('renewalInstructionComplete', running(), renewal(false, false))).toEqual([
      agrement('2024-06-01'),
      {
        rule: 'PSP-03',
        message: 'the renewal instruction does not report the results obtained',
        missing: 'results',
      },
    ]);
  });

  it('PSP-09 a non-renewal is notified only after the observations step', () => {
    const notifiedNonRenewal = pspEvent('NonRenewalNotified', {
      decisionDate: '2024-06-20',
      notifiedOn: '2024-06-20',
      reasons: ['commitments not kept'],
    });
    expect(rules(guard('observationsStepDone', running(), notifiedNonRenewal))).toEqual(['PSP-09']);
    const proposed = running({
      nonRenewal: { proposedOn: '2024-06-01', observationsDeadline: '2024-06-16' },
    });
    expect(guard('observationsStepDone', proposed, notifiedNonRenewal)).toEqual([]);
  });

  it('PSP-07 the person link is answered only while it is pending, naming the link', () => {
    expect(guard('personMatchPending', contextWith({ personLink: 'pending' }), requestOpened())).toEqual([]);
    expect(guard('personMatchPending', contextWith({ personLink: 'confirmed' }), requestOpened())).toEqual([
      {
        rule: 'PSP-07',
        message: 'no probable earlier parcours of this person awaits an answer',
        missing: 'personLink',
      },
    ]);
  });

  it('APS-07 / APS-03 what the préfecture may ask for', () => {
    const ask = (documents: string[]) =>
      pspEvent('ApsDocumentsRequested', { requestedOn: '2024-10-01', documents } as never);
    expect(guard('prefectureMayRequire', running(), ask([]))).toEqual([]);
    expect(rules(guard('prefectureMayRequire', running(), ask(['long_stay_visa'])))).toEqual(['APS-03']);
    expect(rules(guard('prefectureMayRequire', running(), ask(['complaint_receipt'])))).toEqual(['APS-07']);
  });

  it('PSP-15 / APS-05 an APS refusal (first issue or renewal) gives its written reasons; schema 1 as recorded', () => {
    const refuse = (reasons: string[], schemaVersion = 2) =>
      ({
        ...pspEvent('ApsRefused', {
          decisionDate: '2024-10-01',
          reason: 'public_order',
          oqtfIssued: false,
          reasons,
        }),
        schemaVersion,
      }) as PspCaseEvent;
    expect(guard('apsRefusalGrounded', running(), refuse(['a threat to public order']))).toEqual([]);
    expect(rules(guard('apsRefusalGrounded', running(), refuse([])))).toEqual(['PSP-15']);
    expect(rules(guard('apsRenewalRefusalGrounded', running(), refuse([])))).toEqual(['APS-05']);
    expect(guard('apsRefusalGrounded', running(), refuse([], 1))).toEqual([]);
  });
});

describe('APS-12 / T17 the end of a foreign national parcours', () => {
  const full = (need: 'required' | 'not_applicable') => contextWith({ periods: FOUR_PERIODS, aps: { need } });
  const reached = (reachedOn: string) => pspEvent('CapReached', { reachedOn });
  const complete = (completedOn: string) =>
    pspEvent('Completed', { completedOn, outcomes: { training: true, job: false, housing: true } });
  const noAps = [{ rule: 'APS-12', message: 'no APS is held' }];

  it('APS-12 with an APS, the cap reached the day after the last day opens the post-PSP review; on the last day it is refused', () => {
    expect(guard('capReachedForForeignNational', full('required'), reached('2026-01-02'))).toEqual([]);
    expect(guard('capReachedForForeignNational', full('required'), reached('2026-01-01'))).toEqual([
      { rule: 'PSP-06', message: 'the final period runs until 2026-01-01' },
    ]);
    expect(guard('capReachedForForeignNational', full('not_applicable'), reached('2026-01-02'))).toEqual(
      noAps,
    );
  });

  it('APS-12 with an APS, completion within the current period opens the post-PSP review', () => {
    expect(guard('completedForForeignNational', full('required'), complete('2025-12-01'))).toEqual([]);
    expect(rules(guard('completedForForeignNational', full('required'), complete('2026-01-03')))).toEqual([
      'T17',
    ]);
    expect(guard('completedForForeignNational', full('not_applicable'), complete('2025-12-01'))).toEqual(
      noAps,
    );
  });
});

describe('PD-4 / ADR 0008 events of schema 1 keep the older period arithmetic (up to 3 days earlier)', () => {
  const v1 = <E extends PspCaseEvent>(event: E): PspCaseEvent =>
    ({ ...event, schemaVersion: 1 }) as PspCaseEvent;

  it('PD-4 a schema 1 PeriodEnded three days before the last day is refused; two days before is accepted', () => {
    const ended = (endedOn: string) => v1(pspEvent('PeriodEnded', { periodIndex: 1, endedOn }));
    expect(guard('periodEndedNotFinal', running(), ended('2024-06-29'))).toEqual([]);
    expect(guard('periodEndedNotFinal', running(), ended('2024-06-28'))).toEqual([
      { rule: 'T14', message: 'period 1 runs until 2024-07-01' },
    ]);
  });

  it('PD-4 a schema 1 CapReached three days before the last day is refused; two days before is accepted', () => {
    const full = contextWith({ periods: FOUR_PERIODS });
    const reached = (reachedOn: string) => v1(pspEvent('CapReached', { reachedOn }));
    expect(guard('capReachedNow', full, reached('2025-12-30'))).toEqual([]);
    expect(guard('capReachedNow', full, reached('2025-12-29'))).toEqual([
      { rule: 'PSP-06', message: 'the final period runs until 2026-01-01' },
    ]);
  });
});

describe('PD-4 (ADR 0009) a renewal decided in time, recorded after the lapse', () => {
  const renew = (decisionDate: string) =>
    pspEvent('RenewalGranted', {
      decisionDate,
      notifiedOn: decisionDate,
      commitmentsAndDifficultiesConsidered: true,
    });
  const lapsed = (over: Parameters<typeof contextWith>[0] = {}) =>
    running({
      cycle: { kind: 'entry' },
      lapsedCycle: cycle('renewal'),
      rightsEndedOn: '2024-07-02',
      ...over,
    });

  it('PD-4 judged on the renewal cycle under way at the lapse: decided on the last day, accepted; the day after, refused', () => {
    expect(guard('mayGrantRenewalAfterLapse', lapsed(), renew('2024-07-01'))).toEqual([]);
    expect(rules(guard('mayGrantRenewalAfterLapse', lapsed(), renew('2024-07-02')))).toEqual(['PD-4']);
    expect(
      rules(guard('mayGrantRenewal', running({ cycle: cycle('renewal') }), renew('2024-07-02'))),
    ).toEqual(['PD-4']);
  });

  it('PD-4 a schema 1 renewal is not held to its decision date', () => {
    const late = { ...renew('2024-07-02'), schemaVersion: 1 } as unknown as PspCaseEvent;
    expect(guard('mayGrantRenewal', running({ cycle: cycle('renewal') }), late)).toEqual([]);
  });

  it('PD-4 with no renewal under way at the lapse, a resumption is needed', () => {
    expect(
      guard('mayGrantRenewalAfterLapse', running({ cycle: cycle('renewal') }), renew('2024-07-01')),
    ).toEqual([
      {
        rule: 'PD-4',
        message: 'no renewal was under way when the period ended: a resumption (T16) is needed',
      },
    ]);
  });

  it('PD-1 after the lapse, the renewal routes to aps_pending only while the APS is outstanding', () => {
    expect(
      guard(
        'renewalAfterLapseWithApsOutstanding',
        lapsed({ aps: { need: 'required' } }),
        renew('2024-07-01'),
      ),
    ).toEqual([]);
    expect(guard('renewalAfterLapseWithApsOutstanding', lapsed(), renew('2024-07-01'))).toEqual([
      { rule: 'PD-1', message: 'the APS is not outstanding' },
    ]);
  });

  it('PD-4 the AFIS ended with the lapse is restored by the renewal; an AFIS ended otherwise is not', () => {
    const withAfis = (endsOn: string | undefined, grantedOn: string | null = '2024-03-01') =>
      lapsed({ afis: { grantedOn: grantedOn ?? undefined, endsOn } });
    expect(guard('afisEndedByTheLapse', withAfis('2024-07-02'), renew('2024-07-01'))).toEqual([]);
    const notWithLapse = [{ rule: 'PD-4', message: 'the AFIS did not end with the lapse' }];
    expect(guard('afisEndedByTheLapse', withAfis('2024-06-01'), renew('2024-07-01'))).toEqual(notWithLapse);
    expect(guard('afisEndedByTheLapse', withAfis(undefined), renew('2024-07-01'))).toEqual(notWithLapse);
    expect(guard('afisEndedByTheLapse', withAfis('2024-07-02', null), renew('2024-07-01'))).toEqual(
      notWithLapse,
    );
    expect(
      guard('afisEndedByTheLapse', { ...withAfis(undefined), rightsEndedOn: undefined }, renew('2024-07-01')),
    ).toEqual(notWithLapse);
    expect(rules(guard('afisEndedByTheLapse', withAfis('2024-07-02'), renew('2024-07-02')))).toEqual([
      'PD-4',
    ]);
  });
});

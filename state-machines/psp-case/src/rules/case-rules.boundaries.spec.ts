import { PspCaseEvent, pspEvent } from '../events';
import { caseView } from '../view';
import {
  activeCase,
  given,
  instructionCompleted,
  renewal,
  renewalSubmitted,
  replayAccepted,
  requestOpened,
} from '../testing/fixtures';
import {
  closureReasonAllowed,
  courtOrderRecorded,
  instructionComplete,
  instructionWarnings,
  notBefore,
  notifiedToBoth,
  reasonsGiven,
  renewalDecisionWeighsCommitments,
  renewalInstructionComplete,
  requestAdmissible,
  requestWarnings,
  withdrawalByPerson,
} from './case-rules';

describe('T1 / PSP-01 / AGR-09 the request', () => {
  const data = (over: Parameters<typeof requestOpened>[0] = {}) => requestOpened(over).data;

  it('T1 an admissible request: agrément, agreement, a victim', () => {
    expect(requestAdmissible(data({ victimOf: ['trafficking'] }))).toEqual([]);
  });

  it.each([
    [
      'no valid agrément',
      { associationAgrementValid: false },
      {
        rule: 'AGR-09',
        message: 'the association has no valid agrément for this département on that date',
        missing: 'agrement',
      },
    ],
    [
      'no agreement of the person',
      { personAgrees: false },
      { rule: 'PSP-01', message: "the person's agreement is missing", missing: 'personAgreement' },
    ],
    [
      'nobody a victim',
      { victimOf: [] },
      {
        rule: 'PSP-01',
        message: 'the parcours is for victims of prostitution, procuring or trafficking',
        missing: 'victimOf',
      },
    ],
  ] as const)('refuses a request with %s, naming the field', (_label, over, expected) => {
    expect(requestAdmissible(data(over as never))).toEqual([expected]);
  });

  it('PD-4 a request for a minor warns, an adult gives no warning', () => {
    expect(requestWarnings(data({ minorOnRequest: true }))).toEqual([
      { rule: 'PD-4', message: 'the person is a minor: the request is accepted with a warning (Q14)' },
    ]);
    expect(requestWarnings(data())).toEqual([]);
  });
});

describe('T2 / PSP-03 / PSP-04 the instruction', () => {
  const data = (over: Parameters<typeof instructionCompleted>[0] = {}) => instructionCompleted(over).data;

  it('PSP-03 a planned length of one month is a length; zero is none', () => {
    expect(instructionComplete(data({ plannedLengthMonths: 1 }))).toEqual([]);
    expect(instructionComplete(data({ plannedLengthMonths: 0 }))).toEqual([
      {
        rule: 'PSP-03',
        message: 'the instruction does not set out the planned length',
        missing: 'plannedLength',
      },
    ]);
  });

  it.each([
    [
      { parcoursDocumentSigned: false },
      {
        rule: 'PSP-04',
        message: 'the parcours document is not signed by the association and the person',
        missing: 'parcoursDocument',
      },
    ],
    [
      { commitmentsListed: false },
      {
        rule: 'PSP-03',
        message: "the instruction does not set out the person's commitments",
        missing: 'commitments',
      },
    ],
    [
      { plannedActions: [] },
      {
        rule: 'PSP-03',
        message: 'the instruction does not set out the planned actions',
        missing: 'plannedActions',
      },
    ],
  ] as const)('refuses an instruction missing %j', (over, expected) => {
    expect(instructionComplete(data(over as never))).toEqual([expected]);
  });

  it('PSP-14 entry never requires the stop: a missing sworn statement warns; a statement gives no warning', () => {
    expect(instructionWarnings(data({ swornStatementOfCessation: false }))).toEqual([
      {
        rule: 'PSP-14',
        message: 'no sworn statement of cessation: not required for entry (CE 2021), needed for the APS',
      },
    ]);
    expect(instructionWarnings(data())).toEqual([]);
  });
});

describe('PSP-05 / PSP-15 / PSP-08 decisions', () => {
  it('PSP-05 the decision is notified to the person and to the association', () => {
    expect(notifiedToBoth({ notifiedOn: '2024-03-05', toPerson: true, toAssociation: true })).toEqual([]);
    expect(notifiedToBoth({ notifiedOn: '2024-03-05', toPerson: false, toAssociation: false })).toEqual([
      {
        rule: 'PSP-05',
        message: 'the decision must be notified to the person',
        missing: 'notificationToPerson',
      },
      {
        rule: 'PSP-05',
        message: 'the decision must be notified to the instructing association',
        missing: 'notificationToAssociation',
      },
    ]);
  });

  const noReasons = [{ rule: 'PSP-15', message: 'a refusal must state its reasons', missing: 'reasons' }];
  it.each([[[]], [['']], [['   ']], [['', ' \t ']]])('PSP-15 reasons %j are no reasons', (reasons) => {
    expect(reasonsGiven(reasons)).toEqual(noReasons);
  });

  it.each([[['commitments not kept']], [['', 'no contact for 3 months']], [[' x ']]])(
    'PSP-15 reasons %j are reasons',
    (reasons) => {
      expect(reasonsGiven(reasons)).toEqual([]);
    },
  );

  it('PSP-04 / PSP-03 a renewal file updates the follow-up document and reports results', () => {
    const data = (over: Parameters<typeof renewalSubmitted>[1] = {}) =>
      renewalSubmitted('2024-08-01', over).data;
    expect(renewalInstructionComplete(data())).toEqual([]);
    expect(
      renewalInstructionComplete(data({ followUpDocumentUpdated: false, resultsReported: false })),
    ).toEqual([
      {
        rule: 'PSP-04',
        message: 'the follow-up document (document de suivi) is not updated',
        missing: 'followUpDocument',
      },
      {
        rule: 'PSP-03',
        message: 'the renewal instruction does not report the results obtained',
        missing: 'results',
      },
    ]);
  });

  it('PSP-08 a renewal decision weighs commitments kept and difficulties met', () => {
    const data = (commitmentsAndDifficultiesConsidered: boolean) => ({
      decisionDate: '2024-08-20',
      notifiedOn: '2024-08-20',
      commitmentsAndDifficultiesConsidered,
    });
    expect(renewalDecisionWeighsCommitments(data(true))).toEqual([]);
    expect(renewalDecisionWeighsCommitments(data(false))).toEqual([
      {
        rule: 'PSP-08',
        message: 'the renewal decision must weigh the commitments kept and the difficulties met',
      },
    ]);
  });
});

describe('PD-1 / T18 / T19 closures, withdrawals and court orders', () => {
  it("PD-1 a withdrawal is the person's act, never a sanction", () => {
    const data = (byPerson: boolean) => ({
      withdrawnOn: '2024-05-01',
      recordedBy: 'association' as const,
      byPerson,
    });
    expect(withdrawalByPerson(data(true))).toEqual([]);
    expect(withdrawalByPerson(data(false))).toEqual([
      {
        rule: 'PD-1',
        message:
          "a withdrawal is always the person's act; a sanction is a non-renewal or the end of the AFIS",
      },
    ]);
  });

  it.each([['death'], ['left_france'], ['moved_departement']] as const)(
    'T18 a closure for %s is accepted',
    (reason) => {
      expect(closureReasonAllowed({ closedOn: '2024-05-01', reason })).toEqual([]);
    },
  );

  it("PD-1 the person's written refusal is recorded as Withdrawn, not ClosedOther", () => {
    expect(closureReasonAllowed({ closedOn: '2024-05-01', reason: 'written_refusal' })).toEqual([
      {
        rule: 'PD-1',
        message: "the person's written refusal to continue is recorded as Withdrawn (PD-1 overrides 2.2)",
      },
    ]);
  });

  it('T19 a court order names its court: blank is refused, naming the judgment', () => {
    expect(courtOrderRecorded({ judgmentDate: '2024-06-01', court: 'TA Lyon' })).toEqual([]);
    for (const court of ['', '   ']) {
      expect(courtOrderRecorded({ judgmentDate: '2024-06-01', court })).toEqual([
        { rule: 'PSP-14', message: 'the judgment (court) is missing', missing: 'judgment' },
      ]);
    }
  });

  it('PSP-02 a decision may fall on the day of what it relies on, not the day before', () => {
    expect(notBefore('PSP-02', '2024-02-10', '2024-02-10', 'the commission opinion')).toEqual([]);
    expect(notBefore('PSP-02', '2024-02-10', undefined, 'the commission opinion')).toEqual([]);
    expect(notBefore('PSP-02', '2024-02-09', '2024-02-10', 'the commission opinion')).toEqual([
      {
        rule: 'PSP-02',
        message: 'the decision of 2024-02-09 is dated before the commission opinion (2024-02-10)',
      },
    ]);
  });
});

describe('PSP-09 non-renewal only after the observations step (R.121-12-10; CRPA L.122-1)', () => {
  // Period 1 runs 2024-03-01..2024-08-31; the renewal is instructed from 1 Aug; a non-renewal is
  // proposed on 5 Aug: 15 days of observations, the last one being 20 Aug.
  const instructing = [...activeCase(), ...renewal('2024-08-01').slice(0, 3)];
  const proposed = [
    ...instructing,
    pspEvent('NonRenewalProposed', { proposedOn: '2024-08-05', reasons: ['commitments not kept'] }),
  ];
  const notifiedNonRenewal = (
    decisionDate: string,
    notifiedOn = decisionDate,
    reasons = ['commitments not kept'],
  ) => pspEvent('NonRenewalNotified', { decisionDate, notifiedOn, reasons });

  function refusal(events: PspCaseEvent[], event: PspCaseEvent) {
    const decision = given(events).when(event);
    if (decision.accepted) throw new Error(`${event.type} was accepted`);
    return decision.violations;
  }

  it('PSP-09 the observation period ends on 20 Aug (proposal + 15 days)', () => {
    expect(caseView(replayAccepted(proposed)).deadlines).toMatchObject({
      observationsDeadline: '2024-08-20',
    });
  });

  it('PSP-09 a non-renewal decided on the last day of the observation period, with no observations, is refused', () => {
    expect(refusal(proposed, notifiedNonRenewal('2024-08-20'))).toEqual([
      {
        rule: 'PSP-09',
        message: 'the observation period runs until 2024-08-20 and no observations were received',
        missing: 'observations',
      },
    ]);
  });

  it('PSP-09 the day after the observation period, the non-renewal may be decided without observations', () => {
    const state = replayAccepted([...proposed, notifiedNonRenewal('2024-08-21', '2024-08-22')]);
    expect(caseView(state)).toMatchObject({ status: 'not_renewed', rights: { rightsEndedOn: '2024-08-22' } });
  });

  it('PSP-09 observations received: the decision may come before the end of the period', () => {
    const observed = [...proposed, pspEvent('ObservationsReceived', { receivedOn: '2024-08-09' })];
    expect(given(observed).when(notifiedNonRenewal('2024-08-10')).accepted).toBe(true);
  });

  it('PSP-09 no non-renewal without a proposal first', () => {
    expect(refusal(instructing, notifiedNonRenewal('2024-08-25'))).toEqual([
      {
        rule: 'PSP-09',
        message:
          'the person must first be able to present observations: no non-renewal was proposed in the current decision cycle',
        missing: 'nonRenewalProposal',
      },
    ]);
  });

  it('PSP-15 the non-renewal states its reasons: blank reasons are refused', () => {
    expect(refusal(proposed, notifiedNonRenewal('2024-08-21', '2024-08-21', ['  ']))).toEqual([
      { rule: 'PSP-15', message: 'a refusal must state its reasons', missing: 'reasons' },
    ]);
  });

  it('DUR-04 the notification may fall on the decision day, not before', () => {
    expect(given(proposed).when(notifiedNonRenewal('2024-08-21', '2024-08-21')).accepted).toBe(true);
    expect(refusal(proposed, notifiedNonRenewal('2024-08-21', '2024-08-20'))).toEqual([
      { rule: 'DUR-04', message: 'notification cannot precede the decision' },
    ]);
  });
});

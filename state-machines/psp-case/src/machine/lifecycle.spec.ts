import { pspEvent } from '../events';
import { caseView } from '../view';
import {
  activeCase,
  authorised,
  commissionOpinion,
  entryUnderDecision,
  given,
  instructionCompleted,
  notified,
  renewal,
  renewalSubmitted,
  replayAccepted,
  requestOpened,
  resumption,
  submitted,
  apsNotApplicable,
} from '../testing/fixtures';

const refused = (
  events: ReturnType<typeof given>,
  event: Parameters<ReturnType<typeof given>['when']>[0],
) => {
  const decision = events.when(event);
  if (decision.accepted) throw new Error(`${event.type} was accepted`);
  return decision.violations;
};

describe('PSP case lifecycle (section 2.3 transitions)', () => {
  it('T1 RequestOpened starts requested.drafting when the agrément is valid and the person agrees', () => {
    const decision = given([]).when(requestOpened());
    expect(decision.accepted && caseView(decision.next)).toMatchObject({
      status: 'requested',
      stage: 'drafting',
    });
  });

  it('T1 / AGR-09 refuses a request from an association without a valid agrément in the département', () => {
    expect(refused(given([]), requestOpened({ associationAgrementValid: false }))).toEqual([
      expect.objectContaining({ rule: 'AGR-09', missing: 'agrement' }),
    ]);
  });

  it("PSP-01 needs the person's agreement and a victim of prostitution, procuring or trafficking", () => {
    const reasons = refused(given([]), requestOpened({ personAgrees: false, victimOf: [] }));
    expect(reasons.map((r) => r.rule)).toEqual(['PSP-01', 'PSP-01']);
    expect(reasons[0].missing).toBe('personAgreement');
  });

  it('PD-4 accepts a request for a minor with a warning', () => {
    const decision = given([]).when(requestOpened({ minorOnRequest: true }));
    expect(decision.accepted && decision.warnings).toEqual([expect.objectContaining({ rule: 'PD-4' })]);
  });

  it('T2 / PSP-04 needs the parcours document signed by the association and the person', () => {
    expect(
      refused(given([requestOpened()]), instructionCompleted({ parcoursDocumentSigned: false })),
    ).toEqual([expect.objectContaining({ rule: 'PSP-04', missing: 'parcoursDocument' })]);
  });

  it('PSP-03 the instruction sets out commitments, planned actions and length', () => {
    const reasons = refused(
      given([requestOpened()]),
      instructionCompleted({ commitmentsListed: false, plannedActions: [], plannedLengthMonths: 0 }),
    );
    expect(reasons.map((r) => r.missing)).toEqual(['commitments', 'plannedActions', 'plannedLength']);
  });

  it('PSP-14 entry never requires that prostitution stopped: a missing sworn statement only warns', () => {
    const decision = given([requestOpened()]).when(
      instructionCompleted({ swornStatementOfCessation: false }),
    );
    expect(decision.accepted).toBe(true);
    expect(decision.accepted && decision.warnings).toEqual([expect.objectContaining({ rule: 'PSP-14' })]);
  });

  it('PSP-11 records the planned benefits (housing, health, integration) as data', () => {
    const state = replayAccepted([
      requestOpened(),
      instructionCompleted({ plannedActions: ['housing', 'access_to_rights'] }),
    ]);
    expect(caseView(state).plannedActions).toEqual(['housing', 'access_to_rights']);
  });

  it('T3 SubmittedToPrefecture moves an instructed request to under_review.awaiting_commission', () => {
    const state = replayAccepted([requestOpened(), instructionCompleted(), submitted()]);
    expect(caseView(state)).toMatchObject({ status: 'under_review', stage: 'awaiting_commission' });
    expect(given([requestOpened()]).when(submitted()).accepted).toBe(false);
  });

  it('T4 / COM-07 / ACL-01 counts a commission opinion only with quorum and the recusals applied', () => {
    const g = given([requestOpened(), instructionCompleted(), submitted()]);
    const reasons = refused(g, commissionOpinion('entry', { quorumMet: false, recusalsApplied: false }));
    expect(reasons.map((r) => r.rule)).toEqual(['COM-07', 'ACL-01']);
    const decision = g.when(commissionOpinion('entry'));
    expect(decision.accepted && caseView(decision.next).stage).toBe('awaiting_decision');
  });

  it('T5 / PSP-02 authorises after both opinions; the commission opinion is simple, an unfavourable one does not bind (PD-4)', () => {
    const events = [
      requestOpened(),
      apsNotApplicable(),
      instructionCompleted(),
      submitted(),
      commissionOpinion('entry', { opinion: 'unfavourable' }),
    ];
    const decision = given(events).when(authorised('2024-03-01'));
    expect(decision.accepted && caseView(decision.next).status).toBe('authorised');
  });

  it('PSP-02 refuses a decision without the commission opinion, naming it', () => {
    const reasons = refused(given([requestOpened(), instructionCompleted(), submitted()]), authorised());
    expect(reasons).toEqual([
      { rule: 'PSP-02', message: 'the commission opinion (avis) is missing', missing: 'commissionOpinion' },
    ]);
  });

  it('T6 / PSP-15 a refusal needs both opinions and its reasons; the appeal runs 2 months from notification', () => {
    const g = given(entryUnderDecision());
    expect(refused(g, pspEvent('PrefectRefused', { decisionDate: '2024-03-01', reasons: [] }))).toEqual([
      expect.objectContaining({ rule: 'PSP-15', missing: 'reasons' }),
    ]);
    const decision = g.when(
      pspEvent('PrefectRefused', {
        decisionDate: '2024-03-01',
        notifiedOn: '2024-03-04',
        reasons: ['no parcours goals'],
      }),
    );
    expect(decision.accepted && caseView(decision.next)).toMatchObject({
      status: 'refused',
      deadlines: { appealUntil: '2024-05-04' },
    });
  });

  it('T7 / PSP-05 notification to the person and the association starts active; not to one of them is refused', () => {
    const g = given([...entryUnderDecision(), authorised()]);
    expect(
      refused(
        g,
        pspEvent('DecisionNotified', { notifiedOn: '2024-03-05', toPerson: true, toAssociation: false }),
      ),
    ).toEqual([expect.objectContaining({ rule: 'PSP-05', missing: 'notificationToAssociation' })]);
    const decision = g.when(notified());
    expect(decision.accepted && caseView(decision.next).status).toBe('active');
  });

  it('DUR-05 / PD-4 the first period starts on the decision date by default, or on the date the decision states', () => {
    expect(caseView(replayAccepted(activeCase('2024-03-01'))).periods[0]).toMatchObject({
      start: '2024-03-01',
      end: '2024-08-31',
    });
    const stated = replayAccepted([
      ...entryUnderDecision(),
      authorised('2024-03-01', '2024-03-15'),
      notified(),
    ]);
    expect(caseView(stated).periods[0]).toMatchObject({ start: '2024-03-15', end: '2024-09-14' });
  });

  it('DUR-05 a deployment may start the first period on the notification date instead', () => {
    const params = { ...replayAccepted([]).context.params, periodStartDefault: 'notification_date' as const };
    const state = replayAccepted(activeCase('2024-03-01', '2024-03-05'), params);
    expect(caseView(state).periods[0]).toMatchObject({ start: '2024-03-05', end: '2024-09-04' });
  });

  it('T8 / T9 / T10 the renewal runs as stages inside active while the period keeps running', () => {
    const base = activeCase();
    let state = replayAccepted([...base, pspEvent('RenewalInstructionStarted', { startedOn: '2024-07-01' })]);
    expect(caseView(state)).toMatchObject({
      status: 'active',
      stage: 'renewal_instructing',
      deadlines: { periodEnd: '2024-08-31' },
    });
    state = replayAccepted([...base, ...renewal('2024-08-01').slice(0, 3)]);
    expect(caseView(state).stage).toBe('renewal_awaiting_decision');
    state = replayAccepted([...base, ...renewal('2024-08-01')]);
    expect(caseView(state)).toMatchObject({ status: 'renewed', stage: 'period_running' });
    expect(caseView(state).periods[1]).toMatchObject({ index: 2, start: '2024-09-01', end: '2025-02-28' });
  });

  it('PSP-08 the renewal file reports results and the decision weighs commitments kept and difficulties', () => {
    const started = [...activeCase(), pspEvent('RenewalInstructionStarted', { startedOn: '2024-07-01' })];
    expect(refused(given(started), renewalSubmitted('2024-07-10', { resultsReported: false }))).toEqual([
      expect.objectContaining({ rule: 'PSP-03', missing: 'results' }),
    ]);
    const ready = [...activeCase(), ...renewal('2024-08-01').slice(0, 3)];
    expect(
      refused(
        given(ready),
        pspEvent('RenewalGranted', {
          decisionDate: '2024-08-01',
          notifiedOn: '2024-08-02',
          commitmentsAndDifficultiesConsidered: false,
        }),
      ),
    ).toEqual([expect.objectContaining({ rule: 'PSP-08' })]);
    expect(replayAccepted(ready).context.cycle.commitmentsKept).toBe('kept');
  });

  it('T11 / T12 / PSP-09 / ACL-07 non-renewal: the person presents observations first, then rights end on the notification date', () => {
    const ready = [...activeCase(), ...renewal('2024-08-01').slice(0, 3)];
    const proposed = [
      ...ready,
      pspEvent('NonRenewalProposed', { proposedOn: '2024-08-05', reasons: ['commitments not kept'] }),
    ];
    expect(caseView(replayAccepted(proposed))).toMatchObject({
      stage: 'non_renewal_proposed',
      deadlines: { observationsDeadline: '2024-08-20' },
    });
    const early = pspEvent('NonRenewalNotified', {
      decisionDate: '2024-08-10',
      notifiedOn: '2024-08-12',
      reasons: ['x'],
    });
    expect(refused(given(proposed), early)).toEqual([
      expect.objectContaining({ rule: 'PSP-09', missing: 'observations' }),
    ]);
    const state = replayAccepted([
      ...proposed,
      pspEvent('ObservationsReceived', { receivedOn: '2024-08-09' }),
      early,
    ]);
    expect(caseView(state)).toMatchObject({ status: 'not_renewed', rights: { rightsEndedOn: '2024-08-12' } });
  });

  it('DUR-04 a non-renewal notification cannot precede its decision', () => {
    const observed = [
      ...activeCase(),
      ...renewal('2024-08-01').slice(0, 3),
      pspEvent('NonRenewalProposed', { proposedOn: '2024-08-05', reasons: ['x'] }),
      pspEvent('ObservationsReceived', { receivedOn: '2024-08-09' }),
    ];
    const backdated = pspEvent('NonRenewalNotified', {
      decisionDate: '2024-08-10',
      notifiedOn: '2024-08-09',
      reasons: ['x'],
    });
    expect(refused(given(observed), backdated)).toEqual([expect.objectContaining({ rule: 'DUR-04' })]);
  });

  it('PSP-02 the opinions must be on file when the préfet decides: a decision dated before them is refused', () => {
    expect(refused(given(entryUnderDecision()), authorised('2024-02-01'))).toEqual([
      expect.objectContaining({
        rule: 'PSP-02',
        message: expect.stringContaining('before the commission opinion'),
      }),
    ]);
  });

  it('PD-4 the observation period is a parameter (here 30 days)', () => {
    const params = {
      ...replayAccepted([]).context.params,
      observationDays: [{ from: '2016-04-15', value: 30, source: 'deployment' }],
    };
    const state = replayAccepted(
      [
        ...activeCase(),
        ...renewal('2024-08-01').slice(0, 3),
        pspEvent('NonRenewalProposed', { proposedOn: '2024-08-05', reasons: ['x'] }),
      ],
      params,
    );
    expect(caseView(state).deadlines.observationsDeadline).toBe('2024-09-04');
  });

  it('T13 a renewal may still be granted after a non-renewal was proposed', () => {
    const state = replayAccepted([
      ...activeCase(),
      ...renewal('2024-08-01').slice(0, 3),
      pspEvent('NonRenewalProposed', { proposedOn: '2024-08-05', reasons: ['x'] }),
      pspEvent('RenewalGranted', {
        decisionDate: '2024-08-25',
        notifiedOn: '2024-08-26',
        commitmentsAndDifficultiesConsidered: true,
      }),
    ]);
    expect(caseView(state).status).toBe('renewed');
    expect(state.context.nonRenewal).toBeUndefined();
  });

  it('T14 a period that ends with no renewal decision lapses; rights stop at the period end', () => {
    const g = given(activeCase());
    expect(refused(g, pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2024-08-31' }))[0].rule).toBe(
      'T14',
    );
    const decision = g.when(pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2024-09-01' }));
    expect(decision.accepted && caseView(decision.next)).toMatchObject({
      status: 'lapsed',
      rights: { rightsEndedOn: '2024-09-01' },
    });
  });

  it('T15 / PSP-07 an interruption stops the rights clock and keeps the days used', () => {
    const state = replayAccepted([
      ...activeCase(),
      pspEvent('Interrupted', { interruptedOn: '2024-05-01', reason: 'hospital_stay' }),
    ]);
    expect(caseView(state)).toMatchObject({
      status: 'interrupted',
      stage: 'idle',
      rights: { used: { months: 2, days: 0 }, rightsEndedOn: '2024-05-01' },
    });
  });

  it('T16 resumption after an interruption needs a new instruction and both opinions', () => {
    const interrupted = [
      ...activeCase(),
      pspEvent('Interrupted', { interruptedOn: '2024-05-01', reason: 'person_choice' }),
    ];
    expect(
      refused(
        given(interrupted),
        pspEvent('ResumptionAuthorised', { decisionDate: '2025-01-10', notifiedOn: '2025-01-10' }),
      )[0].rule,
    ).toBe('PSP-02');
    const state = replayAccepted([...interrupted, ...resumption('2025-01-10')]);
    expect(caseView(state).status).toBe('renewed');
    expect(caseView(state).periods[1]).toMatchObject({
      kind: 'resumption',
      start: '2025-01-10',
      end: '2025-07-09',
    });
  });

  it('T16 a lapsed case may be resumed by a new authorisation (PD-4)', () => {
    const state = replayAccepted([
      ...activeCase(),
      pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2024-09-01' }),
      ...resumption('2024-10-01'),
    ]);
    expect(caseView(state)).toMatchObject({ status: 'renewed', rights: { used: { months: 12, days: 0 } } });
  });

  it('T17 / DUR-03 four periods reach the 24-month cap; CapReached completes the case', () => {
    const events = [
      ...activeCase(),
      ...renewal('2024-08-01'),
      ...renewal('2025-02-01'),
      ...renewal('2025-08-01'),
    ];
    const state = replayAccepted(events);
    expect(caseView(state).rights).toMatchObject({
      used: { months: 24, days: 0 },
      finalPeriod: true,
      left: { months: 0, days: 0 },
    });
    expect(
      refused(given(events), pspEvent('PeriodEnded', { periodIndex: 4, endedOn: '2026-03-01' }))[0].rule,
    ).toBe('T17');
    const done = replayAccepted([
      ...events,
      pspEvent('CapReached', { reachedOn: '2026-03-01' }),
      pspEvent('Completed', {
        completedOn: '2026-03-01',
        outcomes: { training: true, job: true, housing: true },
      }),
    ]);
    expect(caseView(done)).toMatchObject({
      status: 'completed',
      outcomes: { training: true, job: true, housing: true },
    });
  });

  it('T17 a parcours may complete before the cap with its exit outcomes', () => {
    const state = replayAccepted([
      ...activeCase(),
      pspEvent('Completed', {
        completedOn: '2024-07-01',
        outcomes: { training: true, job: true, housing: false },
      }),
    ]);
    expect(caseView(state)).toMatchObject({
      status: 'completed',
      rights: { rightsEndedOn: '2024-07-01', used: { months: 4 } },
    });
  });

  it('T18 ClosedOther closes an open case with its reason and stops the rights', () => {
    const state = replayAccepted([
      ...activeCase(),
      pspEvent('ClosedOther', { closedOn: '2024-06-10', reason: 'moved_departement' }),
    ]);
    expect(caseView(state)).toMatchObject({ status: 'closed', rights: { rightsEndedOn: '2024-06-10' } });
    expect(state.context.closure?.reason).toBe('moved_departement');
  });

  it("PD-1 the person's written refusal is Withdrawn, never ClosedOther, and a withdrawal is never a sanction", () => {
    const g = given(activeCase());
    expect(
      refused(g, pspEvent('ClosedOther', { closedOn: '2024-06-10', reason: 'written_refusal' }))[0].rule,
    ).toBe('PD-1');
    expect(
      refused(
        g,
        pspEvent('Withdrawn', { withdrawnOn: '2024-06-10', recordedBy: 'association', byPerson: false }),
      )[0].rule,
    ).toBe('PD-1');
    const decision = g.when(
      pspEvent('Withdrawn', { withdrawnOn: '2024-06-10', recordedBy: 'association', byPerson: true }),
    );
    expect(decision.accepted && caseView(decision.next).status).toBe('withdrawn');
  });

  it('PD-1 the person may withdraw before the decision too', () => {
    const state = replayAccepted([
      requestOpened(),
      pspEvent('Withdrawn', { withdrawnOn: '2024-01-10', recordedBy: 'association', byPerson: true }),
    ]);
    expect(caseView(state)).toMatchObject({ status: 'withdrawn', periods: [] });
  });

  it('T19 a court order after a refusal authorises entry (CE 2021, plein contentieux)', () => {
    const events = [
      ...entryUnderDecision(),
      pspEvent('PrefectRefused', {
        decisionDate: '2024-03-01',
        notifiedOn: '2024-03-04',
        reasons: ['not yet stopped'],
      }),
      pspEvent('CourtOrderedAuthorisation', { judgmentDate: '2024-10-01', court: 'TA Lyon' }),
    ];
    expect(caseView(replayAccepted(events))).toMatchObject({
      status: 'authorised',
      periods: [{ start: '2024-10-01' }],
    });
    expect(caseView(replayAccepted([...events, notified('2024-10-03')])).status).toBe('active');
  });

  it('PSP-12 records the commission follow-up of a running parcours', () => {
    const state = replayAccepted([
      ...activeCase(),
      pspEvent('CommissionFollowUpRecorded', {
        recordedOn: '2024-06-01',
        sessionId: 'S-2',
        safetyConcern: true,
        accessToRightsConcern: false,
        commitmentsKept: 'partly_kept',
      }),
    ]);
    expect(state.context.followUps).toEqual([
      expect.objectContaining({ safetyConcern: true, commitmentsKept: 'partly_kept' }),
    ]);
    expect(
      given(entryUnderDecision()).when(
        pspEvent('CommissionFollowUpRecorded', {
          recordedOn: '2024-06-01',
          sessionId: 'S-2',
          safetyConcern: false,
          accessToRightsConcern: false,
          commitmentsKept: 'kept',
        }),
      ).accepted,
    ).toBe(false);
  });

  it('PSP-13 the hardship presumption holds while rights are open, not before nor after', () => {
    expect(caseView(replayAccepted(entryUnderDecision())).rights.hardshipPresumed).toBe(false);
    expect(caseView(replayAccepted(activeCase())).rights.hardshipPresumed).toBe(true);
    const ended = [
      ...activeCase(),
      pspEvent('Interrupted', { interruptedOn: '2024-05-01', reason: 'other' }),
    ];
    expect(caseView(replayAccepted(ended)).rights.hardshipPresumed).toBe(false);
  });

  it('PSP-16 silence on a request creates no implicit decision and no silence deadline', () => {
    const state = replayAccepted(entryUnderDecision());
    expect(caseView(state)).toMatchObject({ status: 'under_review', stage: 'awaiting_decision' });
    expect(Object.values(caseView(state).deadlines).filter((d) => d !== undefined)).toEqual([]);
  });

  it('PD-1 every status of the product vocabulary is reachable and named exactly', () => {
    const statuses = Object.keys(replayAccepted([]).machine.root.states.status.states);
    expect(statuses).toEqual([
      'not_opened',
      'requested',
      'under_review',
      'authorised',
      'aps_pending',
      'active',
      'renewed',
      'completed',
      'withdrawn',
      'refused',
      'not_renewed',
      'lapsed',
      'interrupted',
      'closed',
    ]);
  });

  it('PD-2 the APS and AFIS are parallel regions of the same case with their own status', () => {
    const state = replayAccepted(activeCase());
    expect(Object.keys(state.value as object)).toEqual(['status', 'aps', 'afis']);
    expect(caseView(state)).toMatchObject({
      aps: { status: 'not_applicable' },
      afis: { status: 'not_requested' },
    });
  });

  it('PD-3 the case reads the registries through facts recorded on its events (agrément, quorum, recusals)', () => {
    expect(given([]).when(requestOpened({ associationAgrementValid: false })).accepted).toBe(false);
    expect(
      given([requestOpened(), instructionCompleted(), submitted()]).when(
        commissionOpinion('entry', { recusalsApplied: false }),
      ).accepted,
    ).toBe(false);
  });

  it('PD-6 a refused command names the rule and the missing opinion', () => {
    const events = [
      requestOpened(),
      instructionCompleted({ associationOpinion: undefined }),
      submitted(),
      commissionOpinion('entry'),
    ];
    expect(refused(given(events), authorised())).toEqual([
      { rule: 'PSP-02', message: 'the association opinion (avis) is missing', missing: 'associationOpinion' },
    ]);
  });
});

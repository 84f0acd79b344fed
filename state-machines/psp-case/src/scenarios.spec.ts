import { pspEvent } from './events';
import { prefectureRequirementsAllowed, nationalityProved } from './rules';
import { caseView } from './view';
import {
  activeCase,
  apsDecision,
  apsNotApplicable,
  authorised,
  commissionOpinion,
  completeChecklist,
  entryUnderDecision,
  foreignNationalCase,
  given,
  instructionCompleted,
  notified,
  renewal,
  replayAccepted,
  requestOpened,
  resumption,
  submitted,
} from './testing/fixtures';

/** Section 8 of the rule book, the scenarios that concern the case, as given/when/then. */
describe('Section 8 example scenarios', () => {
  it('scenario 1: authorised after both opinions, notification to person and association makes it active for 6 months', () => {
    // given an approved association instructed with its opinion, and the commission gave its opinion
    const g = given(entryUnderDecision());
    // when the préfet authorises
    const decision = g.when(authorised('2024-03-01'));
    // then authorised; and notification moves it to active with a 6-month period
    expect(decision.accepted && caseView(decision.next).status).toBe('authorised');
    const state = replayAccepted([...entryUnderDecision(), authorised('2024-03-01'), notified('2024-03-05')]);
    expect(caseView(state)).toMatchObject({
      status: 'active',
      periods: [{ index: 1, start: '2024-03-01', end: '2024-08-31', shortened: false }],
    });
  });

  it('scenario 2: no commission opinion recorded, the préfet tries to decide: rejected, commission avis missing', () => {
    const g = given([requestOpened(), instructionCompleted(), submitted()]);
    const decision = g.when(authorised());
    expect(!decision.accepted && decision.violations).toEqual([
      { rule: 'PSP-02', message: 'the commission opinion (avis) is missing', missing: 'commissionOpinion' },
    ]);
    const refusal = g.when(pspEvent('PrefectRefused', { decisionDate: '2024-03-01', reasons: ['x'] }));
    expect(!refusal.accepted && refusal.violations[0].missing).toBe('commissionOpinion');
  });

  it('scenario 3: commission opinion but no association opinion: rejected, association avis missing', () => {
    const g = given([
      requestOpened(),
      instructionCompleted({ associationOpinion: undefined }),
      submitted(),
      commissionOpinion('entry'),
    ]);
    const decision = g.when(authorised());
    expect(!decision.accepted && decision.violations).toEqual([
      { rule: 'PSP-02', message: 'the association opinion (avis) is missing', missing: 'associationOpinion' },
    ]);
    // and once the association gives it, the préfet may decide
    const fixed = given([
      requestOpened(),
      apsNotApplicable(),
      instructionCompleted({ associationOpinion: undefined }),
      submitted(),
      commissionOpinion('entry'),
      pspEvent('AssociationOpinionRecorded', { givenOn: '2024-02-12', opinion: 'favourable', kind: 'entry' }),
    ]);
    expect(fixed.when(authorised()).accepted).toBe(true);
  });

  it('scenario 7: in period 1 with 5 months used, renewal with results and commitments kept: period 2, 6 months of the 24 counted before it', () => {
    // given period 1 from 1 March 2024; 5 months used on 1 August
    const g = given([...activeCase('2024-03-01')]);
    const state = replayAccepted([...activeCase('2024-03-01'), ...renewal('2024-08-01')]);
    expect(g.state.context.periods).toHaveLength(1);
    expect(caseView(state)).toMatchObject({
      status: 'renewed',
      periods: [
        { index: 1, end: '2024-08-31' },
        { index: 2, start: '2024-09-01', end: '2025-02-28' },
      ],
      rights: { capMonths: 24, left: { months: 12, days: 0 } },
    });
    expect(caseView(g.state).rights.used).toEqual({ months: 6, days: 0 });
  });

  it('scenario 8: 24 months used over 4 periods, a 5th authorisation is blocked and the case completes', () => {
    const four = [
      ...activeCase(),
      ...renewal('2024-08-01'),
      ...renewal('2025-02-01'),
      ...renewal('2025-08-01'),
    ];
    const g = given(four);
    const fifth = g.when(pspEvent('RenewalInstructionStarted', { startedOn: '2026-01-15' }));
    expect(!fifth.accepted && fifth.violations).toEqual([
      { rule: 'PSP-06', message: 'the 24-month cap is reached' },
    ]);
    const done = replayAccepted([...four, pspEvent('CapReached', { reachedOn: '2026-03-01' })]);
    expect(caseView(done)).toMatchObject({ status: 'completed', rights: { used: { months: 24, days: 0 } } });
  });

  it('scenario 9: 6 months then 4 months before an interruption; resumed a year later: 14 months left as 6 + 6 + 2', () => {
    const state = replayAccepted([
      ...activeCase('2024-03-01'),
      ...renewal('2024-08-01'),
      pspEvent('Interrupted', { interruptedOn: '2025-01-01', reason: 'loss_of_contact' }),
    ]);
    expect(caseView(state).rights).toMatchObject({
      used: { months: 10, days: 0 },
      left: { months: 14, days: 0 },
    });
    const resumed = replayAccepted([
      ...activeCase('2024-03-01'),
      ...renewal('2024-08-01'),
      pspEvent('Interrupted', { interruptedOn: '2025-01-01', reason: 'loss_of_contact' }),
      ...resumption('2026-01-05'),
      ...renewal('2026-06-01'),
      ...renewal('2026-12-01'),
    ]);
    const periods = caseView(resumed).periods.slice(2);
    expect(periods).toEqual([
      expect.objectContaining({ start: '2026-01-05', end: '2026-07-04', shortened: false }),
      expect.objectContaining({ start: '2026-07-05', end: '2027-01-04', shortened: false }),
      expect.objectContaining({ start: '2027-01-05', end: '2027-03-04', shortened: true }),
    ]);
    expect(caseView(resumed).rights).toMatchObject({ used: { months: 24, days: 0 }, finalPeriod: true });
  });

  it('scenario 10: a non-renewal with no observation step is rejected', () => {
    const g = given([...activeCase(), ...renewal('2024-08-01').slice(0, 3)]);
    const decision = g.when(
      pspEvent('NonRenewalNotified', {
        decisionDate: '2024-08-10',
        notifiedOn: '2024-08-12',
        reasons: ['x'],
      }),
    );
    expect(!decision.accepted && decision.violations).toEqual([
      expect.objectContaining({ rule: 'PSP-09', missing: 'nonRenewalProposal' }),
    ]);
  });

  it('scenario 11: non-renewal decided 10 March, notified 15 March: AFIS and APS-basis rights end on 15 March', () => {
    const afis = [
      pspEvent('AfisRequested', {
        requestedOn: '2024-10-01',
        nationalityCategory: 'french',
        residenceDocument: 'none',
        previousMonthHouseholdResourcesCents: 0,
        rsaReceivedOrClaimable: false,
        adaReceivedOrClaimable: false,
        dependentChildren: 0,
      }),
      pspEvent('AfisInstructionStarted', { startedOn: '2024-10-02' }),
      pspEvent('AfisInstructionCompleted', { completedOn: '2024-10-10' }),
      commissionOpinion('afis', { recordedOn: '2024-10-15' }),
      pspEvent('AfisGranted', { decisionDate: '2024-10-20', ageOnDecisionDate: 30 }),
    ];
    const state = replayAccepted([
      ...activeCase('2024-09-20', '2024-09-20'),
      ...afis,
      ...renewal('2025-02-20').slice(0, 3),
      pspEvent('NonRenewalProposed', { proposedOn: '2025-02-21', reasons: ['commitments not kept'] }),
      pspEvent('NonRenewalNotified', {
        decisionDate: '2025-03-10',
        notifiedOn: '2025-03-15',
        reasons: ['commitments not kept'],
      }),
    ]);
    expect(caseView(state)).toMatchObject({
      status: 'not_renewed',
      rights: { rightsEndedOn: '2025-03-15' },
      afis: { status: 'ended', endsOn: '2025-03-15', endReason: 'psp_not_renewed' },
    });
    expect(state.context.periods[0]).toMatchObject({ end: '2025-03-14', stoppedOn: '2025-03-15' });
  });

  it('scenario 14: French woman aged 22, last month 300 €, PSP authorised: AFIS granted at 343.20 € a month', () => {
    const state = replayAccepted([
      ...activeCase('2024-09-02', '2024-09-04'),
      pspEvent('AfisRequested', {
        requestedOn: '2024-09-10',
        nationalityCategory: 'french',
        residenceDocument: 'none',
        previousMonthHouseholdResourcesCents: 30000,
        rsaReceivedOrClaimable: false,
        adaReceivedOrClaimable: false,
        dependentChildren: 0,
      }),
      pspEvent('AfisInstructionStarted', { startedOn: '2024-09-12' }),
      pspEvent('AfisInstructionCompleted', { completedOn: '2024-09-30' }),
      commissionOpinion('afis', { recordedOn: '2024-10-08' }),
      pspEvent('AfisGranted', { decisionDate: '2024-10-15', ageOnDecisionDate: 22 }),
    ]);
    expect(caseView(state).afis).toMatchObject({ status: 'paying', monthlyAmountCents: 34320 });
  });

  it('scenario 15: a single parent with 2 children gets 555.36 €; with 5 children 873.60 €', () => {
    const base = [
      ...activeCase('2024-09-02', '2024-09-04'),
      pspEvent('AfisInstructionStarted', { startedOn: '2024-09-12' }),
      pspEvent('AfisInstructionCompleted', { completedOn: '2024-09-30' }),
      commissionOpinion('afis', { recordedOn: '2024-10-08' }),
      pspEvent('AfisGranted', { decisionDate: '2024-10-15', ageOnDecisionDate: 35 }),
    ];
    const withChildren = (dependentChildren: number) => {
      const events = [...base];
      events.splice(
        base.length - 4,
        0,
        pspEvent('AfisRequested', {
          requestedOn: '2024-09-10',
          nationalityCategory: 'french',
          residenceDocument: 'none',
          previousMonthHouseholdResourcesCents: 10000,
          rsaReceivedOrClaimable: false,
          adaReceivedOrClaimable: false,
          dependentChildren,
        }),
      );
      return caseView(replayAccepted(events)).afis.monthlyAmountCents;
    };
    expect(withChildren(2)).toBe(55536);
    expect(withChildren(5)).toBe(87360);
  });

  it('scenario 16: an asylum seeker receiving the ADA is refused the AFIS (AFIS-05) and has no qualifying document (AFIS-03)', () => {
    const g = given([
      ...activeCase('2024-09-02', '2024-09-04'),
      pspEvent('AfisRequested', {
        requestedOn: '2024-09-10',
        nationalityCategory: 'third_country',
        residenceDocument: 'asylum_seeker_certificate',
        previousMonthHouseholdResourcesCents: 0,
        rsaReceivedOrClaimable: false,
        adaReceivedOrClaimable: true,
        dependentChildren: 0,
      }),
      pspEvent('AfisInstructionStarted', { startedOn: '2024-09-12' }),
      pspEvent('AfisInstructionCompleted', { completedOn: '2024-09-30' }),
      commissionOpinion('afis', { recordedOn: '2024-10-08' }),
    ]);
    const decision = g.when(pspEvent('AfisGranted', { decisionDate: '2024-10-15', ageOnDecisionDate: 30 }));
    expect(!decision.accepted && decision.violations.map((v) => v.rule)).toEqual(['AFIS-03', 'AFIS-05']);
    const refusal = g.when(
      pspEvent('AfisRefused', { decisionDate: '2024-10-15', reasons: ['AFIS-05', 'AFIS-03'] }),
    );
    expect(refusal.accepted && caseView(refusal.next).afis.status).toBe('refused');
  });

  it('scenario 24: foreign national in the PSP, stopped, no threat, no visa: APS issued for at least 6 months with work allowed', () => {
    const g = given([
      ...foreignNationalCase('2024-09-02'),
      pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist: completeChecklist() }),
    ]);
    const decision = g.when(apsDecision('2024-09-20', { validFrom: '2024-09-20', validTo: '2025-03-19' }));
    expect(decision.accepted && caseView(decision.next)).toMatchObject({
      status: 'active',
      aps: { status: 'issued', workAllowed: true, validFrom: '2024-09-20', validTo: '2025-03-19' },
    });
    expect(prefectureRequirementsAllowed(['long_stay_visa'], completeChecklist())[0].rule).toBe('APS-03');
  });

  it('scenario 27: asylum claim pending blocks the APS; once finally rejected while the PSP is active it goes to to_file', () => {
    const events = [
      requestOpened({ openedOn: '2024-07-01' }),
      pspEvent('ApsRequired', { determinedOn: '2024-07-01', asylumClaimPending: true }),
      ...foreignNationalCase('2024-09-02').slice(2),
    ];
    const g = given(events);
    expect(caseView(g.state)).toMatchObject({
      status: 'aps_pending',
      aps: { status: 'blocked_asylum_pending' },
    });
    const decision = g.when(pspEvent('AsylumFinallyRejected', { rejectedOn: '2024-12-01' }));
    expect(decision.accepted && caseView(decision.next).aps.status).toBe('to_file');
  });

  it('scenario 28: the clerk asks for a passport; a valid consular card with photo proves nationality, the passport requirement is disallowed', () => {
    const checklist = completeChecklist({
      nationalityDocuments: [{ kind: 'consular_card', hasPhoto: true, valid: true }],
    });
    expect(nationalityProved(checklist.nationalityDocuments)).toEqual([]);
    expect(prefectureRequirementsAllowed(['passport'], checklist)).toEqual([
      expect.objectContaining({
        rule: 'D2',
        message: expect.stringContaining('passport cannot be required'),
      }),
    ]);
    const filed = given(foreignNationalCase()).when(
      pspEvent('ApsFiled', { filedOn: '2024-09-05', checklist }),
    );
    expect(filed.accepted && caseView(filed.next).aps.status).toBe('filed');
  });
});

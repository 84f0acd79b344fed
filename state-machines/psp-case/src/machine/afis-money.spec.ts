import { CalendarDate } from '@psp/legal-kernel';
import { PspCaseEvent, pspEvent } from '../events';
import { afisPaymentDue, afisSchedule } from '../rules';
import { caseView } from '../view';
import {
  apsNotApplicable,
  authorised,
  commissionOpinion,
  given,
  instructionCompleted,
  notified,
  renewal,
  replayAccepted,
  requestOpened,
  submitted,
} from '../testing/fixtures';

type AfisRequestData = Extract<PspCaseEvent, { type: 'AfisRequested' }>['data'];

/** Period 1 from 1 Feb 2022 (to 31 Jul 2022), in `departement`. */
const running2022 = (departement = '69'): PspCaseEvent[] => [
  requestOpened({ openedOn: '2022-01-05', departement }),
  apsNotApplicable('2022-01-05'),
  instructionCompleted({ completedOn: '2022-01-10' }),
  submitted('2022-01-12'),
  commissionOpinion('entry', { recordedOn: '2022-01-25' }),
  authorised('2022-02-01'),
  notified('2022-02-02'),
];

const afisRequest = (over: Partial<AfisRequestData> = {}) =>
  pspEvent('AfisRequested', {
    requestedOn: '2022-02-03',
    nationalityCategory: 'french',
    residenceDocument: 'none',
    previousMonthHouseholdResourcesCents: 30000,
    rsaReceivedOrClaimable: false,
    adaReceivedOrClaimable: false,
    dependentChildren: 2,
    ...over,
  });

const afisUpToDecision = (
  over: Partial<AfisRequestData> = {},
  opinionOn: CalendarDate = '2022-02-20',
  base = running2022(),
): PspCaseEvent[] => [
  ...base,
  afisRequest(over),
  pspEvent('AfisInstructionStarted', { startedOn: over.requestedOn ?? '2022-02-04' }),
  pspEvent('AfisInstructionCompleted', { completedOn: opinionOn }),
  commissionOpinion('afis', { recordedOn: opinionOn, itemId: `afis-${opinionOn}` }),
];

const grant = (decisionDate: CalendarDate = '2022-03-01') =>
  pspEvent('AfisGranted', { decisionDate, ageOnDecisionDate: 30 });

/** Paying from 1 March 2022 for a person with two children. */
const paying = (base = running2022()) => [...afisUpToDecision({}, '2022-02-20', base), grant()];

const refusalsOf = (events: readonly PspCaseEvent[], event: PspCaseEvent) => {
  const decision = given(events).when(event);
  return decision.accepted ? [] : decision.violations.map((v) => v.rule);
};

const payment = (runMonth: string, paidOn: CalendarDate, lines: { month: string; amountCents: number }[]) =>
  pspEvent('AfisPaymentMade', { runMonth, paidOn, lines });

describe('AFIS as money (section 4)', () => {
  describe('the amount of each month (D.121-12-14)', () => {
    it('D.121-12-14: a revaluation crossing a running AFIS applies from 1 July 2022 with no command', () => {
      const state = replayAccepted(paying());
      const months = afisSchedule(state.context).map((m) => [m.month, m.dueCents]);
      expect(months).toEqual([
        ['2022-03', 53400],
        ['2022-04', 53400],
        ['2022-05', 53400],
        ['2022-06', 53400],
        ['2022-07', 55536],
      ]);
      // why each month has its amount: the text that sets the scale
      expect(
        afisSchedule(state.context)
          .map((m) => m.basis)
          .slice(3),
      ).toEqual(['D.121-12-14, décret 2017-542', 'D.121-12-14, décret 2022-1340']);
    });

    it('D.121-12-14 / CASF D.541-2-1: the Mayotte scale applies in département 976, before and after July 2022', () => {
      const state = replayAccepted(paying(running2022('976')));
      expect(afisSchedule(state.context).map((m) => m.dueCents)).toEqual([26700, 26700, 26700, 26700, 27768]);
      const single = replayAccepted([
        ...afisUpToDecision({ dependentChildren: 0 }, '2022-02-20', running2022('976')),
        grant(),
      ]);
      expect(caseView(single).afis.monthlyAmountCents).toBe(16500);
      const five = replayAccepted([
        ...afisUpToDecision({ dependentChildren: 5 }, '2022-02-20', running2022('976')),
        grant(),
      ]);
      // 318 + 2 × 32 before July 2022; 330.72 + 2 × 33.28 from July 2022
      expect(afisSchedule(five.context).map((m) => m.dueCents)).toEqual([38200, 38200, 38200, 38200, 39728]);
    });

    it('D.121-12-14: children are counted as of each month (a re-examined count applies from the next month)', () => {
      const state = replayAccepted([
        ...paying(),
        pspEvent('AfisChangeReported', { reportedOn: '2022-04-10' }),
        pspEvent('AfisReexamined', {
          decisionDate: '2022-04-20',
          dependentChildren: 3,
          conditionsStillMet: true,
        }),
      ]);
      expect(afisSchedule(state.context).map((m) => [m.month, m.children, m.dueCents])).toEqual([
        ['2022-03', 2, 53400],
        ['2022-04', 2, 53400],
        ['2022-05', 3, 63600],
        ['2022-06', 3, 63600],
        ['2022-07', 3, 66144],
      ]);
    });

    it('ADR-0013: a month with only some days due is prorated by days, to the cent', () => {
      const state = replayAccepted([...afisUpToDecision(), grant('2022-03-16')]);
      // 16 of 31 days of March at 534 €: 534 × 16 / 31 = 275.61 €
      expect(afisSchedule(state.context)[0]).toMatchObject({ month: '2022-03', days: 16, dueCents: 27561 });
    });
  });

  describe('eligibility at the request (AFIS-04)', () => {
    it('AFIS-04 / PD-5: an AFIS decided in May 2022 is decided (the RSA table goes back to 15 April 2017)', () => {
      const events = afisUpToDecision({ requestedOn: '2022-04-20' }, '2022-05-02');
      expect(refusalsOf(events, grant('2022-05-10'))).toEqual([]);
    });

    it('AFIS-04: resources are compared with the RSA lump sum in force at the request, not at the decision', () => {
      // Request on 20 June 2022 (RSA 575.52 €), decision on 15 July 2022 (RSA 598.54 €).
      const at = (cents: number) =>
        afisUpToDecision(
          { requestedOn: '2022-06-20', previousMonthHouseholdResourcesCents: cents },
          '2022-07-05',
        );
      expect(refusalsOf(at(57552), grant('2022-07-15'))).toEqual(['AFIS-04']);
      expect(refusalsOf(at(57551), grant('2022-07-15'))).toEqual([]);
    });

    it('AFIS-04 / PD-5: a request dated before the first known RSA amount (15 April 2017) is refused with a clear message', () => {
      const early = [requestOpened({ openedOn: '2017-03-01' }), apsNotApplicable('2017-03-01')];
      const decision = given(early).when(afisRequest({ requestedOn: '2017-03-31' }));
      expect(decision.accepted).toBe(false);
      if (!decision.accepted) {
        expect(decision.violations[0].rule).toBe('PD-5');
        expect(decision.violations[0].message).toMatch(/2017-03-31/);
      }
    });
  });

  describe('who ends it (R.121-12-13-2, D.121-12-17, T20)', () => {
    it('D.121-12-17: an MSA report that the conditions are no longer met does not end the aid', () => {
      const state = replayAccepted([
        ...paying(),
        pspEvent('AfisChangeReported', { reportedOn: '2022-04-10' }),
        pspEvent('AfisReexamined', {
          decisionDate: '2022-04-20',
          dependentChildren: 2,
          conditionsStillMet: false,
        }),
      ]);
      expect(caseView(state).afis.status).toBe('reported_to_prefect');
      expect(caseView(state).afis.endsOn).toBeUndefined();
      expect(afisSchedule(state.context).map((m) => m.month)).toContain('2022-07');
    });

    const invitedEnd = (over: Record<string, unknown> = {}) =>
      pspEvent('AfisEnded', {
        decisionDate: '2022-05-20',
        reason: 'conditions_lost',
        reasons: ['new job: resources above the RSA lump sum'],
        personInvitedToAnswerOn: '2022-05-02',
        ...over,
      } as Extract<PspCaseEvent, { type: 'AfisEnded' }>['data']);

    it("T20 / CRPA L.211-2: a préfet's end without written reasons is refused", () => {
      expect(refusalsOf(paying(), invitedEnd({ reasons: [] }))).toEqual(['T20']);
      expect(refusalsOf(paying(), invitedEnd({ reasons: ['  '] }))).toEqual(['T20']);
    });

    it('T20 / CRPA L.121-1: the préfet may end the AFIS only after the person could answer', () => {
      const noInvitation = invitedEnd({ personInvitedToAnswerOn: undefined });
      expect(refusalsOf(paying(), noInvitation)).toEqual(['T20']);
      // invited on 10 May: 15 days to answer, so not before 25 May unless the answer came
      expect(refusalsOf(paying(), invitedEnd({ personInvitedToAnswerOn: '2022-05-10' }))).toEqual(['T20']);
      expect(
        refusalsOf(
          paying(),
          invitedEnd({ personInvitedToAnswerOn: '2022-05-10', answerReceivedOn: '2022-05-18' }),
        ),
      ).toEqual([]);
      expect(refusalsOf(paying(), invitedEnd({ reason: 'other' }))).toEqual(['T20']);
    });

    it('R.121-12-13-2: the préfet ends the AFIS from the month after the decision; the PSP runs on', () => {
      const state = replayAccepted([...paying(), invitedEnd()]);
      expect(caseView(state)).toMatchObject({
        status: 'active',
        afis: { status: 'ended', endsOn: '2022-06-01', endReason: 'conditions_lost' },
      });
      expect(afisSchedule(state.context).map((m) => m.month)).toEqual(['2022-03', '2022-04', '2022-05']);
    });

    it('R.121-12-10 / PSP-09: a non-renewal ends the AFIS on the notification date (prorated)', () => {
      const state = replayAccepted([
        ...paying(),
        pspEvent('RenewalInstructionStarted', { startedOn: '2022-06-01' }),
        pspEvent('RenewalSubmitted', {
          submittedOn: '2022-06-02',
          followUpDocumentUpdated: true,
          resultsReported: true,
          commitmentsKept: 'not_kept',
          difficulties: [],
          associationOpinion: 'unfavourable',
        }),
        commissionOpinion('renewal', { recordedOn: '2022-06-10' }),
        pspEvent('NonRenewalProposed', { proposedOn: '2022-06-12', reasons: ['commitments not kept'] }),
        pspEvent('ObservationsReceived', { receivedOn: '2022-06-20' }),
        pspEvent('NonRenewalNotified', {
          decisionDate: '2022-07-10',
          notifiedOn: '2022-07-15',
          reasons: ['commitments not kept'],
        }),
      ]);
      expect(caseView(state).afis).toMatchObject({
        status: 'ended',
        endsOn: '2022-07-15',
        endReason: 'psp_not_renewed',
      });
      // 14 days of July 2022 at 555.36 €: 555.36 × 14 / 31 = 250.81 €
      expect(afisSchedule(state.context).slice(-1)[0]).toMatchObject({
        month: '2022-07',
        days: 14,
        dueCents: 25081,
      });
    });

    it.each([
      [
        'an interruption',
        pspEvent('Interrupted', { interruptedOn: '2022-05-10', reason: 'loss_of_contact' }),
        '2022-05-10',
        'psp_interrupted',
      ],
      [
        'a withdrawal',
        pspEvent('Withdrawn', { withdrawnOn: '2022-05-10', recordedBy: 'association', byPerson: true }),
        '2022-05-10',
        'psp_withdrawn',
      ],
      [
        'an early completion',
        pspEvent('Completed', {
          completedOn: '2022-05-10',
          outcomes: { training: true, job: true, housing: true },
        }),
        '2022-05-10',
        'psp_completed',
      ],
      [
        'a lapse at the period end',
        pspEvent('PeriodEnded', { periodIndex: 1, endedOn: '2022-08-01' }),
        '2022-08-01',
        'psp_lapsed',
      ],
    ])(
      'D.121-12-16 / R.121-12-10: %s ends the AFIS on the first day without PSP rights, prorated',
      (_what, event, endsOn, endReason) => {
        const state = replayAccepted([...paying(), event]);
        expect(caseView(state).afis).toMatchObject({ status: 'ended', endsOn, endReason });
        expect(caseView(state).rights.rightsEndedOn).toBe(endsOn);
        const last = afisSchedule(state.context).slice(-1)[0];
        expect(last.month).toBe(endsOn === '2022-08-01' ? '2022-07' : '2022-05');
        if (endsOn === '2022-05-10')
          expect(last).toMatchObject({ days: 9, dueCents: Math.round((53400 * 9) / 31) });
      },
    );

    it('D.121-12-16: a pending AFIS request ends with the parcours (no grant can follow)', () => {
      const pending = [
        ...afisUpToDecision(),
        pspEvent('Withdrawn', { withdrawnOn: '2022-02-25', recordedBy: 'association', byPerson: true }),
      ];
      expect(caseView(replayAccepted(pending)).afis).toMatchObject({
        status: 'ended',
        endReason: 'psp_withdrawn',
      });
      expect(refusalsOf(pending, grant())).toEqual(['AFIS-06']);
    });

    it('PD-1 / T18: a closed case takes no new AFIS request', () => {
      const closed = [
        ...paying(),
        pspEvent('ClosedOther', { closedOn: '2022-04-01', reason: 'left_france' }),
      ];
      expect(caseView(replayAccepted(closed)).afis).toMatchObject({ status: 'ended', endsOn: '2022-04-01' });
      expect(refusalsOf(closed, afisRequest({ requestedOn: '2022-04-05' }))).toEqual(['AFIS-01']);
    });

    it('D.121-12-16: an AFIS granted after a renewal already decided covers the renewed period too', () => {
      const state = replayAccepted([
        ...running2022(),
        afisRequest(),
        pspEvent('AfisInstructionStarted', { startedOn: '2022-02-04' }),
        ...renewal('2022-06-20'),
        pspEvent('AfisInstructionCompleted', { completedOn: '2022-06-25' }),
        commissionOpinion('afis', { recordedOn: '2022-06-28', itemId: 'afis-late' }),
        grant('2022-07-01'),
      ]);
      expect(state.context.afis.grants).toEqual([
        { kind: 'initial', decisionDate: '2022-07-01', from: '2022-07-01', until: '2023-01-31' },
      ]);
    });

    it("AFIS-06 / D.121-12-16: each renewal brings its AFIS decision after the commission's opinion", () => {
      const renewed = [...paying(), ...renewal('2022-07-20')];
      expect(caseView(replayAccepted(renewed)).afis.status).toBe('renewal_check');
      // no AFIS for August until the préfet decides again, after the commission
      expect(
        afisSchedule(replayAccepted(renewed).context)
          .map((m) => m.month)
          .slice(-1),
      ).toEqual(['2022-07']);
      expect(refusalsOf(renewed, grant('2022-08-10'))).toEqual(['AFIS-06']);
      const regranted = replayAccepted([
        ...renewed,
        commissionOpinion('afis', { recordedOn: '2022-08-05', itemId: 'afis-renewal' }),
        grant('2022-08-10'),
      ]);
      expect(caseView(regranted).afis.status).toBe('paying');
      expect(
        afisSchedule(regranted.context)
          .slice(5)
          .map((m) => [m.month, m.dueCents]),
      ).toEqual([
        ['2022-08', 55536],
        ['2022-09', 55536],
        ['2022-10', 55536],
        ['2022-11', 55536],
        ['2022-12', 55536],
        ['2023-01', 55536],
      ]);
    });
  });

  describe('payments (D.121-12-15, D.121-12-16, L.121-9)', () => {
    it('D.121-12-16: a month is paid in arrears, never before it ends', () => {
      const state = replayAccepted(paying());
      expect(afisPaymentDue(state.context, '2022-03')).toEqual([{ month: '2022-03', amountCents: 53400 }]);
      expect(
        refusalsOf(paying(), payment('2022-03', '2022-03-31', [{ month: '2022-03', amountCents: 53400 }])),
      ).toEqual(['D.121-12-16']);
    });

    it('D.121-12-16: a payment run twice for the same month pays once', () => {
      const first = payment('2022-03', '2022-04-05', [{ month: '2022-03', amountCents: 53400 }]);
      const paid = [...paying(), first];
      expect(refusalsOf(paid, first)).toEqual(['D.121-12-16']);
      expect(afisPaymentDue(replayAccepted(paid).context, '2022-03')).toEqual([]);
      const march = afisSchedule(replayAccepted(paid).context)[0];
      expect(march).toMatchObject({ month: '2022-03', dueCents: 53400, paidCents: 53400 });
    });

    it('D.121-12-15: a run pays the months left unpaid as arrears and shows an overpayment without recovering it', () => {
      const lateRun = [
        ...paying(),
        payment('2022-05', '2022-06-03', [
          { month: '2022-03', amountCents: 53400 },
          { month: '2022-04', amountCents: 53400 },
          { month: '2022-05', amountCents: 53400 },
        ]),
      ];
      expect(
        refusalsOf(paying(), payment('2022-05', '2022-06-03', [{ month: '2022-05', amountCents: 53400 }])),
      ).toEqual(['D.121-12-15']);
      const state = replayAccepted([
        ...lateRun,
        pspEvent('ClosedOther', { closedOn: '2022-05-16', reason: 'left_france' }),
      ]);
      const may = afisSchedule(state.context).find((m) => m.month === '2022-05');
      // 15 of 31 days due (534 × 15 / 31 = 258.39 €); 534 € were paid: 275.61 € overpaid, not offset (L.121-9)
      expect(may).toMatchObject({ dueCents: 25839, paidCents: 53400, overpaidCents: 27561 });
    });

    it('F9 / L.121-9: a garnishment notice is recorded and refused; nothing is diverted from the beneficiary', () => {
      const notice = pspEvent('AfisSeizureNoticeRefused', {
        receivedOn: '2022-04-12',
        kind: 'garnishment',
        creditor: 'private',
      });
      const decision = given(paying()).when(notice);
      expect(decision.accepted).toBe(true);
      if (decision.accepted) {
        expect(decision.warnings.map((w) => w.rule)).toEqual(['F9']);
        expect(afisPaymentDue(decision.next.context, '2022-04')).toEqual([
          { month: '2022-03', amountCents: 53400 },
          { month: '2022-04', amountCents: 53400 },
        ]);
        expect(decision.next.context.afis.seizureNotices).toEqual([
          { receivedOn: '2022-04-12', kind: 'garnishment', creditor: 'private', refusedUnder: 'F9' },
        ]);
      }
    });
  });
});

import { pspEvent } from '../events';
import { DEFAULT_PSP_PARAMETERS, pspParameters } from '../parameters';
import { afisAmount, afisEndsFrom } from '../rules';
import { foldCase } from '../fold';
import { caseView } from '../view';
import {
  activeCase,
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

type Request = Extract<Parameters<typeof pspEvent>[0], 'AfisRequested'>;
const afisRequested = (
  over: Partial<Extract<import('../events').PspCaseEvent, { type: Request }>['data']> = {},
) =>
  pspEvent('AfisRequested', {
    requestedOn: '2024-04-02',
    nationalityCategory: 'french',
    residenceDocument: 'none',
    previousMonthHouseholdResourcesCents: 30000,
    rsaReceivedOrClaimable: false,
    adaReceivedOrClaimable: false,
    dependentChildren: 0,
    ...over,
  });

const upToDecision = (over = {}, base = activeCase()) => [
  ...base,
  afisRequested(over),
  pspEvent('AfisInstructionStarted', { startedOn: '2024-04-05' }),
  pspEvent('AfisInstructionCompleted', { completedOn: '2024-04-20' }),
  commissionOpinion('afis', { recordedOn: '2024-05-02' }),
];
const granted = (decisionDate = '2024-05-10', ageOnDecisionDate = 22) =>
  pspEvent('AfisGranted', { decisionDate, ageOnDecisionDate });

const reasonsOf = (
  events: Parameters<typeof given>[0],
  event: Parameters<ReturnType<typeof given>['when']>[0],
) => {
  const d = given(events).when(event);
  return d.accepted ? [] : d.violations.map((v) => v.rule);
};

describe('AFIS region (section 4)', () => {
  it('AFIS-01 / PSP-10 the authorisation opens the AFIS: refused before it, granted once rights run', () => {
    const beforeRights = upToDecision({}, activeCase().slice(0, 5));
    expect(reasonsOf(beforeRights, granted('2024-05-10'))).toEqual(['AFIS-01']);
    expect(caseView(replayAccepted([...upToDecision(), granted()])).afis).toMatchObject({
      status: 'paying',
      monthlyAmountCents: 34320,
    });
  });

  it('AFIS-02 the person must be 18 or older on the decision date', () => {
    expect(reasonsOf(upToDecision(), granted('2024-05-10', 17))).toEqual(['AFIS-02']);
    expect(reasonsOf(upToDecision(), granted('2024-05-10', 18))).toEqual([]);
  });

  it("AFIS-03 a third-country national needs a qualifying residence document; the case's own APS counts", () => {
    expect(
      reasonsOf(
        upToDecision({
          nationalityCategory: 'third_country',
          residenceDocument: 'first_application_receipt',
        }),
        granted(),
      ),
    ).toEqual(['AFIS-03']);
    expect(
      reasonsOf(
        upToDecision({ nationalityCategory: 'third_country', residenceDocument: 'renewal_receipt' }),
        granted(),
      ),
    ).toEqual([]);
    expect(reasonsOf(upToDecision({ nationalityCategory: 'eu_eea_swiss' }), granted())).toEqual([]);
  });

  it('AFIS-04 the household resources of the month before the request must be below the RSA single-person amount in force on the request date', () => {
    expect(reasonsOf(upToDecision({ previousMonthHouseholdResourcesCents: 63571 }), granted())).toEqual([
      'AFIS-04',
    ]);
    expect(reasonsOf(upToDecision({ previousMonthHouseholdResourcesCents: 63570 }), granted())).toEqual([]);
  });

  it('AFIS-04 / PD-5 a request date with no RSA amount in the table is refused with PD-5, not guessed', () => {
    const params = pspParameters({
      rsaSinglePersonCents: DEFAULT_PSP_PARAMETERS.rsaSinglePersonCents.filter((v) => v.from >= '2024-04-01'),
    });
    const early = [
      requestOpened({ openedOn: '2023-01-05' }),
      instructionCompleted({ completedOn: '2023-01-20' }),
      submitted('2023-01-22'),
      commissionOpinion('entry', { recordedOn: '2023-02-10' }),
      authorised('2023-03-01'),
      notified('2023-03-05'),
    ];
    const decision = given(early, params).when(afisRequested({ requestedOn: '2023-04-02' }));
    expect(decision.accepted ? [] : decision.violations.map((v) => [v.rule, v.message])).toEqual([
      [
        'PD-5',
        'no RSA single-person amount is known on the request date 2023-04-02 (the table starts on 2024-04-01)',
      ],
    ]);
  });

  it('AFIS-05 receiving or being able to claim the RSA or the ADA bars the AFIS', () => {
    expect(
      reasonsOf(upToDecision({ rsaReceivedOrClaimable: true, adaReceivedOrClaimable: true }), granted()),
    ).toEqual(['AFIS-05', 'AFIS-05']);
  });

  it("AFIS-06 the préfet decides after the commission's opinion", () => {
    const noOpinion = upToDecision().slice(0, -1);
    expect(reasonsOf(noOpinion, granted())[0]).toBe('AFIS-06');
    const badOpinion = [...noOpinion, commissionOpinion('afis', { quorumMet: false })];
    expect(caseView(replayAccepted(badOpinion.slice(0, -1))).afis.status).toBe('awaiting_avis');
    expect(reasonsOf(noOpinion, commissionOpinion('afis', { quorumMet: false }))).toEqual(['COM-07']);
  });

  it('D.121-12-14 amounts are date-effective, in cents: 330/102 before July 2022, 343.20/106.08 after', () => {
    expect(afisAmount(0, '2022-06-30', DEFAULT_PSP_PARAMETERS)).toBe(33000);
    expect(afisAmount(2, '2022-06-30', DEFAULT_PSP_PARAMETERS)).toBe(53400);
    expect(afisAmount(4, '2022-06-30', DEFAULT_PSP_PARAMETERS)).toBe(73800);
    expect(afisAmount(0, '2022-07-01', DEFAULT_PSP_PARAMETERS)).toBe(34320);
    expect(afisAmount(1, '2022-07-01', DEFAULT_PSP_PARAMETERS)).toBe(44928);
    expect(afisAmount(3, '2022-07-01', DEFAULT_PSP_PARAMETERS)).toBe(66144);
  });

  it('PD-5 a deployment overrides the AFIS amount from a date (e.g. an alignment on the RSA)', () => {
    const params = pspParameters({
      afisAmounts: [
        ...DEFAULT_PSP_PARAMETERS.afisAmounts.map((v) => (v.to ? v : { ...v, to: '2025-12-31' })),
        {
          from: '2026-01-01',
          value: { base: 64652, withChildren: [74000, 84000, 94000], perExtraChild: 10000 },
          source: 'hypothetical decree',
        },
      ],
    });
    expect(afisAmount(0, '2025-12-31', params)).toBe(34320);
    expect(afisAmount(0, '2026-01-01', params)).toBe(64652);
  });

  it('T20 / R.121-12-13-2 the préfet ends the AFIS for a breach from the following month; the PSP stays active', () => {
    const state = replayAccepted([
      ...upToDecision(),
      granted(),
      pspEvent('AfisEnded', {
        decisionDate: '2024-06-12',
        reason: 'breach',
        reasons: ['commitments of the parcours document not kept'],
        personInvitedToAnswerOn: '2024-05-20',
      }),
    ]);
    expect(caseView(state)).toMatchObject({
      status: 'active',
      afis: { status: 'ended', endsOn: '2024-07-01', endReason: 'breach' },
    });
    expect(afisEndsFrom('2024-12-31')).toBe('2025-01-01');
  });

  it('4.4 / AFIS-06 a PSP renewal puts the AFIS in renewal_check; the MSA re-examination sets the amount, the préfet decides', () => {
    const paying = [...upToDecision(), granted()];
    const checking = replayAccepted([...paying, ...renewal('2024-08-01')]);
    expect(caseView(checking).afis.status).toBe('renewal_check');
    const state = replayAccepted([
      ...paying,
      ...renewal('2024-08-01'),
      pspEvent('AfisReexamined', {
        decisionDate: '2024-08-10',
        dependentChildren: 2,
        conditionsStillMet: true,
      }),
      commissionOpinion('afis', { recordedOn: '2024-08-20', itemId: 'afis-renewal' }),
      granted('2024-08-25'),
    ]);
    expect(caseView(state).afis).toMatchObject({ status: 'paying', monthlyAmountCents: 55536 });
  });

  it('versions are data: a schema-1 re-examination is read as it was recorded (it renewed, or ended, the AFIS)', () => {
    const legacy = (conditionsStillMet: boolean) =>
      ({
        type: 'AfisReexamined',
        schemaVersion: 1,
        data: { decisionDate: '2024-08-10', dependentChildren: 2, conditionsStillMet },
      }) as const;
    const paying = [...upToDecision(), granted()];
    expect(caseView(foldCase([...paying, ...renewal('2024-08-01'), legacy(true)])).afis).toMatchObject({
      status: 'paying',
      monthlyAmountCents: 55536,
    });
    const ended = foldCase([
      ...paying,
      pspEvent('AfisChangeReported', { reportedOn: '2024-06-01' }),
      { ...legacy(false), data: { ...legacy(false).data, decisionDate: '2024-06-20' } },
    ]);
    expect(caseView(ended).afis).toMatchObject({
      status: 'ended',
      endsOn: '2024-07-01',
      endReason: 'conditions_lost',
    });
    const legacyEnd = foldCase([
      ...paying,
      { type: 'AfisEnded', schemaVersion: 1, data: { decisionDate: '2024-06-12', reason: 'other' } },
    ]);
    expect(caseView(legacyEnd).afis).toMatchObject({
      status: 'ended',
      endsOn: '2024-07-01',
      endReason: 'other',
    });
  });

  it('D.121-12-17 conditions lost at re-examination are reported to the préfet; the AFIS is still paid', () => {
    const state = replayAccepted([
      ...upToDecision(),
      granted(),
      pspEvent('AfisChangeReported', { reportedOn: '2024-06-01' }),
      pspEvent('AfisReexamined', {
        decisionDate: '2024-06-20',
        dependentChildren: 0,
        conditionsStillMet: false,
        findings: ['new_job'],
      }),
    ]);
    expect(caseView(state).afis).toMatchObject({ status: 'reported_to_prefect', endsOn: undefined });
    expect(state.context.afis.msaReport).toEqual({
      on: '2024-06-20',
      conditionsStillMet: false,
      findings: ['new_job'],
    });
  });
});

import { AfisEnded, AfisRequested, pspEvent } from '../events';
import { DEFAULT_PSP_PARAMETERS, pspParameters } from '../parameters';
import { contextWith, period } from '../testing/contexts';
import {
  MAYOTTE,
  afisAmount,
  afisEligible,
  afisEndDecisionLawful,
  afisEndsFrom,
  afisRequestAdmissible,
  afisRequestDateCovered,
  afisScaleBasis,
  afisEngagedInPsp,
  afisOpinionOnFile,
  afisResidenceConditionMet,
  apsValidOn,
} from './afis-rules';

const params = DEFAULT_PSP_PARAMETERS;

type Request = AfisRequested['data'];
const request = (over: Partial<Request> = {}): Request => ({
  requestedOn: '2024-09-10',
  nationalityCategory: 'french',
  residenceDocument: 'none',
  previousMonthHouseholdResourcesCents: 0,
  rsaReceivedOrClaimable: false,
  adaReceivedOrClaimable: false,
  dependentChildren: 0,
  ...over,
});

// Period 1 runs 2024-09-02..2025-03-01.
const running = (over: Parameters<typeof contextWith>[0] = {}) =>
  contextWith({ openedOn: '2024-07-01', periods: [period('2024-09-02', '2025-03-01')], ...over });
const facts = (decisionDate = '2024-10-01', ageOnDecisionDate = 30) => ({ decisionDate, ageOnDecisionDate });

describe('D.121-12-14 the monthly AFIS amount, by dependent children and date', () => {
  it.each([
    [0, 34320],
    [1, 44928],
    [2, 55536],
    [3, 66144],
    [4, 66144 + 10608],
    [6, 66144 + 3 * 10608],
  ])('with %i children from 1 July 2022: %i cents', (children, cents) => {
    expect(afisAmount(children, '2024-10-01', params)).toBe(cents);
  });

  it('each of the first three children has its own amount in the table, whatever the step between them', () => {
    const uneven = pspParameters({
      afisAmounts: [
        {
          from: '2016-04-15',
          value: { base: 100, withChildren: [300, 400, 1000], perExtraChild: 50 },
          source: 'test',
        },
      ],
    });
    expect([0, 1, 2, 3, 4, 5].map((children) => afisAmount(children, '2024-10-01', uneven))).toEqual([
      100, 300, 400, 1000, 1050, 1100,
    ]);
  });

  it('PD-5 a date before any amount was in force is an error naming the parameter', () => {
    expect(() => afisAmount(0, '2017-04-14', params)).toThrow(
      'PD-5: no value of parameter "afisAmounts" is in force on 2017-04-14',
    );
  });

  it('a negative count of children is none', () => {
    expect(afisAmount(-1, '2024-10-01', params)).toBe(34320);
  });

  it('the scale in force on the date applies: 30 June 2022 the old one, 1 July 2022 the new one', () => {
    expect(afisAmount(0, '2022-06-30', params)).toBe(33000);
    expect(afisAmount(0, '2022-07-01', params)).toBe(34320);
    expect(afisAmount(5, '2022-06-30', params)).toBe(63600 + 2 * 10200);
  });
});

describe('AFIS-01 engaged in the PSP on the decision date', () => {
  const refusal = [
    {
      rule: 'AFIS-01',
      message: 'the person is not engaged in the PSP on the decision date',
      missing: 'pspAuthorisation',
    },
  ];

  it.each([['2024-09-02'], ['2025-03-01']])(
    'AFIS-01 engaged on %s (first and last day of the period)',
    (on) => {
      expect(afisEngagedInPsp(running(), on)).toEqual([]);
    },
  );

  it.each([['2024-09-01'], ['2025-03-02']])(
    'AFIS-01 not engaged on %s (the day before, the day after)',
    (on) => {
      expect(afisEngagedInPsp(running(), on)).toEqual(refusal);
    },
  );

  it('AFIS-01 not engaged once rights ended, nor before any authorisation', () => {
    expect(afisEngagedInPsp(running({ rightsEndedOn: '2024-12-01' }), '2024-11-01')).toEqual(refusal);
    expect(afisEngagedInPsp(contextWith({ openedOn: '2024-07-01' }), '2024-11-01')).toEqual(refusal);
  });
});

describe('AFIS-03 nationality or a qualifying residence document (R.121-12-13-1 2°; L.411-1)', () => {
  const refusal = [
    {
      rule: 'AFIS-03',
      message:
        'no qualifying residence document (a first-application receipt or asylum certificate does not count)',
      missing: 'residenceDocument',
    },
  ];

  it.each([['french'], ['eu_eea_swiss']] as const)(
    'AFIS-03 a %s national needs no residence document',
    (nationalityCategory) => {
      expect(afisResidenceConditionMet(request({ nationalityCategory }), false)).toEqual([]);
    },
  );

  it.each([['l411_1_title'], ['renewal_receipt'], ['aps_with_work']] as const)(
    'AFIS-03 a third-country national with %s qualifies',
    (residenceDocument) => {
      expect(
        afisResidenceConditionMet(
          request({ nationalityCategory: 'third_country', residenceDocument }),
          false,
        ),
      ).toEqual([]);
    },
  );

  it.each([['none'], ['first_application_receipt'], ['asylum_seeker_certificate']] as const)(
    'AFIS-03 a third-country national with %s does not qualify',
    (residenceDocument) => {
      expect(
        afisResidenceConditionMet(
          request({ nationalityCategory: 'third_country', residenceDocument }),
          false,
        ),
      ).toEqual(refusal);
    },
  );

  it("AFIS-03 the case's own APS allowing work qualifies, whatever document the request names", () => {
    expect(
      afisResidenceConditionMet(
        request({ nationalityCategory: 'third_country', residenceDocument: 'none' }),
        true,
      ),
    ).toEqual([]);
  });
});

describe("AFIS-03 the case's own APS, valid and allowing work on the decision date", () => {
  const withAps = (workAllowed = true) =>
    running({ aps: { need: 'required', validFrom: '2024-10-01', validTo: '2025-03-31', workAllowed } });

  it.each([
    ['2024-10-01', true],
    ['2025-03-31', true],
    ['2024-09-30', false],
    ['2025-04-01', false],
  ] as const)('on %s the APS is valid: %s', (on, valid) => {
    expect(apsValidOn(withAps(), on)).toBe(valid);
  });

  it('an APS that does not allow work, or none issued, does not count', () => {
    expect(apsValidOn(withAps(false), '2024-12-01')).toBe(false);
    expect(apsValidOn(running(), '2024-12-01')).toBe(false);
    expect(apsValidOn(running({ aps: { validFrom: '2024-10-01', workAllowed: true } }), '2024-12-01')).toBe(
      false,
    );
    expect(apsValidOn(running({ aps: { validTo: '2025-03-31', workAllowed: true } }), '2024-12-01')).toBe(
      false,
    );
  });

  it("AFIS-03 a third-country national is eligible through the case's APS on its last valid day, not the day after", () => {
    const context = running({
      periods: [period('2024-09-02', '2025-03-01'), period('2025-03-02', '2025-09-01', 2)],
      aps: { need: 'required', validFrom: '2024-10-01', validTo: '2025-03-31', workAllowed: true },
    });
    const thirdCountry = request({
      nationalityCategory: 'third_country',
      residenceDocument: 'first_application_receipt',
    });
    expect(afisEligible(context, thirdCountry, facts('2025-03-31'))).toEqual([]);
    expect(afisEligible(context, thirdCountry, facts('2025-04-01')).map((v) => v.rule)).toEqual(['AFIS-03']);
  });
});

describe('AFIS-01..AFIS-05 eligibility on the decision date', () => {
  it('AFIS-06 no request on file', () => {
    expect(afisEligible(running(), undefined, facts())).toEqual([
      { rule: 'AFIS-06', message: 'no AFIS request is on file', missing: 'afisRequest' },
    ]);
  });

  it('all conditions met: eligible', () => {
    expect(afisEligible(running(), request(), facts())).toEqual([]);
  });

  it('AFIS-01 is checked: a decision after the period is refused', () => {
    expect(afisEligible(running(), request(), facts('2025-03-02')).map((v) => v.rule)).toEqual(['AFIS-01']);
  });

  it('AFIS-02 18 on the decision date is old enough, 17 is not', () => {
    expect(afisEligible(running(), request(), facts('2024-10-01', 18))).toEqual([]);
    expect(afisEligible(running(), request(), facts('2024-10-01', 17))).toEqual([
      { rule: 'AFIS-02', message: 'the person must be 18 or older on the decision date' },
    ]);
  });

  it('AFIS-04 resources one cent below the RSA lump sum in force on the request date qualify; equal to it, they do not', () => {
    const threshold = 63571; // 1 April 2024 to 31 March 2025; the request is dated 2024-09-10
    expect(
      afisEligible(running(), request({ previousMonthHouseholdResourcesCents: threshold - 1 }), facts()),
    ).toEqual([]);
    expect(
      afisEligible(running(), request({ previousMonthHouseholdResourcesCents: threshold }), facts()),
    ).toEqual([
      {
        rule: 'AFIS-04',
        message:
          'the household resources of the month before the request are not below the RSA single-person lump sum in force on 2024-09-10 (635.71 €)',
      },
    ]);
  });

  it('AFIS-04 / PD-5 the RSA amount in force on the request date applies (R.121-12-13-1 3°), not the decision date: requests of 31 March vs 1 April 2025', () => {
    const context = running({ periods: [period('2025-01-02', '2025-07-01')] });
    const on = (requestedOn: string) => request({ requestedOn, previousMonthHouseholdResourcesCents: 64000 });
    expect(afisEligible(context, on('2025-03-31'), facts('2025-04-15')).map((v) => v.rule)).toEqual([
      'AFIS-04',
    ]);
    expect(afisEligible(context, on('2025-04-01'), facts('2025-04-15'))).toEqual([]);
  });

  it('PD-5 with no RSA amount known on the request date (before the first value, 1 April 2017), the AFIS cannot be decided', () => {
    expect(afisEligible(running(), request({ requestedOn: '2017-03-31' }), facts())).toEqual([
      {
        rule: 'PD-5',
        message: 'no RSA single-person amount is known on the request date 2017-03-31',
        missing: 'rsaThreshold',
      },
    ]);
    expect(afisEligible(running(), request({ requestedOn: '2017-04-01' }), facts())).toEqual([]);
  });

  it('AFIS-05 the RSA or the ADA, received or claimable, excludes the AFIS', () => {
    expect(afisEligible(running(), request({ rsaReceivedOrClaimable: true }), facts())).toEqual([
      { rule: 'AFIS-05', message: 'the person receives or could claim the RSA' },
    ]);
    expect(afisEligible(running(), request({ adaReceivedOrClaimable: true }), facts())).toEqual([
      { rule: 'AFIS-05', message: 'the person receives or could claim the ADA' },
    ]);
  });

  it('PD-5 with no age of majority in force on the decision date, the error names the parameter', () => {
    const context = {
      ...running(),
      params: pspParameters({ ageOfMajority: [{ from: '2030-01-01', value: 18, source: 'test' }] }),
    };
    expect(() => afisEligible(context, request(), facts())).toThrow(
      'PD-5: no value of parameter "ageOfMajority" is in force on 2024-10-01',
    );
  });

  it('the age of majority is a dated parameter', () => {
    const at21 = {
      ...running(),
      params: pspParameters({ ageOfMajority: [{ from: '2016-04-15', value: 21, source: 'test' }] }),
    };
    expect(afisEligible(at21, request(), facts('2024-10-01', 20))).toEqual([
      { rule: 'AFIS-02', message: 'the person must be 21 or older on the decision date' },
    ]);
  });
});

describe('AFIS-06 / R.121-12-13-2 opinion and end of payment', () => {
  it('AFIS-06 the préfet decides after the commission opinion on the AFIS', () => {
    expect(afisOpinionOnFile(running())).toEqual([
      {
        rule: 'AFIS-06',
        message: 'the commission opinion (avis) on the AFIS is missing',
        missing: 'commissionOpinion',
      },
    ]);
    const opinion = {
      opinion: 'favourable' as const,
      recordedOn: '2024-09-20',
      sessionId: 'S-1',
      itemId: 'i-1',
    };
    expect(afisOpinionOnFile(running({ afis: { commissionOpinion: opinion } }))).toEqual([]);
  });

  it.each([
    ['2024-05-15', '2024-06-01'],
    ['2024-05-01', '2024-06-01'],
    ['2024-12-31', '2025-01-01'],
  ])('R.121-12-13-2 a decision on %s stops payment from %s', (decision, from) => {
    expect(afisEndsFrom(decision)).toBe(from);
  });
});

describe('D.541-2-1 the Mayotte scale and the text behind each amount', () => {
  it('D.541-2-1 in Mayotte (976) the Mayotte scale applies; elsewhere the national one', () => {
    expect(MAYOTTE).toBe('976');
    expect(afisAmount(0, '2024-10-01', params, MAYOTTE)).toBe(17160);
    expect(afisAmount(4, '2024-10-01', params, MAYOTTE)).toBe(33072 + 3328);
    expect(afisAmount(0, '2024-10-01', params, '974')).toBe(34320);
    expect(afisAmount(0, '2022-06-30', params, MAYOTTE)).toBe(16500);
  });

  it.each([
    ['2022-06-30', undefined, 'D.121-12-14, décret 2017-542'],
    ['2022-07-01', undefined, 'D.121-12-14, décret 2022-1340'],
    ['2017-04-15', undefined, 'D.121-12-14, décret 2017-542'],
    ['2022-06-30', MAYOTTE, 'CASF D.541-2-1, décret 2017-542'],
    ['2022-07-01', MAYOTTE, 'CASF D.541-2-1, décret 2022-1340'],
    ['2017-04-14', undefined, ''],
  ])('D.121-12-14 the scale in force on %s in %s is set by "%s"', (on, departement, source) => {
    expect(afisScaleBasis(on, params, departement)).toBe(source);
  });
});

describe('PD-5 / AFIS-04 a request is measured only on a date the tables cover', () => {
  it('PD-5 a request the day before the first RSA amount (1 April 2017) names the field and the table start', () => {
    expect(afisRequestDateCovered('2017-03-31', params)).toEqual([
      {
        rule: 'PD-5',
        message: 'no RSA single-person amount is known on the request date 2017-03-31 (the table starts on 2017-04-01)',
        missing: 'requestedOn',
      },
    ]);
  });

  it('PD-5 the table start is the earliest value, whatever the order of the table', () => {
    const reversed = pspParameters({ rsaSinglePersonCents: [...params.rsaSinglePersonCents].reverse() });
    expect(afisRequestDateCovered('2017-03-31', reversed)[0].message).toBe(
      'no RSA single-person amount is known on the request date 2017-03-31 (the table starts on 2017-04-01)',
    );
    const shuffled = pspParameters({
      rsaSinglePersonCents: [
        { from: '2020-04-01', to: '2020-12-31', value: 1, source: 'b' },
        { from: '2019-04-01', to: '2019-12-31', value: 1, source: 'a' },
        { from: '2021-04-01', value: 1, source: 'c' },
      ],
    });
    expect(afisRequestDateCovered('2019-01-01', shuffled)[0].message).toBe(
      'no RSA single-person amount is known on the request date 2019-01-01 (the table starts on 2019-04-01)',
    );
  });

  it('PD-5 with an empty RSA table, the message gives no table start', () => {
    expect(afisRequestDateCovered('2024-09-10', pspParameters({ rsaSinglePersonCents: [] }))).toEqual([
      {
        rule: 'PD-5',
        message: 'no RSA single-person amount is known on the request date 2024-09-10',
        missing: 'requestedOn',
      },
    ]);
  });

  it('PD-5 a request on 14 April 2017 (RSA known, AFIS not yet in force) is refused; 15 April 2017 is covered', () => {
    expect(afisRequestDateCovered('2017-04-14', params)).toEqual([
      {
        rule: 'PD-5',
        message:
          'no AFIS amount is in force on the request date 2017-04-14 (the AFIS exists from 15 April 2017, décret 2017-542)',
        missing: 'requestedOn',
      },
    ]);
    expect(afisRequestDateCovered('2017-04-15', params)).toEqual([]);
    expect(afisRequestDateCovered('2017-04-15', params, MAYOTTE)).toEqual([]);
  });

  it('PD-5 in Mayotte the Mayotte scale must be in force on the request date', () => {
    const noMayotte = pspParameters({
      afisAmountsMayotte: [{ ...params.afisAmountsMayotte[1], from: '2025-01-01' }],
    });
    expect(afisRequestDateCovered('2024-09-10', noMayotte, MAYOTTE).map((v) => v.rule)).toEqual(['PD-5']);
    expect(afisRequestDateCovered('2024-09-10', noMayotte)).toEqual([]);
  });
});

describe('AFIS-01 / F1 a request needs a case still open', () => {
  const closedRefusal = (how: string) => [
    { rule: 'AFIS-01', message: `the parcours is ${how}: the case takes no new AFIS request` },
  ];
  const decision = (kind: 'authorised' | 'refused' | 'renewed' | 'not_renewed') => ({
    kind,
    decisionDate: '2024-08-01',
  });

  it('T1 a case not opened takes no request', () => {
    expect(afisRequestAdmissible(contextWith(), request())).toEqual([
      { rule: 'T1', message: 'the case is not opened' },
    ]);
  });

  it('AFIS-01 an open, running case takes a request', () => {
    expect(afisRequestAdmissible(running({ decisions: [decision('authorised')] }), request())).toEqual([]);
    expect(afisRequestAdmissible(running(), request())).toEqual([]);
  });

  it.each([
    ['closed', { closure: { on: '2024-10-01', reason: 'death' as const } }],
    ['withdrawn', { withdrawnOn: '2024-10-01' }],
    ['completed', { completedOn: '2024-10-01' }],
    ['not renewed', { decisions: [decision('authorised'), decision('not_renewed')] }],
    ['refused', { periods: [], decisions: [decision('refused')] }],
  ])('AFIS-01 a parcours %s takes no new request', (how, over) => {
    expect(afisRequestAdmissible(running(over), request())).toEqual(closedRefusal(how));
  });

  it('AFIS-01 a refusal after periods (a lapsed parcours may resume) does not close the case', () => {
    expect(afisRequestAdmissible(running({ decisions: [decision('refused')] }), request())).toEqual([]);
  });

  it('AFIS-01 only the last decision counts: a not-renewed case resumed takes a request', () => {
    expect(
      afisRequestAdmissible(
        running({ decisions: [decision('not_renewed'), { kind: 'resumed', decisionDate: '2024-09-01' }] }),
        request(),
      ),
    ).toEqual([]);
  });

  it('AFIS-01 and PD-5 are both reported', () => {
    expect(
      afisRequestAdmissible(running({ withdrawnOn: '2024-10-01' }), request({ requestedOn: '2017-03-31' })).map(
        (v) => [v.rule, v.missing],
      ),
    ).toEqual([
      ['AFIS-01', undefined],
      ['PD-5', 'requestedOn'],
    ]);
  });

  it('PD-5 the request date is checked against the scale of the case\'s département', () => {
    const noMayotte = pspParameters({
      afisAmountsMayotte: [{ ...params.afisAmountsMayotte[1], from: '2025-01-01' }],
    });
    expect(
      afisRequestAdmissible(running({ params: noMayotte, departement: MAYOTTE }), request()).map((v) => v.rule),
    ).toEqual(['PD-5']);
  });
});

describe('T20 / R.121-12-13-2 the préfet ends the AFIS lawfully', () => {
  type Data = AfisEnded['data'];
  const ended = (over: Partial<Data> = {}): AfisEnded =>
    pspEvent('AfisEnded', {
      decisionDate: '2024-12-20',
      reason: 'breach',
      reasons: ['missed every appointment since September'],
      personInvitedToAnswerOn: '2024-12-01',
      ...over,
    });
  const rulesAndFields = (event: AfisEnded) =>
    afisEndDecisionLawful(running(), event).map((v) => [v.rule, v.missing]);

  it('T20 a breach, with written reasons, after the 15 days to answer: lawful', () => {
    expect(afisEndDecisionLawful(running(), ended())).toEqual([]);
    expect(afisEndDecisionLawful(running(), ended({ reason: 'conditions_lost' }))).toEqual([]);
  });

  it('T20 a schema 1 event is read as recorded', () => {
    expect(
      afisEndDecisionLawful(running(), { ...ended({ reason: 'other', reasons: [] }), schemaVersion: 1 }),
    ).toEqual([]);
  });

  it('T20 any other ground is refused (R.121-12-13-2)', () => {
    expect(afisEndDecisionLawful(running(), ended({ reason: 'other' }))).toEqual([
      {
        rule: 'T20',
        message: 'the préfet may end the AFIS only for a breach or conditions no longer met (R.121-12-13-2)',
      },
    ]);
  });

  it.each([[undefined], [[]], [['  ']], [['', ' \t']]])('T20 reasons %j are no written reasons', (reasons) => {
    expect(afisEndDecisionLawful(running(), ended({ reasons }))).toEqual([
      {
        rule: 'T20',
        message: "the préfet's decision to end the AFIS must give written reasons (CRPA L.211-2)",
        missing: 'reasons',
      },
    ]);
  });

  it('T20 one written reason among blank ones is enough; a non-string is not one', () => {
    expect(afisEndDecisionLawful(running(), ended({ reasons: [' ', 'breach of the CER'] }))).toEqual([]);
    expect(rulesAndFields(ended({ reasons: [42 as unknown as string] }))).toEqual([['T20', 'reasons']]);
  });

  it('T20 without an invitation to answer the préfet may not end the AFIS', () => {
    expect(afisEndDecisionLawful(running(), ended({ personInvitedToAnswerOn: undefined }))).toEqual([
      {
        rule: 'T20',
        message: 'the person must first be able to answer before the préfet ends the AFIS (CRPA L.121-1, L.122-1)',
        missing: 'personInvitedToAnswerOn',
      },
    ]);
  });

  it('T20 an invitation dated after the decision is refused; on the decision day with the answer the same day, lawful', () => {
    expect(afisEndDecisionLawful(running(), ended({ personInvitedToAnswerOn: '2024-12-21' }))).toEqual([
      {
        rule: 'T20',
        message: 'the invitation to answer must precede the decision',
        missing: 'personInvitedToAnswerOn',
      },
    ]);
    expect(
      afisEndDecisionLawful(
        running(),
        ended({ personInvitedToAnswerOn: '2024-12-20', answerReceivedOn: '2024-12-20' }),
      ),
    ).toEqual([]);
  });

  it('T20 the 15 days to answer: the decision on day 15 after the invitation is lawful, on day 14 it is not', () => {
    expect(afisEndDecisionLawful(running(), ended({ decisionDate: '2024-12-16' }))).toEqual([]);
    expect(afisEndDecisionLawful(running(), ended({ decisionDate: '2024-12-15' }))).toEqual([
      {
        rule: 'T20',
        message:
          'the person has 15 days from 2024-12-01 to answer before the préfet may end the AFIS (CRPA L.122-1)',
        missing: 'answerReceivedOn',
      },
    ]);
  });

  it('T20 the observation days are the parameter in force on the decision date', () => {
    const days10 = {
      ...running(),
      params: pspParameters({ observationDays: [{ from: '2016-04-15', value: 10, source: 'test' }] }),
    };
    expect(afisEndDecisionLawful(days10, ended({ decisionDate: '2024-12-11' }))).toEqual([]);
    expect(afisEndDecisionLawful(days10, ended({ decisionDate: '2024-12-10' }))[0].message).toBe(
      'the person has 10 days from 2024-12-01 to answer before the préfet may end the AFIS (CRPA L.122-1)',
    );
  });

  it('T20 an answer received between the invitation and the decision (both days included) allows an earlier decision', () => {
    const early = { decisionDate: '2024-12-10' };
    expect(rulesAndFields(ended({ ...early, answerReceivedOn: '2024-12-01' }))).toEqual([]);
    expect(rulesAndFields(ended({ ...early, answerReceivedOn: '2024-12-10' }))).toEqual([]);
    expect(rulesAndFields(ended({ ...early, answerReceivedOn: '2024-11-30' }))).toEqual([
      ['T20', 'answerReceivedOn'],
    ]);
    expect(rulesAndFields(ended({ ...early, answerReceivedOn: '2024-12-11' }))).toEqual([
      ['T20', 'answerReceivedOn'],
    ]);
    expect(rulesAndFields(ended(early))).toEqual([['T20', 'answerReceivedOn']]);
  });

  it('T20 every refusal at once, in order: the ground, the reasons, the answer', () => {
    expect(
      rulesAndFields(ended({ reason: 'other', reasons: [], personInvitedToAnswerOn: undefined })),
    ).toEqual([
      ['T20', undefined],
      ['T20', 'reasons'],
      ['T20', 'personInvitedToAnswerOn'],
    ]);
  });
});

describe('PD-5 a missing table value names its parameter', () => {
  it('PD-5 the Mayotte scale before 15 April 2017 names afisAmountsMayotte', () => {
    expect(() => afisAmount(0, '2017-04-14', params, MAYOTTE)).toThrow(
      'PD-5: no value of parameter "afisAmountsMayotte" is in force on 2017-04-14',
    );
  });

  it('PD-5 T20 with no observation days in force on the decision date, the error names observationDays', () => {
    const context = {
      ...running(),
      params: pspParameters({ observationDays: [{ from: '2030-01-01', value: 15, source: 'test' }] }),
    };
    const ended = pspEvent('AfisEnded', {
      decisionDate: '2024-12-20',
      reason: 'breach',
      reasons: ['breach'],
      personInvitedToAnswerOn: '2024-12-01',
    });
    expect(() => afisEndDecisionLawful(context, ended)).toThrow(
      'PD-5: no value of parameter "observationDays" is in force on 2024-12-20',
    );
  });
});

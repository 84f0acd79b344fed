import { AfisRequested } from '../events';
import { DEFAULT_PSP_PARAMETERS, pspParameters } from '../parameters';
import { contextWith, period } from '../testing/contexts';
import {
  afisAmount,
  afisEligible,
  afisEndsFrom,
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

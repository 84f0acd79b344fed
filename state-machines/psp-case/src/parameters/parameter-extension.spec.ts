import { afisAmount, afisSchedule } from '../rules';
import {
  DEFAULT_PSP_PARAMETERS,
  ParameterConfigError,
  deploymentParameters,
  extendParameters,
  parseParameterExtension,
  staleParameterWarnings,
  useDeploymentParameters,
} from '.';
import { foldCase } from '../fold';
import { pspEvent } from '../events';
import { activeCase, commissionOpinion } from '../testing/fixtures';

const rsa2026 = {
  from: '2026-04-01',
  value: 65165,
  source: 'L.262-2; RSA revaluation of 1 April 2026 (to check)',
};

const problemsOf = (run: () => unknown): readonly string[] => {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof ParameterConfigError) return error.problems;
    throw error;
  }
};

describe('PD-5: parameter tables extended through configuration', () => {
  afterEach(() => useDeploymentParameters(DEFAULT_PSP_PARAMETERS));

  it('PD-5: an extension adds a value after the last one and keeps the history', () => {
    const params = extendParameters(
      DEFAULT_PSP_PARAMETERS,
      parseParameterExtension({ series: { rsaSinglePersonCents: [rsa2026] } }),
    );
    const rsa = params.rsaSinglePersonCents;
    expect(rsa).toHaveLength(DEFAULT_PSP_PARAMETERS.rsaSinglePersonCents.length + 1);
    expect(rsa[rsa.length - 2]).toMatchObject({ from: '2025-04-01', to: '2026-03-31', value: 64652 });
    expect(rsa[rsa.length - 1]).toEqual(rsa2026);
    expect(rsa[0]).toEqual(DEFAULT_PSP_PARAMETERS.rsaSinglePersonCents[0]);
  });

  it('PD-5: a value that rewrites known history, a bad date, value or table is refused with every problem named', () => {
    expect(
      problemsOf(() =>
        extendParameters(
          DEFAULT_PSP_PARAMETERS,
          parseParameterExtension({ series: { rsaSinglePersonCents: [{ ...rsa2026, from: '2025-04-01' }] } }),
        ),
      ),
    ).toEqual([
      'rsaSinglePersonCents: a new value must start after the last known one (2025-04-01); known values are kept as they are',
    ]);
    expect(
      problemsOf(() =>
        parseParameterExtension({
          series: {
            rsaSinglePersonCents: [{ from: '2026-02-30', value: -1, source: '' }],
            periodMonths: [{ from: '2026-01-01', value: 3, source: 'x' }],
            afisAmounts: [{ from: '2026-01-01', value: { base: 1 }, source: 'x' }],
          },
        }),
      ),
    ).toEqual([
      'rsaSinglePersonCents[0].from must be a date YYYY-MM-DD',
      'rsaSinglePersonCents[0].source must name the text that sets the value',
      'rsaSinglePersonCents[0].value must be a whole number of cents',
      '"periodMonths" is not an extensible table (afisAmounts, afisAmountsMayotte, rsaSinglePersonCents)',
      'afisAmounts[0].value must be { base, withChildren: [1, 2, 3 children], perExtraChild } in cents',
    ]);
  });

  it('PD-5: a table past its usual revaluation date (the RSA each 1 April) raises a warning', () => {
    expect(staleParameterWarnings(DEFAULT_PSP_PARAMETERS, '2026-03-31')).toEqual([]);
    expect(staleParameterWarnings(DEFAULT_PSP_PARAMETERS, '2026-04-01')).toEqual([
      {
        rule: 'PD-5',
        message:
          'rsaSinglePersonCents: the last known value is from 2025-04-01; the revaluation of 2026-04-01 is missing (the RSA lump sum is revalued each 1 April (L.262-2, CSS L.161-25)): extend the table (PSP_PARAMETERS_FILE)',
      },
    ]);
    const extended = extendParameters(
      DEFAULT_PSP_PARAMETERS,
      parseParameterExtension({ series: { rsaSinglePersonCents: [rsa2026] } }),
    );
    expect(staleParameterWarnings(extended, '2026-12-04')).toEqual([]);
  });

  it('PD-5 / D.121-12-14: a configured AFIS rise reaches every running AFIS from its date, folded with the deployment table', () => {
    const rise = {
      from: '2026-01-01',
      value: { base: 64652, withChildren: [74000, 84000, 94000], perExtraChild: 10000 },
      source: 'hypothetical decree aligning the AFIS on the RSA',
    };
    useDeploymentParameters(
      extendParameters(DEFAULT_PSP_PARAMETERS, parseParameterExtension({ series: { afisAmounts: [rise] } })),
    );
    expect(afisAmount(0, '2026-01-01', deploymentParameters())).toBe(64652);
    const state = foldCase([
      ...activeCase('2025-09-01', '2025-09-02'),
      pspEvent('AfisRequested', {
        requestedOn: '2025-09-03',
        nationalityCategory: 'french',
        residenceDocument: 'none',
        previousMonthHouseholdResourcesCents: 0,
        rsaReceivedOrClaimable: false,
        adaReceivedOrClaimable: false,
        dependentChildren: 0,
      }),
      pspEvent('AfisInstructionStarted', { startedOn: '2025-09-04' }),
      pspEvent('AfisInstructionCompleted', { completedOn: '2025-09-10' }),
      commissionOpinion('afis', { recordedOn: '2025-09-20' }),
      pspEvent('AfisGranted', { decisionDate: '2025-10-01', ageOnDecisionDate: 30 }),
    ]);
    expect(afisSchedule(state.context).map((m) => [m.month, m.dueCents])).toEqual([
      ['2025-10', 34320],
      ['2025-11', 34320],
      ['2025-12', 34320],
      ['2026-01', 64652],
      ['2026-02', 64652],
    ]);
  });
});

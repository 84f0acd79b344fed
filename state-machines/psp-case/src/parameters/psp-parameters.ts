import { CalendarDate, DatedSeries, ParameterNotInForceError, valueOn } from '@psp/legal-kernel';

/** AFIS monthly lump sums in euro cents by number of dependent children (D.121-12-14). */
export interface AfisAmountScale {
  readonly base: number;
  /** Amounts for 1, 2 and 3 dependent children. */
  readonly withChildren: readonly [number, number, number];
  /** Added for each child beyond the third. */
  readonly perExtraChild: number;
}

/**
 * The date-effective parameter table of the PSP case (PD-5). Every duration, amount and threshold
 * is a dated series; a deployment may override any of them (PD-4 open questions included).
 */
export interface PspParameters {
  /** DUR-01: length of one authorisation period, in months (R.121-12-10). */
  readonly periodMonths: DatedSeries<number>;
  /** PSP-06 / PSP-07: cumulative cap of periods with rights, in months (R.121-12-10). */
  readonly cumulativeCapMonths: DatedSeries<number>;
  /** PD-4: days the person has to present observations before a non-renewal (R.121-12-10; CRPA L.122-1). */
  readonly observationDays: DatedSeries<number>;
  /** AFIS-02: age of majority ("over 18" read as 18 or older on the decision date, PD-4). */
  readonly ageOfMajority: DatedSeries<number>;
  /** D.121-12-14: AFIS amounts in cents. */
  readonly afisAmounts: DatedSeries<AfisAmountScale>;
  /** CASF D.541-2-1: the AFIS scale that replaces D.121-12-14 in Mayotte (département 976), in cents. */
  readonly afisAmountsMayotte: DatedSeries<AfisAmountScale>;
  /**
   * AFIS-04: RSA lump sum for a single person, in cents (L.262-2), from the AFIS's start (15 April
   * 2017). A date before the first value is refused with PD-5, never guessed.
   */
  readonly rsaSinglePersonCents: DatedSeries<number>;
  /** APS-01: minimum validity of the APS, in months (L.425-4). */
  readonly apsMinimumValidityMonths: DatedSeries<number>;
  /** APS-13: the date from which a signed CER is required (L.412-7; décret 2024-811). */
  readonly cerRequiredFrom: CalendarDate;
  /** APS-14 [I]: months after filing when silence may be read as an implicit refusal (R*432-1, R.432-2). */
  readonly apsSilenceMonths: DatedSeries<number>;
  /**
   * T17 / APS-12: months the foreigners' department has to decide the post-PSP residence review
   * opened when a foreign national's parcours completes (a product deadline: the law sets none).
   */
  readonly postPspReviewMonths: DatedSeries<number>;
  /** PSP-15: months to challenge a refusal after notification (CJA R.421-1). */
  readonly appealMonths: DatedSeries<number>;
  /**
   * DUR-05 (docs/adr/0009): how many days before its decision date a decision may take effect
   * (`effectiveFrom`). A product decision, not a legal figure: administrative acts are not retroactive
   * in principle; a short bound lets a favourable decision cover the days its signature took.
   */
  readonly maxBackdatingDays: DatedSeries<number>;
  /** DUR-05 / PD-4: what a period starts on when the decision states no date. */
  readonly periodStartDefault: 'decision_date' | 'notification_date';
}

const SINCE_2016 = '2016-04-15';

export const DEFAULT_PSP_PARAMETERS: PspParameters = {
  periodMonths: [{ from: SINCE_2016, value: 6, source: 'R.121-12-10 al. 3' }],
  cumulativeCapMonths: [{ from: SINCE_2016, value: 24, source: 'R.121-12-10 al. 3 and 4' }],
  observationDays: [{ from: SINCE_2016, value: 15, source: 'PD-4 default; CRPA L.122-1' }],
  ageOfMajority: [{ from: SINCE_2016, value: 18, source: 'R.121-12-13-1 1° (PD-4 reading: 18 or older)' }],
  afisAmounts: [
    {
      from: '2017-04-15',
      to: '2022-06-30',
      value: { base: 33000, withChildren: [43200, 53400, 63600], perExtraChild: 10200 },
      source: 'D.121-12-14, décret 2017-542',
    },
    {
      from: '2022-07-01',
      value: { base: 34320, withChildren: [44928, 55536, 66144], perExtraChild: 10608 },
      source: 'D.121-12-14, décret 2022-1340',
    },
  ],
  afisAmountsMayotte: [
    {
      from: '2017-04-15',
      to: '2022-06-30',
      value: { base: 16500, withChildren: [21600, 26700, 31800], perExtraChild: 3200 },
      source: 'CASF D.541-2-1, décret 2017-542',
    },
    {
      from: '2022-07-01',
      value: { base: 17160, withChildren: [22464, 27768, 33072], perExtraChild: 3328 },
      source: 'CASF D.541-2-1, décret 2022-1340',
    },
  ],
  rsaSinglePersonCents: [
    {
      from: '2017-04-01',
      to: '2018-03-31',
      value: 54548,
      source: 'L.262-2; RSA revaluation of 1 April 2017',
    },
    {
      from: '2018-04-01',
      to: '2019-03-31',
      value: 55093,
      source: 'L.262-2; RSA revaluation of 1 April 2018',
    },
    {
      from: '2019-04-01',
      to: '2020-03-31',
      value: 55974,
      source: 'L.262-2; RSA revaluation of 1 April 2019',
    },
    {
      from: '2020-04-01',
      to: '2021-03-31',
      value: 56478,
      source: 'L.262-2; RSA revaluation of 1 April 2020',
    },
    {
      from: '2021-04-01',
      to: '2022-03-31',
      value: 56534,
      source: 'L.262-2; RSA revaluation of 1 April 2021',
    },
    {
      from: '2022-04-01',
      to: '2022-06-30',
      value: 57552,
      source: 'L.262-2; RSA revaluation of 1 April 2022',
    },
    {
      from: '2022-07-01',
      to: '2023-03-31',
      value: 59854,
      source: 'L.262-2; RSA exceptional revaluation of 1 July 2022 (loi 2022-1158)',
    },
    {
      from: '2023-04-01',
      to: '2024-03-31',
      value: 60775,
      source: 'L.262-2; RSA revaluation of 1 April 2023',
    },
    {
      from: '2024-04-01',
      to: '2025-03-31',
      value: 63571,
      source: 'L.262-2; RSA revaluation of 1 April 2024',
    },
    { from: '2025-04-01', value: 64652, source: 'L.262-2; RSA revaluation of 1 April 2025' },
  ],
  apsMinimumValidityMonths: [{ from: SINCE_2016, value: 6, source: 'CESEDA L.425-4 (formerly L.316-1-1)' }],
  cerRequiredFrom: '2024-07-17',
  apsSilenceMonths: [{ from: SINCE_2016, value: 4, source: 'CESEDA R*432-1, R.432-2 [I]' }],
  appealMonths: [{ from: SINCE_2016, value: 2, source: 'CJA R.421-1' }],
  postPspReviewMonths: [
    { from: SINCE_2016, value: 2, source: 'product decision: instruction 2022 §2.3 sets no time limit' },
  ],
  maxBackdatingDays: [
    { from: SINCE_2016, value: 30, source: 'product decision (docs/adr/0009); no legal figure' },
  ],
  periodStartDefault: 'decision_date',
};

/** The default table, with a deployment's overrides (a whole series replaces the default one). */
export function pspParameters(overrides: Partial<PspParameters> = {}): PspParameters {
  return { ...DEFAULT_PSP_PARAMETERS, ...overrides };
}

/** The value of a numeric series on a date, or `undefined` when the table has no value then. */
export function parameterOn<T>(name: string, series: DatedSeries<T>, on: CalendarDate): T | undefined {
  try {
    return valueOn(name, series, on);
  } catch (error) {
    if (error instanceof ParameterNotInForceError) return undefined;
    throw error;
  }
}

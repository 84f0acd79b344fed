import { CalendarDate, DatedSeries, valueOn } from '@psp/legal-kernel';

/** AGR-01: the statutory activities that make an association eligible (R.121-12-1). */
export type StatutoryPurpose =
  'prostitution_support' | 'trafficking_victims' | 'women_victims_of_violence' | 'people_in_difficulty';

/** AGR-10: items of the agrément file (arrêté of 4 November 2016, partial list [S]). */
export type FileItemCode =
  | 'signed_request'
  | 'general_assembly_resolution'
  | 'means_and_partner_network'
  | 'staff_training_evidence'
  | 'registration_number';

/**
 * The date-effective parameter table of the agrément (PD-5). Every duration and list is a dated
 * series; a deployment may override any of them.
 */
export interface AgrementParameters {
  /** AGR-01: years the association must have been regularly declared (R.121-12-1). */
  readonly minimumDeclaredYears: DatedSeries<number>;
  /** AGR-01: statutory purposes that make an association eligible (R.121-12-1). */
  readonly eligiblePurposes: DatedSeries<readonly StatutoryPurpose[]>;
  /** AGR-04: months after receipt within which missing documents may be requested (R.121-12-3). */
  readonly completenessRequestMonths: DatedSeries<number>;
  /** AGR-05: months of silence after the complete file that grant the agrément (R.121-12-3). */
  readonly silenceMonths: DatedSeries<number>;
  /** AGR-06 / AGR-07: length of an agrément or of a renewal, in years (R.121-12-3, R.121-12-4). */
  readonly agrementYears: DatedSeries<number>;
  /** Indicator 7.3 item 9: months before expiry when the agrément counts as "expiring soon". */
  readonly expiryWarningMonths: DatedSeries<number>;
  /** AGR-08 [I]: days the association has to present observations before a withdrawal (CRPA L.122-1). */
  readonly withdrawalObservationDays: DatedSeries<number>;
  /** AGR-10: items the file must hold (arrêté of 4 Nov 2016, partial [S]). */
  readonly requiredFileItems: DatedSeries<readonly FileItemCode[]>;
}

/** Décret n° 2016-1467 creates R.121-12-1 to R.121-12-5. */
const SINCE_2016 = '2016-10-31';

export const DEFAULT_AGREMENT_PARAMETERS: AgrementParameters = {
  minimumDeclaredYears: [{ from: SINCE_2016, value: 3, source: 'R.121-12-1' }],
  eligiblePurposes: [
    {
      from: SINCE_2016,
      value: [
        'prostitution_support',
        'trafficking_victims',
        'women_victims_of_violence',
        'people_in_difficulty',
      ],
      source: 'R.121-12-1',
    },
  ],
  completenessRequestMonths: [{ from: SINCE_2016, value: 2, source: 'R.121-12-3' }],
  silenceMonths: [{ from: SINCE_2016, value: 4, source: 'R.121-12-3' }],
  agrementYears: [{ from: SINCE_2016, value: 3, source: 'R.121-12-3; R.121-12-4' }],
  expiryWarningMonths: [{ from: SINCE_2016, value: 6, source: 'psp-rules 7.3 item 9 [I]' }],
  withdrawalObservationDays: [
    { from: SINCE_2016, value: 15, source: 'CRPA L.122-1 [I: deployment default]' },
  ],
  requiredFileItems: [
    {
      from: SINCE_2016,
      value: [
        'signed_request',
        'general_assembly_resolution',
        'means_and_partner_network',
        'staff_training_evidence',
        'registration_number',
      ],
      source: 'arrêté of 4 Nov 2016 (partial, FAS summary [S])',
    },
  ],
};

/** The default table with a deployment's overrides (a whole series replaces the default one). */
export function agrementParameters(overrides: Partial<AgrementParameters> = {}): AgrementParameters {
  return { ...DEFAULT_AGREMENT_PARAMETERS, ...overrides };
}

/** Reads one parameter on a date; a gap in the table throws (a configuration error, PD-5). */
export function agrementParameterOn<K extends keyof AgrementParameters>(
  parameters: AgrementParameters,
  name: K,
  on: CalendarDate,
): AgrementParameters[K][number]['value'] {
  return valueOn(name, parameters[name] as DatedSeries<AgrementParameters[K][number]['value']>, on);
}

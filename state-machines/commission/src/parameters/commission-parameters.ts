import { CalendarDate, DatedSeries, valueOn } from '@psp/legal-kernel';

/** Member categories of R.121-12-7 (1° to 11°) and the 2025 additions; codes are stable, labels are dated. */
export type MemberCategory =
  | 'judge'
  | 'social_cohesion_service'
  | 'national_police_departmental'
  | 'national_police_zonal'
  | 'gendarmerie'
  | 'prefecture_foreigners_department'
  | 'labour_service'
  | 'education_services'
  | 'doctor'
  | 'local_authority'
  | 'approved_association'
  | 'child_protection'
  | 'departmental_council_president';

export interface CategoryDefinition {
  readonly code: MemberCategory;
  /** The item of R.121-12-7 (`1°`…`11°`) or the text that added it. */
  readonly item: string;
  readonly label: string;
  /** COM-01: categories 1°, 9°, 10°, 11° are designated by the préfet's order; the others sit ex officio. */
  readonly designation: 'order' | 'ex_officio';
  /** ACL-03: false for members who never attend individual PSP files. */
  readonly individualCaseAccess: boolean;
}

/** R.133-10: the share of members that must be present or represented. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** COM-05: the level of the approved association that trains members (instruction 2022 §1.3; AGR-11). */
export type TrainerLevel = 'national' | 'regional' | 'departmental';

/** The date-effective parameter table of the commission (PD-5). */
export interface CommissionParameters {
  /** COM-01: the R.121-12-7 member categories in force (and the 2025 decree's additions). */
  readonly memberCategories: DatedSeries<readonly CategoryDefinition[]>;
  /** COM-02: term of office in years (R.121-12-7). */
  readonly termYears: DatedSeries<number>;
  /** COM-03: départements chaired jointly by the préfet and the préfet de police (R.121-12-7). */
  readonly jointChairDepartements: DatedSeries<readonly string[]>;
  /** COM-05: levels of approved association that may train members (instruction 2022 §1.3). */
  readonly trainerLevels: DatedSeries<readonly TrainerLevel[]>;
  /** COM-06: minimum number of policy meetings a year (R.121-12-8; decree of 30 Dec 2025 [S]). */
  readonly meetingsPerYearMinimum: DatedSeries<number>;
  /** COM-07: days of notice before a meeting, except in urgency (CRPA R.133-8). */
  readonly noticeDays: DatedSeries<number>;
  /** COM-07: quorum as a share of the members entitled to sit (CRPA R.133-10). */
  readonly quorumFraction: DatedSeries<Fraction>;
  /** COM-07: proxies one member may hold (CRPA R.133-9). */
  readonly maxProxiesPerMember: DatedSeries<number>;
}

const SINCE_2016 = '2016-10-31';

const category = (
  code: MemberCategory,
  item: string,
  label: string,
  designation: CategoryDefinition['designation'],
  individualCaseAccess = true,
): CategoryDefinition => ({ code, item, label, designation, individualCaseAccess });

const JUDGE = category('judge', '1°', 'judge of a court of the département, or honorary judge', 'order');
const GENDARMERIE = category(
  'gendarmerie',
  '5°',
  'commander of the departmental gendarmerie group',
  'ex_officio',
);
const FOREIGNERS = category(
  'prefecture_foreigners_department',
  '6°',
  "head of the préfecture's foreigners' department",
  'ex_officio',
);
const EDUCATION = category(
  'education_services',
  '8°',
  'director of national education services (DASEN)',
  'ex_officio',
);
const DOCTOR = category('doctor', '9°', 'doctor named by the departmental medical council', 'order');
const LOCAL = category(
  'local_authority',
  '10°',
  'representative of local authorities and their EPCI',
  'order',
);
const ASSOCIATION = category(
  'approved_association',
  '11°',
  'representative of an approved association',
  'order',
);

const CATEGORIES_2016 = [
  JUDGE,
  category('social_cohesion_service', '2°', 'DDCS director', 'ex_officio'),
  category(
    'national_police_departmental',
    '3°',
    'departmental director of public security (DDSP)',
    'ex_officio',
  ),
  category(
    'national_police_zonal',
    '4°',
    'interregional or regional director of the judicial police',
    'ex_officio',
  ),
  GENDARMERIE,
  FOREIGNERS,
  category('labour_service', '7°', 'director of the DIRECCTE departmental unit', 'ex_officio'),
  EDUCATION,
  DOCTOR,
  LOCAL,
  ASSOCIATION,
];

const CATEGORIES_2021 = CATEGORIES_2016.map((definition) => {
  if (definition.code === 'social_cohesion_service')
    return { ...definition, label: 'DDETS (social cohesion, integration, housing)' };
  if (definition.code === 'labour_service')
    return { ...definition, label: 'DDETS (work integration and labour)' };
  if (definition.code === 'national_police_zonal')
    return { ...definition, label: 'zonal or regional director of the judicial police' };
  return definition;
});

const CATEGORIES_2023 = CATEGORIES_2021.map((definition) => {
  if (definition.code === 'national_police_departmental')
    return { ...definition, label: 'departmental or interdepartmental director of the national police' };
  if (definition.code === 'national_police_zonal')
    return { ...definition, label: 'zonal director of the national police' };
  return definition;
});

const CATEGORIES_2025 = [
  ...CATEGORIES_2023,
  category('child_protection', '2025', 'child-protection body or association', 'order', false),
  category(
    'departmental_council_president',
    '2025',
    'président du conseil départemental',
    'ex_officio',
    false,
  ),
];

export const DEFAULT_COMMISSION_PARAMETERS: CommissionParameters = {
  memberCategories: [
    { from: SINCE_2016, to: '2020-12-31', value: CATEGORIES_2016, source: 'R.121-12-7, décret 2016-1467' },
    {
      from: '2021-01-01',
      to: '2023-11-30',
      value: CATEGORIES_2021,
      source: 'R.121-12-7, décret 2020-1776; 2020-1545',
    },
    { from: '2023-12-01', to: '2025-12-29', value: CATEGORIES_2023, source: 'R.121-12-7, décret 2023-1013' },
    { from: '2025-12-30', value: CATEGORIES_2025, source: 'decree of 30 Dec 2025 [S]' },
  ],
  termYears: [{ from: SINCE_2016, value: 3, source: 'R.121-12-7' }],
  jointChairDepartements: [{ from: SINCE_2016, value: ['75', '13'], source: 'R.121-12-7' }],
  trainerLevels: [
    { from: SINCE_2016, value: ['national', 'regional', 'departmental'], source: 'instruction 2022 §1.3' },
  ],
  meetingsPerYearMinimum: [
    { from: SINCE_2016, to: '2025-12-29', value: 1, source: 'R.121-12-8' },
    { from: '2025-12-30', value: 2, source: 'decree of 30 Dec 2025 [S]' },
  ],
  noticeDays: [{ from: SINCE_2016, value: 5, source: 'CRPA R.133-8' }],
  quorumFraction: [{ from: SINCE_2016, value: { numerator: 1, denominator: 2 }, source: 'CRPA R.133-10' }],
  maxProxiesPerMember: [{ from: SINCE_2016, value: 1, source: 'CRPA R.133-9' }],
};

export function commissionParameters(overrides: Partial<CommissionParameters> = {}): CommissionParameters {
  return { ...DEFAULT_COMMISSION_PARAMETERS, ...overrides };
}

export function commissionParameterOn<K extends keyof CommissionParameters>(
  parameters: CommissionParameters,
  name: K,
  on: CalendarDate,
): CommissionParameters[K][number]['value'] {
  return valueOn(name, parameters[name] as DatedSeries<CommissionParameters[K][number]['value']>, on);
}

/** COM-01: the definition of a category on a date, or undefined when it is not in the list then. */
export function categoryOn(
  parameters: CommissionParameters,
  code: MemberCategory,
  on: CalendarDate,
): CategoryDefinition | undefined {
  return commissionParameterOn(parameters, 'memberCategories', on).find(
    (definition) => definition.code === code,
  );
}

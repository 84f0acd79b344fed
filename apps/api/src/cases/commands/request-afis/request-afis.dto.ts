import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const NATIONALITY_CATEGORIES = ['french', 'eu_eea_swiss', 'third_country'] as const;

const RESIDENCE_DOCUMENTS = [
  'none',
  'l411_1_title',
  'renewal_receipt',
  'aps_with_work',
  'first_application_receipt',
  'asylum_seeker_certificate',
] as const;

/** F1: the AFIS request with the facts of R.121-12-13-1, no personal identifiers (AfisRequested; AFIS-03..05). */
export class RequestAfisDto {
  @IsCalendarDate()
  requestedOn!: string;

  /** AFIS-03: French, EU/EEA/Swiss national, or third-country national. */
  @IsIn(NATIONALITY_CATEGORIES)
  nationalityCategory!: (typeof NATIONALITY_CATEGORIES)[number];

  /** AFIS-03 (CESEDA L.411-1): a first-application receipt (récépissé de première demande) does not qualify. */
  @IsIn(RESIDENCE_DOCUMENTS)
  residenceDocument!: (typeof RESIDENCE_DOCUMENTS)[number];

  /** AFIS-04: household resources of the month before the request, in euro cents. */
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  previousMonthHouseholdResourcesCents!: number;

  /** AFIS-05: receives or could claim the RSA. */
  @IsBoolean()
  rsaReceivedOrClaimable!: boolean;

  /** AFIS-05: receives or could claim the ADA (allocation pour demandeur d'asile). */
  @IsBoolean()
  adaReceivedOrClaimable!: boolean;

  /** D.121-12-14: dependent children (enfants à charge, CSS L.512-3); the amount depends on them. */
  @IsInt()
  @Min(0)
  @Max(20)
  dependentChildren!: number;
}

/** A 22-year-old French woman (under 25, no RSA) with 300 € of resources last month. */
export const requestAfis = body(RequestAfisDto, {
  requestedOn: '2024-04-03',
  nationalityCategory: 'french',
  residenceDocument: 'none',
  previousMonthHouseholdResourcesCents: 30000,
  rsaReceivedOrClaimable: false,
  adaReceivedOrClaimable: false,
  dependentChildren: 0,
});

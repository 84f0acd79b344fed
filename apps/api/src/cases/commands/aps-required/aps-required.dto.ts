import { IsBoolean } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** APS-01: the person needs the L.425-4 residence permit (ApsRequired). */
export class ApsRequiredDto {
  @IsCalendarDate()
  determinedOn!: string;

  /** APS-09: an asylum claim is pending (no APS meanwhile). */
  @IsBoolean()
  asylumClaimPending!: boolean;
}

export const apsRequired = body(ApsRequiredDto, { determinedOn: '2024-03-15', asylumClaimPending: false });

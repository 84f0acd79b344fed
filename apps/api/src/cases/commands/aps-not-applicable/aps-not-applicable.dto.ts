import { IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** APS-01: no residence permit is needed (ApsNotApplicable; section 3.2). */
export class ApsNotApplicableDto {
  @IsCalendarDate()
  determinedOn!: string;

  /** French, EU/EEA/Swiss national, or holder of another residence title. */
  @IsIn(['french', 'eu_eea_swiss', 'other_residence_title'])
  reason!: 'french' | 'eu_eea_swiss' | 'other_residence_title';
}

export const apsNotApplicable = body(ApsNotApplicableDto, {
  determinedOn: '2024-03-15',
  reason: 'eu_eea_swiss',
});

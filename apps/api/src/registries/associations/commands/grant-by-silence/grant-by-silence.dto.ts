import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** AGR-05 (scheduler): 4 months of silence on the complete file (AgrementGrantedBySilence). */
export class GrantBySilenceDto {
  @IsCalendarDate()
  on!: string;
}

export const grantBySilence = body(GrantBySilenceDto, { on: '2023-07-01' });

import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** AGR-04 (scheduler): no request for documents within 2 months (FileDeemedComplete). */
export class DeemFileCompleteDto {
  @IsCalendarDate()
  on!: string;
}

export const deemFileComplete = body(DeemFileCompleteDto, { on: '2023-05-02' });

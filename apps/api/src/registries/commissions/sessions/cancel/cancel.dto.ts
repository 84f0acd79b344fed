import { IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** COM-07: the session is cancelled, with the reason (SessionCancelled). */
export class CancelSessionDto {
  @IsCalendarDate()
  cancelledOn!: string;

  @IsString()
  @MaxLength(300)
  reason!: string;
}

export const cancelSession = body(CancelSessionDto, {
  cancelledOn: '2024-02-08',
  reason: 'chair unavailable',
});

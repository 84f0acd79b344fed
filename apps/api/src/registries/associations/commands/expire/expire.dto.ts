import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** AGR-06 (scheduler): the term ended without renewal (AgrementExpired), the day after validTo. */
export class ExpireDto {
  @IsCalendarDate()
  on!: string;
}

export const expire = body(ExpireDto, { on: '2026-05-15' });

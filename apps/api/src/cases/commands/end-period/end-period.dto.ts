import { IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T14: a period ended with no renewal decision (PeriodEnded; PD-4, scheduler). */
export class EndPeriodDto {
  /** The current period, counted from 1 (DUR-03: at most 4 without interruption). */
  @IsInt()
  @Min(1)
  @Max(24)
  periodIndex!: number;

  @IsCalendarDate()
  endedOn!: string;
}

export const endPeriod = body(EndPeriodDto, { periodIndex: 1, endedOn: '2024-09-09' });

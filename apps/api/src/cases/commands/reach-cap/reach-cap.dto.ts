import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T17: the 24-month cumulative cap is reached (CapReached; PSP-06, PSP-07, scheduler). */
export class ReachCapDto {
  @IsCalendarDate()
  reachedOn!: string;
}

export const reachCap = body(ReachCapDto, { reachedOn: '2024-11-30' });

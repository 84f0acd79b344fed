import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** APS-05: the APS reached its end of validity without renewal (ApsExpired; scheduler). */
export class ExpireApsDto {
  /** The first day after the last day of validity. */
  @IsCalendarDate()
  expiredOn!: string;
}

export const expireAps = body(ExpireApsDto, { expiredOn: '2024-10-25' });

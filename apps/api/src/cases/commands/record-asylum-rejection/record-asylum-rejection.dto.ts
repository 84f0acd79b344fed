import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** APS-09: international protection was finally refused (AsylumFinallyRejected). */
export class RecordAsylumRejectionDto {
  @IsCalendarDate()
  rejectedOn!: string;
}

export const recordAsylumRejection = body(RecordAsylumRejectionDto, { rejectedOn: '2024-06-12' });

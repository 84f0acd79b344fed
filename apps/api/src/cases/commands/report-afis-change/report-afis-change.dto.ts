import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** F7: a change of situation is reported (AfisChangeReported; D.121-12-17). */
export class ReportAfisChangeDto {
  @IsCalendarDate()
  reportedOn!: string;
}

export const reportAfisChange = body(ReportAfisChangeDto, { reportedOn: '2024-08-05' });

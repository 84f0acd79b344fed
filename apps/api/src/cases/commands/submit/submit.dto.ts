import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T3: the file goes to the préfecture (DDETS) for the commission's agenda (SubmittedToPrefecture). */
export class SubmitDto {
  @IsCalendarDate()
  submittedOn!: string;
}

export const submit = body(SubmitDto, { submittedOn: '2024-02-05' });

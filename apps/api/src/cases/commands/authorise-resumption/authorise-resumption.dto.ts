import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T16: the préfet authorises resumption within the remaining budget (ResumptionAuthorised; PSP-07). */
export class AuthoriseResumptionDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  /** DUR-05: the new period starts on this date; by default the decision date (PD-4). */
  @IsOptional()
  @IsCalendarDate()
  effectiveFrom?: string;

  @IsCalendarDate()
  notifiedOn!: string;
}

export const authoriseResumption = body(AuthoriseResumptionDto, {
  decisionDate: '2024-07-22',
  effectiveFrom: '2024-07-22',
  notifiedOn: '2024-07-24',
});

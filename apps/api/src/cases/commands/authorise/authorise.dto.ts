import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T5: the préfet authorises entry (PrefectAuthorised). */
export class AuthoriseDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  /** DUR-05: the first period starts on this date; by default the decision date (PD-4). */
  @IsOptional()
  @IsCalendarDate()
  effectiveFrom?: string;
}

export const authorise = body(AuthoriseDto, { decisionDate: '2024-03-10', effectiveFrom: '2024-03-10' });

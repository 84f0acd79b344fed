import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T19: a judgment grants the authorisation (CourtOrderedAuthorisation; PSP-14, CE 440802). */
export class RecordCourtOrderDto {
  @IsCalendarDate()
  judgmentDate!: string;

  /** PSP-14: the court that ruled (tribunal administratif, cour administrative d'appel, Conseil d'État). */
  @IsString()
  @MaxLength(150)
  court!: string;

  /** DUR-05: the period starts on this date; by default the judgment date. */
  @IsOptional()
  @IsCalendarDate()
  effectiveFrom?: string;
}

export const recordCourtOrder = body(RecordCourtOrderDto, {
  judgmentDate: '2024-10-08',
  court: 'Tribunal administratif de Lyon',
  effectiveFrom: '2024-10-08',
});

import { IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T20/F8: the préfet ends the AFIS from the following month (AfisEnded; R.121-12-13-2). */
export class EndAfisDto {
  /** Date of the préfet's decision; payment stops from the month after. */
  @IsCalendarDate()
  decisionDate!: string;

  /** A breach of the commitments, or AFIS-01..AFIS-05 no longer met. */
  @IsIn(['breach', 'conditions_lost', 'other'])
  reason!: 'breach' | 'conditions_lost' | 'other';
}

export const endAfis = body(EndAfisDto, { decisionDate: '2024-10-21', reason: 'conditions_lost' });

import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { IsShortStatements } from '../command-fields';

/**
 * T20/F8: only the préfet ends the AFIS, from the following month (AfisEnded; R.121-12-13-2), with
 * written reasons (CRPA L.211-2) after the person could answer (CRPA L.121-1, L.122-1). A missing
 * reason or answer step is refused by the machine, naming T20.
 */
export class EndAfisDto {
  /** Date of the préfet's decision; payment stops from the month after. */
  @IsCalendarDate()
  decisionDate!: string;

  /** A breach of the commitments, or AFIS-01..AFIS-05 no longer met. */
  @IsIn(['breach', 'conditions_lost'])
  reason!: 'breach' | 'conditions_lost';

  /** The written reasons of the decision (sealed with the person's key). */
  @IsOptional()
  @IsShortStatements()
  reasons?: string[];

  /** When the person was invited to present observations (the observation days then run). */
  @IsOptional()
  @IsCalendarDate()
  personInvitedToAnswerOn?: string;

  /** When the person's answer came, if it did. */
  @IsOptional()
  @IsCalendarDate()
  answerReceivedOn?: string;
}

export const endAfis = body(EndAfisDto, {
  decisionDate: '2024-10-21',
  reason: 'conditions_lost',
  reasons: ['AFIS-04: the household resources now exceed the RSA single-person lump sum'],
  personInvitedToAnswerOn: '2024-10-01',
  answerReceivedOn: '2024-10-10',
});

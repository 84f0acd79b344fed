import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { IsShortStatements } from '../command-fields';

/** T6: the préfet refuses entry or a resumption, with reasons (PrefectRefused; PSP-15). */
export class RefuseDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  /** PSP-15: the 2-month appeal period runs from the notification. */
  @IsOptional()
  @IsCalendarDate()
  notifiedOn?: string;

  /** PSP-15 (CRPA L.211-2): the reasons (motivation) of the refusal. */
  @IsShortStatements()
  reasons!: string[];
}

export const refuse = body(RefuseDto, {
  decisionDate: '2024-03-10',
  notifiedOn: '2024-03-14',
  reasons: ['The person withdrew from the actions planned in the parcours document before the decision'],
});

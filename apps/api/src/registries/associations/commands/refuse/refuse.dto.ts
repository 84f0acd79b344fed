import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsShortStatements } from '../../../../cases/commands/command-fields';

/** AGR-06: the head-office préfet refuses, with reasons (AgrementRefused). */
export class RefuseDto {
  @IsCalendarDate()
  decidedOn!: string;

  @IsShortStatements()
  reasons!: string[];
}

export const refuse = body(RefuseDto, {
  decidedOn: '2023-05-15',
  reasons: ['AGR-01: declared for less than 3 years'],
});

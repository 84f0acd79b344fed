import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsShortStatements } from '../../../../cases/commands/command-fields';

/** AGR-07: the renewal is refused, with reasons (AgrementRenewalRefused). */
export class RefuseRenewalDto {
  @IsCalendarDate()
  decidedOn!: string;

  @IsShortStatements()
  reasons!: string[];
}

export const refuseRenewal = body(RefuseRenewalDto, {
  decidedOn: '2026-02-01',
  reasons: ['AGR-02: no training actions for staff in the last term'],
});

import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** AGR-08: the préfet drops the withdrawal (WithdrawalAbandoned). */
export class AbandonWithdrawalDto {
  @IsCalendarDate()
  decidedOn!: string;
}

export const abandonWithdrawal = body(AbandonWithdrawalDto, { decidedOn: '2024-09-20' });

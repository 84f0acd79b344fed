import { ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { WITHDRAWAL_GROUNDS, WithdrawalGround } from '@psp/association';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** AGR-08: the agrément is withdrawn after the adversarial step (AgrementWithdrawn). */
export class WithdrawDto {
  @IsCalendarDate()
  decidedOn!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WITHDRAWAL_GROUNDS, { each: true })
  grounds!: WithdrawalGround[];
}

export const withdraw = body(WithdrawDto, { decidedOn: '2024-09-30', grounds: ['annual_reports_not_sent'] });

import { ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { WITHDRAWAL_GROUNDS, WithdrawalGround } from '@psp/association';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** AGR-08: the adversarial step opens (WithdrawalProposed); the proposing département is the token's. */
export class ProposeWithdrawalDto {
  @IsCalendarDate()
  proposedOn!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WITHDRAWAL_GROUNDS, { each: true })
  grounds!: WithdrawalGround[];
}

export const proposeWithdrawal = body(ProposeWithdrawalDto, {
  proposedOn: '2024-09-01',
  grounds: ['annual_reports_not_sent'],
});

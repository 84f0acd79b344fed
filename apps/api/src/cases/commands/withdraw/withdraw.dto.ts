import { IsBoolean, IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** PD-1: the person withdrew their agreement, recorded by the association (Withdrawn; never a sanction). */
export class WithdrawDto {
  @IsCalendarDate()
  withdrawnOn!: string;

  /** Only the association records a withdrawal. */
  @IsIn(['association'])
  recordedBy!: 'association';

  /** The withdrawal comes from the person (retrait de l'accord). */
  @IsBoolean()
  byPerson!: boolean;
}

export const withdraw = body(WithdrawDto, {
  withdrawnOn: '2024-04-18',
  recordedBy: 'association',
  byPerson: true,
});

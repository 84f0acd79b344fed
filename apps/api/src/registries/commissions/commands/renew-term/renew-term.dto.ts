import { ChairRole } from '@psp/commission';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';
import { IsSignatories } from '../commission-fields';

/** COM-02: a member's term renewed for 3 years (MemberTermRenewed). */
export class RenewTermDto {
  @IsRecordId()
  memberId!: string;

  @IsCalendarDate()
  orderedOn!: string;

  @IsSignatories()
  signatories!: ChairRole[];
}

export const renewTerm = body(RenewTermDto, {
  memberId: 'member-judge-69',
  orderedOn: '2026-05-01',
  signatories: ['prefet'],
});

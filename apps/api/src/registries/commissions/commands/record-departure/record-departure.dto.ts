import { IsIn } from 'class-validator';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';

const REASONS = ['resigned', 'lost_office', 'deceased', 'other'] as const;

/** COM-02: a member left before the end of the term (MemberLeft). */
export class RecordDepartureDto {
  @IsRecordId()
  memberId!: string;

  @IsCalendarDate()
  leftOn!: string;

  @IsIn(REASONS)
  reason!: (typeof REASONS)[number];
}

export const recordDeparture = body(RecordDepartureDto, {
  memberId: 'member-judge-69',
  leftOn: '2024-06-30',
  reason: 'resigned',
});

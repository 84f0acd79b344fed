import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';

/** ACL-02 (CRPA R.133-12): a member declared a personal interest in an item (InterestDeclared). */
export class DeclareInterestDto {
  @IsRecordId()
  memberId!: string;

  @IsRecordId()
  itemId!: string;

  @IsCalendarDate()
  declaredOn!: string;
}

export const declareInterest = body(DeclareInterestDto, {
  memberId: 'member-doctor-69',
  itemId: 'item-entry-1',
  declaredOn: '2024-02-05',
});

import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';

/** COM-07 (CRPA R.133-9): a proxy from one member to another (ProxyGiven). */
export class GiveProxyDto {
  @IsRecordId()
  fromMemberId!: string;

  @IsRecordId()
  toMemberId!: string;

  @IsCalendarDate()
  givenOn!: string;
}

export const giveProxy = body(GiveProxyDto, {
  fromMemberId: 'member-education-69',
  toMemberId: 'member-judge-69',
  givenOn: '2024-02-06',
});

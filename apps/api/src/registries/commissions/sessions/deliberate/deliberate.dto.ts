import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { Vote } from '@psp/commission';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';

const VOTES = ['for', 'against', 'abstain'] as const satisfies readonly Vote[];

/** One member's vote; a represented member's ballot is cast by the proxy holder. */
export class BallotDto {
  @IsRecordId()
  memberId!: string;

  @IsIn(VOTES)
  vote!: Vote;
}

/** COM-08: the deliberation of one item with its ballots (ItemDeliberated); recusals and quorum applied. */
export class DeliberateDto {
  @IsRecordId()
  itemId!: string;

  @IsCalendarDate()
  decidedOn!: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BallotDto)
  ballots!: BallotDto[];
}

export const deliberate = body(DeliberateDto, {
  itemId: 'item-entry-1',
  decidedOn: '2024-02-10',
  ballots: [
    { memberId: 'chair-prefet-69', vote: 'for' },
    { memberId: 'member-judge-69', vote: 'for' },
  ],
});

import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';
import { AgendaItemDto } from '../agenda-item.dto';

/** R.133-10: a second convocation after a meeting without quorum. */
export class SecondConvocationDto {
  @IsRecordId()
  firstSessionId!: string;

  @IsBoolean()
  statesNoQuorumRequired!: boolean;
}

/**
 * COM-07: notice and agenda (SessionConvened). The server adds the commission, the département
 * and the roster of the sitting date; the session id is generated from the command id when absent.
 */
export class ConveneDto {
  @IsOptional()
  @IsRecordId()
  sessionId?: string;

  @IsCalendarDate()
  convenedOn!: string;

  @IsCalendarDate()
  sittingOn!: string;

  /** R.133-8: urgency waives the 5-day notice. */
  @IsBoolean()
  urgency!: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => SecondConvocationDto)
  secondConvocation?: SecondConvocationDto;

  /** The chair who presides (casting vote, R.133-11). */
  @IsRecordId()
  presidingChairId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];
}

export const convene = body(ConveneDto, {
  sessionId: 'session-69-2024-02-10',
  convenedOn: '2024-01-31',
  sittingOn: '2024-02-10',
  urgency: false,
  presidingChairId: 'chair-prefet-69',
  agenda: [{ itemId: 'policy-2024', kind: 'policy', subject: 'departmental policy 2024' }],
});

import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { AgendaItem } from '@psp/commission';
import { IsRecordId } from '../../../cases/commands/command-fields';

const KINDS = [
  'entry',
  'renewal',
  'resumption',
  'afis',
  'policy',
] as const satisfies readonly AgendaItem['kind'][];

/**
 * An agenda item as the secretariat names it: a case by its id (the server reads its instructing
 * association from the case, ACL-01), or a departmental policy subject (R.121-12-6 1°).
 */
export class AgendaItemDto {
  /** Generated from the command id when absent. */
  @IsOptional()
  @IsRecordId()
  itemId?: string;

  @IsIn(KINDS)
  kind!: AgendaItem['kind'];

  @ValidateIf((item: AgendaItemDto) => item.kind !== 'policy')
  @IsRecordId()
  caseId?: string;

  @ValidateIf((item: AgendaItemDto) => item.kind === 'policy')
  @IsString()
  @MaxLength(300)
  subject?: string;
}

import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { ChairRole } from '@psp/commission';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';
import { CHAIR_ROLES } from '../commission-fields';

/** COM-03: a chair, who sits as a member. */
export class ChairDto {
  @IsRecordId()
  memberId!: string;

  @IsIn(CHAIR_ROLES)
  role!: ChairRole;
}

/** COM-03: the commission of the token's département (CommissionConstituted); its id is `commission-<dept>`. */
export class ConstituteDto {
  @IsCalendarDate()
  constitutedOn!: string;

  /** The préfet; in 75 and 13 the préfet and the préfet de police. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => ChairDto)
  chairs!: ChairDto[];
}

export const constitute = body(ConstituteDto, {
  constitutedOn: '2023-06-01',
  chairs: [{ memberId: 'chair-prefet-69', role: 'prefet' }],
});

import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { AttendanceMode } from '@psp/commission';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';

const MODES = ['in_person', 'phone', 'video'] as const satisfies readonly AttendanceMode[];

/** R.133-10: present in person, by phone or by video; R.133-3: through a substitute. */
export class AttendanceDto {
  @IsRecordId()
  memberId!: string;

  @IsIn(MODES)
  mode!: AttendanceMode;

  @IsOptional()
  @IsBoolean()
  bySubstitute?: boolean;
}

/** COM-07: the sitting opens with the attendance (SessionOpened). */
export class OpenDto {
  @IsCalendarDate()
  openedOn!: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance!: AttendanceDto[];
}

export const open = body(OpenDto, {
  openedOn: '2024-02-10',
  attendance: [
    { memberId: 'chair-prefet-69', mode: 'in_person' },
    { memberId: 'member-judge-69', mode: 'video' },
  ],
});

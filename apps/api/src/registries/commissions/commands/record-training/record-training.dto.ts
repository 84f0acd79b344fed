import { IsIn } from 'class-validator';
import { TrainerLevel } from '@psp/commission';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsRecordId } from '../../../../cases/commands/command-fields';

const LEVELS = ['national', 'regional', 'departmental'] as const satisfies readonly TrainerLevel[];

/** COM-05: the member attended the awareness session (MemberTrainingCompleted). */
export class RecordTrainingDto {
  @IsRecordId()
  memberId!: string;

  @IsCalendarDate()
  completedOn!: string;

  @IsRecordId()
  trainerAssociationId!: string;

  @IsIn(LEVELS)
  trainerLevel!: TrainerLevel;
}

export const recordTraining = body(RecordTrainingDto, {
  memberId: 'member-judge-69',
  completedOn: '2023-09-15',
  trainerAssociationId: 'asso-69-nid',
  trainerLevel: 'departmental',
});

import { IsObject, IsBoolean, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** Indicator 5: the exit outcomes (sortie avec formation, emploi, logement). */
export class CompletionOutcomesDto {
  @IsBoolean()
  training!: boolean;

  @IsBoolean()
  job!: boolean;

  @IsBoolean()
  housing!: boolean;
}

/** T17: the parcours is completed, with its outcomes (Completed). */
export class CompleteDto {
  @IsCalendarDate()
  completedOn!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => CompletionOutcomesDto)
  outcomes!: CompletionOutcomesDto;
}

export const complete = body(CompleteDto, {
  completedOn: '2024-11-30',
  outcomes: { training: true, job: true, housing: true },
});

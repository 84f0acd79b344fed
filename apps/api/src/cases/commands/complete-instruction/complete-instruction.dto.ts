import { ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const PLANNED_ACTIONS = [
  'housing',
  'health_care',
  'access_to_rights',
  'social_integration',
  'work_integration',
] as const;

/**
 * T2: the association completes the instruction (InstructionCompleted; PSP-03, PSP-04). The signed
 * parcours document and the commitments are read from the documents on file
 * (`signed_parcours_document`, `commitments`), never sent as booleans.
 */
export class CompleteInstructionDto {
  @IsCalendarDate()
  completedOn!: string;

  /** PSP-11: the actions planned. */
  @IsArray()
  @ArrayUnique()
  @IsIn(PLANNED_ACTIONS, { each: true })
  plannedActions!: (typeof PLANNED_ACTIONS)[number][];

  @IsInt()
  @Min(1)
  @Max(24)
  plannedLengthMonths!: number;

  /** PSP-03: the association's own opinion, if given with the instruction. */
  @IsOptional()
  @IsIn(['favourable', 'unfavourable'])
  associationOpinion?: 'favourable' | 'unfavourable';

  /** PSP-14 / Q4: a sworn statement that prostitution has stopped (never required for entry). */
  @IsBoolean()
  swornStatementOfCessation!: boolean;
}

export const completeInstruction = body(CompleteInstructionDto, {
  completedOn: '2024-02-01',
  plannedActions: ['housing', 'health_care', 'work_integration'],
  plannedLengthMonths: 6,
  associationOpinion: 'favourable',
  swornStatementOfCessation: false,
});

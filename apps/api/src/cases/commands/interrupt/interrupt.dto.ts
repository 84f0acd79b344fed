import { IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const INTERRUPTION_REASONS = ['person_choice', 'loss_of_contact', 'hospital_stay', 'other'] as const;

/** T15: the parcours is interrupted; the rights clock stops (Interrupted; PSP-07). */
export class InterruptDto {
  /** PSP-07: rights stop on this date; the months used stay counted. */
  @IsCalendarDate()
  interruptedOn!: string;

  @IsIn(INTERRUPTION_REASONS)
  reason!: (typeof INTERRUPTION_REASONS)[number];
}

export const interrupt = body(InterruptDto, { interruptedOn: '2024-05-20', reason: 'hospital_stay' });

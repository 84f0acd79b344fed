import { IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const CLOSURE_REASONS = [
  'death',
  'left_france',
  'moved_departement',
  'changed_association',
  'written_refusal',
] as const;

/**
 * T18: closed for death, leaving France, moving département, the person's choice of another
 * association (L.121-9 II; the new association opens a linked case, PSP-07) or written refusal (ClosedOther).
 */
export class CloseDto {
  @IsCalendarDate()
  closedOn!: string;

  @IsIn(CLOSURE_REASONS)
  reason!: (typeof CLOSURE_REASONS)[number];
}

export const close = body(CloseDto, { closedOn: '2024-06-30', reason: 'moved_departement' });

import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** F7: the right and the amount are re-examined after a change (AfisReexamined; D.121-12-17, AFIS-01..05). */
export class ReexamineAfisDto {
  @IsCalendarDate()
  decisionDate!: string;

  /** D.121-12-14: dependent children (enfants à charge) after the change; the amount follows. */
  @IsInt()
  @Min(0)
  @Max(20)
  dependentChildren!: number;

  /** AFIS-01..AFIS-05 still hold on the decision date. */
  @IsBoolean()
  conditionsStillMet!: boolean;
}

export const reexamineAfis = body(ReexamineAfisDto, {
  decisionDate: '2024-08-26',
  dependentChildren: 1,
  conditionsStillMet: true,
});

import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const FINDINGS = ['new_job', 'new_resources', 'household_change', 'children_change', 'other'] as const;

/**
 * F7 (D.121-12-17): the MSA re-examines the right and the amount (AfisReexamined). It sets the
 * children counted (from the next month) and reports on the conditions: a report that they are no
 * longer met goes to the préfet, who alone may end the aid (T20, R.121-12-13-2).
 */
export class ReexamineAfisDto {
  @IsCalendarDate()
  decisionDate!: string;

  /** D.121-12-14: dependent children (enfants à charge) after the change; counted from the next month. */
  @IsInt()
  @Min(0)
  @Max(20)
  dependentChildren!: number;

  /** AFIS-01..AFIS-05 still hold on the re-examination date (false: reported to the préfet). */
  @IsBoolean()
  conditionsStillMet!: boolean;

  /** What the MSA found. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(FINDINGS, { each: true })
  findings?: (typeof FINDINGS)[number][];
}

export const reexamineAfis = body(ReexamineAfisDto, {
  decisionDate: '2024-08-26',
  dependentChildren: 1,
  conditionsStillMet: true,
  findings: ['children_change'],
});

import { IsBoolean } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T10/T13: the préfet renews for a new period within the 24-month cap (RenewalGranted; PSP-06, PSP-08). */
export class GrantRenewalDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  @IsCalendarDate()
  notifiedOn!: string;

  /** PSP-08 (L.121-9 II al. 6): the decision weighed commitments kept and difficulties. */
  @IsBoolean()
  commitmentsAndDifficultiesConsidered!: boolean;
}

export const grantRenewal = body(GrantRenewalDto, {
  decisionDate: '2024-09-03',
  notifiedOn: '2024-09-05',
  commitmentsAndDifficultiesConsidered: true,
});

import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { IsShortStatements } from '../command-fields';

/** T12: non-renewal notified; rights end on the notification date (NonRenewalNotified; PSP-09, DUR-04). */
export class NotifyNonRenewalDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  /** DUR-04: all PSP rights end on this date. */
  @IsCalendarDate()
  notifiedOn!: string;

  /** PSP-15 (CRPA L.211-2): the reasons (motivation) of the non-renewal. */
  @IsShortStatements()
  reasons!: string[];
}

export const notifyNonRenewal = body(NotifyNonRenewalDto, {
  decisionDate: '2024-09-06',
  notifiedOn: '2024-09-09',
  reasons: ['No action of the parcours document was carried out during the period'],
});

import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { IsShortStatements } from '../command-fields';

/** F4: the AFIS is refused with reasons (AfisRefused; PSP-15, CRPA L.211-2). */
export class RefuseAfisDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  /** PSP-15: the reasons, citing the unmet AFIS rule where there is one. */
  @IsShortStatements()
  reasons!: string[];
}

export const refuseAfis = body(RefuseAfisDto, {
  decisionDate: '2024-05-14',
  reasons: ['AFIS-05: the person receives the allocation pour demandeur d’asile (ADA)'],
});

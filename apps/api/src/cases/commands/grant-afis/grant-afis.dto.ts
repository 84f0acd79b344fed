import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/**
 * F4/AFIS-06: the préfet grants the AFIS after the commission's opinion (AfisGranted).
 * The age on the decision date (AFIS-02) comes from the birth date in the vault, never from the body.
 */
export class GrantAfisDto {
  /** Date of the préfet's decision; the AFIS conditions are checked on it. */
  @IsCalendarDate()
  decisionDate!: string;
}

export const grantAfis = body(GrantAfisDto, { decisionDate: '2024-05-14' });

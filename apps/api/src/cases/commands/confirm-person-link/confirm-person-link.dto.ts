import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/**
 * PSP-07: the association confirms, with the person, that the earlier parcours found at opening is
 * hers (PersonLinkConfirmed). The server reads the matched person from the vault: the body names
 * no one. From then on the 24-month cap counts every period of the person.
 */
export class ConfirmPersonLinkDto {
  @IsCalendarDate()
  confirmedOn!: string;
}

export const confirmPersonLink = body(ConfirmPersonLinkDto, { confirmedOn: '2024-01-16' });

import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/**
 * APS-05: the APS renewal is filed (ApsRenewalFiled). APS-13: the signed contrat d'engagement
 * républicain is read from the documents on file (`republican_commitment_contract`), never sent.
 */
export class FileApsRenewalDto {
  @IsCalendarDate()
  filedOn!: string;
}

export const fileApsRenewal = body(FileApsRenewalDto, { filedOn: '2024-09-20' });

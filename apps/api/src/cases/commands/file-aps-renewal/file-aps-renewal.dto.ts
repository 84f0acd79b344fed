import { IsBoolean } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** APS-05: the APS renewal is filed, with the CER (ApsRenewalFiled; APS-13). */
export class FileApsRenewalDto {
  @IsCalendarDate()
  filedOn!: string;

  /** APS-13: signed contrat d'engagement républicain (required since 17 July 2024). */
  @IsBoolean()
  cerSigned!: boolean;
}

export const fileApsRenewal = body(FileApsRenewalDto, { filedOn: '2024-09-20', cerSigned: true });

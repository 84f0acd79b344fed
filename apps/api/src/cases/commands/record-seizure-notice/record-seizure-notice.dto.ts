import { IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/**
 * F9 / L.121-9: a garnishment (saisie) or assignment (cession) notice against the AFIS is recorded
 * and refused (AfisSeizureNoticeRefused): the aid is incessible et insaisissable. The answer carries
 * the F9 warning; nothing is ever diverted from the beneficiary.
 */
export class RecordSeizureNoticeDto {
  /** When the paying body received the notice. */
  @IsCalendarDate()
  receivedOn!: string;

  @IsIn(['garnishment', 'assignment'])
  kind!: 'garnishment' | 'assignment';

  /** Who sent it (no name: a kind of creditor). */
  @IsIn(['private', 'public', 'other'])
  creditor!: 'private' | 'public' | 'other';
}

export const recordSeizureNotice = body(RecordSeizureNoticeDto, {
  receivedOn: '2024-09-12',
  kind: 'garnishment',
  creditor: 'private',
});

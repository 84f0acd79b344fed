import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T11: the person's observations on the intended non-renewal were received (ObservationsReceived; ACL-07). */
export class RecordObservationsDto {
  @IsCalendarDate()
  receivedOn!: string;
}

export const recordObservations = body(RecordObservationsDto, { receivedOn: '2024-09-02' });

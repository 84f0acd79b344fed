import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** AGR-08: the association's observations on the proposed withdrawal (WithdrawalObservationsReceived). */
export class SendObservationsDto {
  @IsCalendarDate()
  receivedOn!: string;
}

export const sendObservations = body(SendObservationsDto, { receivedOn: '2024-09-10' });

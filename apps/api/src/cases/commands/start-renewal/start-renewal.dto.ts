import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** T8: the association starts instructing a renewal (RenewalInstructionStarted). */
export class StartRenewalDto {
  @IsCalendarDate()
  startedOn!: string;
}

export const startRenewal = body(StartRenewalDto, { startedOn: '2024-07-15' });

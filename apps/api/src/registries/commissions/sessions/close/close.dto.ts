import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';

/** COM-07: the sitting closes (SessionClosed); items not deliberated are postponed. */
export class CloseSessionDto {
  @IsCalendarDate()
  closedOn!: string;
}

export const closeSession = body(CloseSessionDto, { closedOn: '2024-02-10' });

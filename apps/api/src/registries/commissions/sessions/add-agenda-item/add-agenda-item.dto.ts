import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { AgendaItemDto } from '../agenda-item.dto';

/** COM-07: an item added before the sitting (AgendaItemAdded). */
export class AddAgendaItemDto extends AgendaItemDto {
  @IsCalendarDate()
  addedOn!: string;
}

export const addAgendaItem = body(AddAgendaItemDto, {
  addedOn: '2024-02-01',
  itemId: 'item-entry-1',
  kind: 'entry',
  caseId: '0b6f2c1e-6a51-4d3e-9a57-0e1f7a1c2b3d',
});

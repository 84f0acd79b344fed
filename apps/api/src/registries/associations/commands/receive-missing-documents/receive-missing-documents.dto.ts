import { ArrayMinSize } from 'class-validator';
import { FileItemCode } from '@psp/association';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsFileItems } from '../application.dto';

/** AGR-04: the missing documents arrived (MissingDocumentsReceived); the file is complete that day. */
export class ReceiveMissingDocumentsDto {
  @IsCalendarDate()
  receivedOn!: string;

  @IsFileItems()
  @ArrayMinSize(1)
  items!: FileItemCode[];
}

export const receiveMissingDocuments = body(ReceiveMissingDocumentsDto, {
  receivedOn: '2023-04-20',
  items: ['staff_training_evidence'],
});

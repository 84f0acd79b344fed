import { ArrayMinSize } from 'class-validator';
import { FileItemCode } from '@psp/association';
import { IsCalendarDate } from '../../../../cases/commands/calendar-date.validator';
import { body } from '../../../../cases/commands/command-dto';
import { IsFileItems } from '../application.dto';

/** AGR-04: the préfet names the missing documents (MissingDocumentsRequested) for the file under instruction. */
export class RequestMissingDocumentsDto {
  @IsCalendarDate()
  requestedOn!: string;

  @IsFileItems()
  @ArrayMinSize(1)
  missingItems!: FileItemCode[];
}

export const requestMissingDocuments = body(RequestMissingDocumentsDto, {
  requestedOn: '2023-04-01',
  missingItems: ['staff_training_evidence'],
});

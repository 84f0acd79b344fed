import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** F2: the MSA finished instructing; the file waits for the commission's opinion (AfisInstructionCompleted). */
export class CompleteAfisInstructionDto {
  @IsCalendarDate()
  completedOn!: string;
}

export const completeAfisInstruction = body(CompleteAfisInstructionDto, { completedOn: '2024-04-22' });

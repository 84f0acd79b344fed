import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** F2: the MSA (CCMSA) starts instructing the AFIS request (AfisInstructionStarted). */
export class StartAfisInstructionDto {
  @IsCalendarDate()
  startedOn!: string;
}

export const startAfisInstruction = body(StartAfisInstructionDto, { startedOn: '2024-04-08' });

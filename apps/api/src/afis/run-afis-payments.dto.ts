import { body } from '../cases/commands/command-dto';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** D.121-12-16: the month the run pays, in arrears (it may run from the first day of the next month). */
export class RunAfisPaymentsDto {
  @ApiProperty({
    description: 'the month paid, YYYY-MM (in arrears: from the first day of the next month)',
    pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month!: string;
}

/** The example of the API document. */
body(RunAfisPaymentsDto, { month: '2022-03' });

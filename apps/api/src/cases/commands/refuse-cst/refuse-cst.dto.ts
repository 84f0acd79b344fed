import { IsBoolean } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { IsShortStatements } from '../command-fields';

/** APS-12: no residence card after the PSP, with reasons (CstRefused; PSP-15, APS-15). */
export class RefuseCstDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  /** PSP-15 (CRPA L.211-2): the reasons (motivation) of the refusal. */
  @IsShortStatements()
  reasons!: string[];

  /** APS-15: an OQTF came with the refusal. */
  @IsBoolean()
  oqtfIssued!: boolean;
}

export const refuseCst = body(RefuseCstDto, {
  decisionDate: '2024-12-16',
  reasons: ['The conditions of CESEDA L.435-1 are not met on the date of the decision'],
  oqtfIssued: false,
});

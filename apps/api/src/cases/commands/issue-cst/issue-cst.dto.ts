import { IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** APS-12: a temporary residence card (carte de séjour temporaire) after the PSP (CstIssued). */
export class IssueCstDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  /** APS-12: the legal basis (no specific article; CESEDA L.435-1 or L.423-23 are plausible). */
  @IsIn(['L.435-1', 'L.423-23', 'other'])
  basis!: 'L.435-1' | 'L.423-23' | 'other';

  @IsCalendarDate()
  validTo!: string;
}

export const issueCst = body(IssueCstDto, {
  decisionDate: '2024-12-16',
  basis: 'L.435-1',
  validTo: '2025-12-15',
});

import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { IsShortStatements } from '../command-fields';

const APS_REFUSAL_REASONS = ['public_order', 'stop_not_shown', 'cer_missing', 'not_in_psp', 'other'] as const;

/**
 * APS-15: the APS is refused or not renewed (ApsRefused), on a legal ground with written reasons
 * (APS-05: a renewal only for public order or a condition no longer met; APS-02: `stop_not_shown`
 * only on the police answer that prostitution has not stopped).
 */
export class RefuseApsDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  @IsIn(APS_REFUSAL_REASONS)
  reason!: (typeof APS_REFUSAL_REASONS)[number];

  /** APS-15: an OQTF (obligation de quitter le territoire français) came with the refusal. */
  @IsBoolean()
  oqtfIssued!: boolean;

  /** APS-05 / PSP-15 (CRPA L.211-2): the written reasons of the refusal. */
  @IsShortStatements()
  reasons!: string[];

  /** APS-02: the police or gendarmerie enquiry a `stop_not_shown` ground rests on. */
  @IsOptional()
  @IsIn(['asked', 'answered_stopped', 'answered_not_stopped'])
  policeEnquiry?: 'asked' | 'answered_stopped' | 'answered_not_stopped';
}

export const refuseAps = body(RefuseApsDto, {
  decisionDate: '2024-10-15',
  reason: 'cer_missing',
  oqtfIssued: false,
  reasons: ["No signed contrat d'engagement républicain was filed with the request"],
});

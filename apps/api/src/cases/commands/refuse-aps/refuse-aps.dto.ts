import { IsBoolean, IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

const APS_REFUSAL_REASONS = ['public_order', 'stop_not_shown', 'cer_missing', 'not_in_psp', 'other'] as const;

/** APS-15: the APS is refused or not renewed, with the reason (ApsRefused). */
export class RefuseApsDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  @IsIn(APS_REFUSAL_REASONS)
  reason!: (typeof APS_REFUSAL_REASONS)[number];

  /** APS-15: an OQTF (obligation de quitter le territoire français) came with the refusal. */
  @IsBoolean()
  oqtfIssued!: boolean;
}

export const refuseAps = body(RefuseApsDto, {
  decisionDate: '2024-10-15',
  reason: 'cer_missing',
  oqtfIssued: false,
});

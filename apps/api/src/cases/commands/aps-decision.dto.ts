import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from './calendar-date.validator';

/** The préfet's facts when deciding an APS, shared by issue-aps and renew-aps (APS-02, APS-06, APS-08). */
export abstract class ApsDecisionDto {
  /** Date of the préfet's decision. */
  @IsCalendarDate()
  decisionDate!: string;

  /** APS-06 (CESEDA L.412-5): the person's presence is a threat to public order. */
  @IsBoolean()
  publicOrderThreat!: boolean;

  /** APS-08: a previous OQTF, and whether it was based on public order. */
  @IsIn(['none', 'not_public_order', 'public_order'])
  previousOqtf!: 'none' | 'not_public_order' | 'public_order';

  /** APS-02: the préfet doubts the stop of prostitution and asked the police or gendarmerie (ACL-08). */
  @IsBoolean()
  stopDoubted!: boolean;

  /** APS-02: the answer of the police or gendarmerie, when asked. */
  @IsOptional()
  @IsIn(['stop_confirmed', 'stop_not_confirmed'])
  policeCheck?: 'stop_confirmed' | 'stop_not_confirmed';

  /** APS-01: first day of validity. */
  @IsCalendarDate()
  validFrom!: string;

  /** APS-01: last day of validity, at least validFrom + 6 months − 1 day. */
  @IsCalendarDate()
  validTo!: string;
}

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

  /** APS-02: the préfet doubts the stop of prostitution (the only case where the police may be asked, ACL-08). */
  @IsBoolean()
  stopDoubted!: boolean;

  /**
   * APS-02: the police or gendarmerie enquiry, when the préfet asked for one: `asked` (no answer yet)
   * and `answered_stopped` leave the condition met; only `answered_not_stopped` stands against it.
   */
  @IsOptional()
  @IsIn(['asked', 'answered_stopped', 'answered_not_stopped'])
  policeEnquiry?: 'asked' | 'answered_stopped' | 'answered_not_stopped';

  /** APS-01: first day of validity. */
  @IsCalendarDate()
  validFrom!: string;

  /** APS-01: last day of validity, at least validFrom + 6 months − 1 day. */
  @IsCalendarDate()
  validTo!: string;
}

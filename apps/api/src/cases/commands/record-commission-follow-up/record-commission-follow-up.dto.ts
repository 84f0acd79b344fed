import { IsBoolean, IsIn } from 'class-validator';
import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';
import { COMMITMENTS_KEPT, IsRecordId } from '../command-fields';

/** PSP-12: the commission follows a running parcours (CommissionFollowUpRecorded). */
export class RecordCommissionFollowUpDto {
  @IsCalendarDate()
  recordedOn!: string;

  /** The commission session (séance) that reviewed the parcours. */
  @IsRecordId()
  sessionId!: string;

  /** PSP-12: the person's safety is not guaranteed. */
  @IsBoolean()
  safetyConcern!: boolean;

  /** PSP-12: the person's access to rights is not guaranteed. */
  @IsBoolean()
  accessToRightsConcern!: boolean;

  /** PSP-12: commitments of the follow-up document (engagements). */
  @IsIn(COMMITMENTS_KEPT)
  commitmentsKept!: (typeof COMMITMENTS_KEPT)[number];
}

export const recordCommissionFollowUp = body(RecordCommissionFollowUpDto, {
  recordedOn: '2024-06-04',
  sessionId: 'session-69-2024-06-04',
  safetyConcern: false,
  accessToRightsConcern: false,
  commitmentsKept: 'kept',
});

import { IsCalendarDate } from '../calendar-date.validator';
import { body } from '../command-dto';

/** APS-09: an asylum claim is pending (attestation de demande d'asile); no APS meanwhile (AsylumClaimPending). */
export class RecordAsylumClaimDto {
  @IsCalendarDate()
  recordedOn!: string;
}

export const recordAsylumClaim = body(RecordAsylumClaimDto, { recordedOn: '2024-03-20' });

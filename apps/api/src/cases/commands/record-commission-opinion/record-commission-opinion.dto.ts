import { body } from '../command-dto';
import { IsRecordId } from '../command-fields';

/**
 * T4/T9 and AFIS F3: which commission agenda item gave the opinion (CommissionOpinionRecorded; PD-3).
 * The server reads the opinion, its date, the quorum and the recusals from the commission's stream.
 */
export class RecordCommissionOpinionDto {
  /** The commission session (séance) that examined the case. */
  @IsRecordId()
  sessionId!: string;

  /** The agenda item (point à l'ordre du jour) on this case. */
  @IsRecordId()
  itemId!: string;
}

export const recordCommissionOpinion = body(RecordCommissionOpinionDto, {
  sessionId: 'session-69-2024-03-05',
  itemId: 'item-4',
});

import { ApsDecisionDto } from '../aps-decision.dto';
import { body } from '../command-dto';

/** APS-05: the APS is renewed while the conditions hold (ApsRenewed; APS-06, APS-13). */
export class RenewApsDto extends ApsDecisionDto {}

export const renewAps = body(RenewApsDto, {
  decisionDate: '2024-10-15',
  publicOrderThreat: false,
  previousOqtf: 'none',
  stopDoubted: false,
  validFrom: '2024-10-25',
  validTo: '2025-04-24',
});

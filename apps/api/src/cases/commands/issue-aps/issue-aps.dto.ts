import { ApsDecisionDto } from '../aps-decision.dto';
import { body } from '../command-dto';

/** APS-01, APS-02, APS-06, APS-13: the APS is issued for at least 6 months with the right to work (ApsIssued). */
export class IssueApsDto extends ApsDecisionDto {}

export const issueAps = body(IssueApsDto, {
  decisionDate: '2024-04-25',
  publicOrderThreat: false,
  previousOqtf: 'none',
  stopDoubted: false,
  validFrom: '2024-04-25',
  validTo: '2024-10-24',
});

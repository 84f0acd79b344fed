import { RuleResult, allOf, satisfied, violation } from '@psp/legal-kernel';
import { PspCaseEvent } from '../events';
import {
  notBefore,
  afisEligible,
  afisEndDecisionLawful,
  afisOpinionOnFile,
  afisPaymentLawful,
  afisRequestAdmissible,
  reasonsGiven,
} from '../rules';
import { PspCaseContext } from './context';

type EventOf<T extends PspCaseEvent['type']> = Extract<PspCaseEvent, { type: T }>;
type AfisGuardRule = (context: PspCaseContext, event: PspCaseEvent) => RuleResult;

function on<T extends PspCaseEvent['type']>(
  type: T,
  rule: (context: PspCaseContext, event: EventOf<T>) => RuleResult,
): AfisGuardRule {
  return (context, event) =>
    event.type === type
      ? rule(context, event as EventOf<T>)
      : violation('PD-6', `${event.type} is not ${type}`);
}

/** AFIS-06: the commission's opinion on the AFIS is on file and does not postdate the decision. */
function opinionBefore(context: PspCaseContext, decisionDate: string): RuleResult {
  const opinion = afisOpinionOnFile(context);
  if (opinion.length > 0) return opinion;
  return notBefore(
    'AFIS-06',
    decisionDate,
    context.afis.commissionOpinion?.recordedOn,
    'the commission opinion',
  );
}

/** Routing on the schema of `AfisReexamined`: 1 is read as recorded then, 2 is the MSA's report. */
function reexamination(schema: 1 | 2, conditionsStillMet: boolean): AfisGuardRule {
  return on('AfisReexamined', (_c, e) =>
    e.schemaVersion === schema && e.data.conditionsStillMet === conditionsStillMet
      ? satisfied
      : violation(
          'AFIS-01',
          conditionsStillMet ? 'the AFIS conditions are no longer met' : 'the AFIS conditions are still met',
        ),
  );
}

/** The guards of the AFIS region (section 4.4), one named rule each. */
export const AFIS_GUARD_RULES = {
  afisRequestOnOpenCase: on('AfisRequested', (c, e) => afisRequestAdmissible(c, e.data)),
  afisGrantable: on('AfisGranted', (c, e) =>
    allOf(opinionBefore(c, e.data.decisionDate), afisEligible(c, c.afis.request, e.data)),
  ),
  afisRefusalReasoned: on('AfisRefused', (_c, e) => reasonsGiven(e.data.reasons)),
  afisRenewalRefusalReasoned: on('AfisRefused', (c, e) =>
    allOf(opinionBefore(c, e.data.decisionDate), reasonsGiven(e.data.reasons)),
  ),
  /** D.121-12-17: the MSA's report, read by schema (see AfisReexamined). */
  afisLegacyConditionsMet: reexamination(1, true),
  afisLegacyConditionsLost: reexamination(1, false),
  afisReportConditionsMet: reexamination(2, true),
  afisReportConditionsLost: reexamination(2, false),
  afisReport: on('AfisReexamined', (_c, e) =>
    e.schemaVersion === 2
      ? satisfied
      : violation('AFIS-06', 'a re-examination does not replace the renewal decision'),
  ),
  /** T20 / R.121-12-13-2: only the préfet, with reasons, after the person could answer. */
  afisEndLawful: on('AfisEnded', (c, e) => afisEndDecisionLawful(c, e)),
  /** D.121-12-15 / D.121-12-16: paid in arrears, once per run month, exactly what is due. */
  afisPaymentLawful: on('AfisPaymentMade', (c, e) => afisPaymentLawful(c, e)),
  /** F9: a notice can only concern an AFIS that was granted on this case. */
  afisSeizureNoticeConcernsAfis: on('AfisSeizureNoticeRefused', (c) =>
    (c.afis.grants ?? []).length > 0 ? satisfied : violation('F9', 'no AFIS was granted on this case'),
  ),
} satisfies Record<string, AfisGuardRule>;

import { CalendarDate, RuleResult, addDays, allOf, satisfied, violation } from '@psp/legal-kernel';
import { PspCaseEvent } from '../events';
import {
  agrementValidOnFiling,
  apsChecklistComplete,
  apsIssuable,
  apsRefusalGrounded,
  apsRenewable,
  apsVictimCondition,
  bothOpinionsOnFile,
  capNotReached,
  closureReasonAllowed,
  commissionOpinionValid,
  effectDateAllowed,
  courtOrderRecorded,
  documentMayBeFiled,
  dayAfterLastPeriod,
  engagedInPsp,
  instructionComplete,
  isFinalPeriod,
  notBefore,
  noRightsElsewhere,
  notifiedToBoth,
  observationsStepDone,
  prefectureRequirementsAllowed,
  personLinkDecided,
  personPeriods,
  reasonsGiven,
  renewalDecidedInTime,
  renewalDecisionWeighsCommitments,
  renewalInstructionComplete,
  requestAdmissible,
  withPersonFacts,
  withdrawalByPerson,
} from '../rules';
import { AFIS_GUARD_RULES } from './afis-guards';
import { PspCaseContext } from './context';

/** A guard's rule: the reasons the event is refused now, empty when it may happen (PD-6). */
export type GuardRule = (context: PspCaseContext, event: PspCaseEvent) => RuleResult;

type EventOf<T extends PspCaseEvent['type']> = Extract<PspCaseEvent, { type: T }>;

function on<T extends PspCaseEvent['type']>(
  type: T,
  rule: (context: PspCaseContext, event: EventOf<T>) => RuleResult,
): GuardRule {
  return (context, event) =>
    event.type === type
      ? rule(context, event as EventOf<T>)
      : violation('PD-6', `${event.type} is not ${type}`);
}

/** Adds a routing condition (which status comes next) to a rule: it only speaks when the rule holds. */
function routed(
  rule: GuardRule,
  condition: (context: PspCaseContext) => boolean,
  because: string,
): GuardRule {
  return (context, event) => {
    const result = rule(context, event);
    if (result.length > 0) return result;
    return condition(context) ? satisfied : violation('PD-1', because);
  };
}

/**
 * An event written under an older schema is judged by the rules of its time (upcast.ts): replaying a
 * stored stream gives the states it had when it was recorded.
 */
function writtenBefore(event: PspCaseEvent, schemaVersion: number): boolean {
  return (event.schemaVersion as number) < schemaVersion;
}

/** Schema-1 deadline events were dated by the older period arithmetic, up to 3 days earlier (adr 0008). */
const OLD_ARITHMETIC_DAYS = 3;

function lastPeriod(context: PspCaseContext) {
  return context.periods[context.periods.length - 1];
}

/** PD-1: a foreign national needs an APS that is not issued yet. */
export function apsOutstanding(context: PspCaseContext): boolean {
  return context.aps.need === 'required' && context.aps.issuedOn === undefined;
}

/** The start of the first period of an entry (DUR-05: stated in the decision, else the default). */
export function entryStart(
  _context: PspCaseContext,
  decisionDate: CalendarDate,
  effectiveFrom?: CalendarDate,
) {
  return effectiveFrom ?? decisionDate;
}

/** Where a court-ordered or resumed period starts: the stated date, never before the last period's end. */
export function laterStart(context: PspCaseContext, stated: CalendarDate): CalendarDate {
  const after = dayAfterLastPeriod(context.periods);
  return after !== undefined && after > stated ? after : stated;
}

/** T1: a case exists once RequestOpened was recorded. */
function caseOpened(context: PspCaseContext): RuleResult {
  return context.openedOn !== undefined ? satisfied : violation('T1', 'no PSP request is open for this case');
}

function opinionFor(kind: 'entry' | 'renewal' | 'resumption' | 'afis'): GuardRule {
  return on('CommissionOpinionRecorded', (_c, e) => commissionOpinionValid(e.data, kind));
}

/** PSP-02: the opinions must be on file when the préfet decides, so neither may postdate the decision. */
function opinionsPrecede(context: PspCaseContext, decisionDate: CalendarDate): RuleResult {
  return allOf(
    notBefore('PSP-02', decisionDate, context.cycle.commissionOpinion?.recordedOn, 'the commission opinion'),
    notBefore('PSP-02', decisionDate, context.cycle.associationOpinion?.givenOn, 'the association opinion'),
  );
}

/**
 * PSP-06 / PSP-07: a period starting on `start` fits the person's cap, counting every case of the
 * person (the decision's facts), and no other case of the person still holds rights then.
 */
function personCapAllows(c: PspCaseContext, start: CalendarDate): RuleResult {
  return allOf(
    personLinkDecided(c),
    noRightsElsewhere(c, start),
    capNotReached(start, personPeriods(c), c.params),
  );
}

const prefectMayAuthorise = on('PrefectAuthorised', (context, e) => {
  const c = withPersonFacts(context, e.data.personPeriods);
  return allOf(
    c.cycle.kind === 'entry' ? satisfied : violation('T5', 'no entry request is under review'),
    bothOpinionsOnFile(c.cycle),
    opinionsPrecede(c, e.data.decisionDate),
    e.data.effectiveFrom !== undefined && !writtenBefore(e, 2)
      ? effectDateAllowed(e.data.effectiveFrom, e.data.decisionDate, c.cycle, c.params)
      : satisfied,
    personCapAllows(c, entryStart(c, e.data.decisionDate, e.data.effectiveFrom)),
  );
});

const mayGrantRenewal = on('RenewalGranted', (context, e) => {
  const c = withPersonFacts(context, e.data.personPeriods);
  const next = dayAfterLastPeriod(c.periods);
  const last = lastPeriod(c);
  return allOf(
    c.cycle.kind === 'renewal' ? satisfied : violation('T10', 'no renewal is under instruction'),
    bothOpinionsOnFile(c.cycle),
    opinionsPrecede(c, e.data.decisionDate),
    renewalDecisionWeighsCommitments(e.data),
    last && !writtenBefore(e, 2) ? renewalDecidedInTime(e.data.decisionDate, last.end) : satisfied,
    next ? personCapAllows(c, next) : violation('T10', 'there is no period to renew'),
  );
});

/**
 * PD-4 (docs/adr/0009): the deadline job recorded the lapse before a renewal decided in time was
 * recorded: the renewal is judged on the cycle that was under way at the lapse, as if it had come first.
 */
const mayGrantRenewalAfterLapse: GuardRule = (c, e) =>
  c.lapsedCycle
    ? mayGrantRenewal({ ...c, cycle: c.lapsedCycle }, e)
    : violation('PD-4', 'no renewal was under way when the period ended: a resumption (T16) is needed');

const mayResume = on('ResumptionAuthorised', (context, e) => {
  const c = withPersonFacts(context, e.data.personPeriods);
  const start = laterStart(c, e.data.effectiveFrom ?? e.data.decisionDate);
  return allOf(
    c.cycle.kind === 'resumption' ? satisfied : violation('T16', 'no resumption request is under review'),
    bothOpinionsOnFile(c.cycle),
    opinionsPrecede(c, e.data.decisionDate),
    writtenBefore(e, 2) ? satisfied : effectDateAllowed(start, e.data.decisionDate, c.cycle, c.params),
    personCapAllows(c, start),
  );
});

const courtOrderAllowed = on('CourtOrderedAuthorisation', (context, e) => {
  const c = withPersonFacts(context, e.data.personPeriods);
  return allOf(
    courtOrderRecorded(e.data),
    personCapAllows(c, laterStart(c, e.data.effectiveFrom ?? e.data.judgmentDate)),
  );
});

const notified = on('DecisionNotified', (c, e) =>
  allOf(
    notifiedToBoth(e.data),
    c.pendingAuthorisation && e.data.notifiedOn < c.pendingAuthorisation.decisionDate
      ? violation('PSP-05', 'the notification cannot precede the decision')
      : satisfied,
  ),
);

const apsIssue = on('ApsIssued', (c, e) => apsIssuable(c, e.data));

const capReachedNow = on('CapReached', (c, e) => {
  const last = lastPeriod(c);
  if (!last || !isFinalPeriod(personPeriods(c), c.params))
    return violation('PSP-06', 'the 24-month cap is not reached');
  const lastDay = writtenBefore(e, 2) ? addDays(last.end, -OLD_ARITHMETIC_DAYS) : last.end;
  return e.data.reachedOn > lastDay
    ? satisfied
    : violation('PSP-06', `the final period runs until ${last.end}`);
});

const completionInPeriod = on('Completed', (c, e) => {
  const last = lastPeriod(c);
  return last && last.start <= e.data.completedOn && e.data.completedOn <= addDays(last.end, 1)
    ? satisfied
    : violation('T17', 'completion must fall within the current period');
});

export const GUARD_RULES = {
  documentMayBeFiled: on('DocumentFiled', (c, e) => documentMayBeFiled(c, e.data)),
  requestAdmissible: on('RequestOpened', (_c, e) => requestAdmissible(e.data)),
  instructionComplete: on('InstructionCompleted', (_c, e) => instructionComplete(e.data)),
  entryOpinionExpected: on('AssociationOpinionRecorded', (_c, e) =>
    e.data.kind === 'entry' ? satisfied : violation('PSP-03', 'an opinion on the entry request is expected'),
  ),
  renewalOpinionExpected: on('AssociationOpinionRecorded', (_c, e) =>
    e.data.kind === 'renewal' ? satisfied : violation('PSP-03', 'an opinion on the renewal is expected'),
  ),
  resumptionOpinionExpected: on('AssociationOpinionRecorded', (_c, e) =>
    e.data.kind === 'resumption'
      ? satisfied
      : violation('PSP-03', 'an opinion on the resumption is expected'),
  ),
  entryCommissionOpinionValid: opinionFor('entry'),
  renewalCommissionOpinionValid: opinionFor('renewal'),
  resumptionCommissionOpinionValid: opinionFor('resumption'),
  afisCommissionOpinionValid: opinionFor('afis'),
  prefectMayAuthorise,
  prefectMayRefuse: on('PrefectRefused', (c, e) =>
    allOf(bothOpinionsOnFile(c.cycle), reasonsGiven(e.data.reasons)),
  ),
  notifiedWithApsOutstanding: routed(notified, apsOutstanding, 'the APS is not outstanding'),
  notified,
  renewalMayStart: on('RenewalInstructionStarted', (c) => {
    const next = dayAfterLastPeriod(c.periods);
    return next
      ? capNotReached(next, personPeriods(c), c.params)
      : violation('T8', 'there is no period to renew');
  }),
  renewalInstructionComplete: on('RenewalSubmitted', (_c, e) =>
    allOf(
      agrementValidOnFiling(e.data.associationAgrementValid, e.data.submittedOn),
      renewalInstructionComplete(e.data),
    ),
  ),
  resumptionFiledWithAgrement: on('ResumptionRequested', (_c, e) =>
    agrementValidOnFiling(e.data.associationAgrementValid, e.data.requestedOn),
  ),
  entryFiledWithAgrement: on('SubmittedToPrefecture', (_c, e) =>
    agrementValidOnFiling(e.data.associationAgrementValid, e.data.submittedOn),
  ),
  renewalGrantedWithApsOutstanding: routed(mayGrantRenewal, apsOutstanding, 'the APS is not outstanding'),
  mayGrantRenewal,
  renewalAfterLapseWithApsOutstanding: routed(
    mayGrantRenewalAfterLapse,
    apsOutstanding,
    'the APS is not outstanding',
  ),
  mayGrantRenewalAfterLapse,
  afisEndedByTheLapse: (c, e) =>
    allOf(
      mayGrantRenewalAfterLapse(c, e),
      c.afis.grantedOn !== undefined && c.afis.endsOn !== undefined && c.afis.endsOn === c.rightsEndedOn
        ? satisfied
        : violation('PD-4', 'the AFIS did not end with the lapse'),
    ),
  mayProposeNonRenewal: on('NonRenewalProposed', (c, e) =>
    allOf(
      c.cycle.kind === 'renewal' ? satisfied : violation('T11', 'no renewal is under instruction'),
      bothOpinionsOnFile(c.cycle),
      reasonsGiven(e.data.reasons),
    ),
  ),
  observationsStepDone: on('NonRenewalNotified', (c, e) => observationsStepDone(c, e.data)),
  periodEndedNotFinal: on('PeriodEnded', (c, e) => {
    const last = lastPeriod(c);
    if (!last || last.index !== e.data.periodIndex)
      return violation('T14', `period ${e.data.periodIndex} is not the current period`);
    const lastDay = writtenBefore(e, 2) ? addDays(last.end, -OLD_ARITHMETIC_DAYS) : last.end;
    if (e.data.endedOn <= lastDay) return violation('T14', `period ${last.index} runs until ${last.end}`);
    return isFinalPeriod(personPeriods(c), c.params)
      ? violation('T17', 'this was the final period: the cap is reached (CapReached)')
      : satisfied;
  }),
  capReachedNow,
  completionInPeriod,
  interruptionInPeriod: on('Interrupted', (c, e) => {
    const last = lastPeriod(c);
    return last && last.start <= e.data.interruptedOn && e.data.interruptedOn <= last.end
      ? satisfied
      : violation('T15', 'an interruption must fall within the running period');
  }),
  closureReasonAllowed: on('ClosedOther', (_c, e) => closureReasonAllowed(e.data)),
  withdrawalByPerson: on('Withdrawn', (_c, e) => withdrawalByPerson(e.data)),
  resumedWithApsOutstanding: routed(mayResume, apsOutstanding, 'the APS is not outstanding'),
  mayResume,
  mayRefuseResumption: on('PrefectRefused', (c, e) =>
    allOf(bothOpinionsOnFile(c.cycle), reasonsGiven(e.data.reasons)),
  ),
  courtOrderAllowed,
  // The person across cases (PSP-07): a probable earlier parcours is confirmed or denied explicitly.
  personMatchPending: (c) =>
    c.personLink === 'pending'
      ? satisfied
      : violation('PSP-07', 'no probable earlier parcours of this person awaits an answer', 'personLink'),
  // APS region (section 3.2)
  apsDetermination: (c) => caseOpened(c),
  apsRequiredWhileAsylumPending: on('ApsRequired', (c, e) =>
    allOf(
      caseOpened(c),
      e.data.asylumClaimPending ? satisfied : violation('APS-09', 'no asylum claim is pending'),
    ),
  ),
  apsRequiredAfterAuthorisation: on('ApsRequired', (c) =>
    allOf(
      caseOpened(c),
      c.periods.length > 0 || c.pendingAuthorisation
        ? satisfied
        : violation('APS-01', 'the PSP is not authorised yet'),
    ),
  ),
  apsNotYetRequired: (c) =>
    c.aps.need !== 'required' ? satisfied : violation('APS-01', 'the APS need is already recorded'),
  apsAuthorisationGiven: prefectMayAuthorise,
  apsCourtOrderGiven: courtOrderAllowed,
  asylumRejectedWhilePspRuns: on('AsylumFinallyRejected', (c, e) => {
    const result = engagedInPsp(c, e.data.rejectedOn);
    return result.length === 0
      ? satisfied
      : violation('APS-09', 'the APS may follow an asylum refusal only while the person is still in the PSP');
  }),
  asylumRejectedBeforeDecision: on('AsylumFinallyRejected', (c) =>
    c.periods.length === 0 && !c.pendingAuthorisation && c.decisions.length === 0
      ? satisfied
      : violation('APS-09', 'the APS may follow an asylum refusal only while the person is still in the PSP'),
  ),
  apsChecklistComplete: on('ApsFiled', (c, e) =>
    allOf(
      apsVictimCondition(c.victimOf),
      apsChecklistComplete(
        e.data.checklist,
        {
          pspAuthorised:
            (c.periods.length > 0 || c.pendingAuthorisation !== undefined) && c.rightsEndedOn === undefined,
          commissionOpinionOnFile:
            c.decisions.some((d) => d.kind !== 'refused') || c.cycle.commissionOpinion !== undefined,
        },
        e.data.filedOn,
        c.params,
      ),
    ),
  ),
  apsIssuable: apsIssue,
  /** APS-03 / APS-07 / D2: what the préfecture may ask of the applicant. */
  prefectureMayRequire: on('ApsDocumentsRequested', (c, e) =>
    prefectureRequirementsAllowed(e.data.documents, c.aps.checklist ?? { nationalityDocuments: [] }),
  ),
  apsRefusalGrounded: on('ApsRefused', (c, e) => apsRefusalGrounded(c, e.data, e.schemaVersion, false)),
  apsRenewalRefusalGrounded: on('ApsRefused', (c, e) => apsRefusalGrounded(c, e.data, e.schemaVersion, true)),
  /** T17 / APS-12: a foreign national's parcours completed: the post-PSP residence review opens. */
  capReachedForForeignNational: on('CapReached', (c, e) =>
    c.aps.need === 'required' ? capReachedNow(c, e) : violation('APS-12', 'no APS is held'),
  ),
  completedForForeignNational: on('Completed', (c, e) =>
    c.aps.need === 'required' ? completionInPeriod(c, e) : violation('APS-12', 'no APS is held'),
  ),
  apsIssuedOnFirstPeriod: routed(apsIssue, (c) => c.periods.length <= 1, 'a later period is running'),
  apsRenewalMayBeFiled: on('ApsRenewalFiled', (c, e) =>
    engagedInPsp(c, e.data.filedOn).length === 0
      ? satisfied
      : violation('APS-05', 'the APS is renewed only while the person is still in the PSP (renewal T10)'),
  ),
  apsRenewable: on('ApsRenewed', (c, e) => apsRenewable(c, e.data)),
  apsValidityOver: on('ApsExpired', (c, e) =>
    c.aps.validTo !== undefined && e.data.expiredOn > c.aps.validTo
      ? satisfied
      : violation('APS-05', `the APS is valid until ${c.aps.validTo}`),
  ),
  pspCompleted: on('PostPspReviewOpened', (c) =>
    c.completedOn !== undefined
      ? satisfied
      : violation('APS-12', 'the post-PSP review follows a completed PSP'),
  ),
  cstRefusalReasoned: on('CstRefused', (_c, e) => reasonsGiven(e.data.reasons)),
  apsNotApplicableOnFirstPeriod: on('ApsNotApplicable', (c) =>
    c.periods.length <= 1 ? satisfied : violation('PD-1', 'a later period is running'),
  ),
  // AFIS region (section 4.4): machine/afis-guards.ts
  ...AFIS_GUARD_RULES,
} satisfies Record<string, GuardRule>;

export type GuardName = keyof typeof GUARD_RULES;

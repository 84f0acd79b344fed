import { CalendarDate, addDays, valueOn } from '@psp/legal-kernel';
import { PspCaseEvent } from '../events';
import {
  dayAfterLastPeriod,
  instructionWarnings,
  nextPeriod,
  personPeriods,
  requestWarnings,
  stopPeriod,
  withPersonFacts,
} from '../rules';
import { AFIS_UPDATES } from './afis-updates';
import { Period, PspCaseContext } from './context';
import { entryStart, laterStart } from './guard-rules';

/** A context update: a pure function of the context and the event (used by the machine's `assign`). */
export type ContextUpdate = (context: PspCaseContext, event: PspCaseEvent) => Partial<PspCaseContext>;

type EventOf<T extends PspCaseEvent['type']> = Extract<PspCaseEvent, { type: T }>;

function on<T extends PspCaseEvent['type']>(
  type: T,
  update: (context: PspCaseContext, event: EventOf<T>) => Partial<PspCaseContext>,
): ContextUpdate {
  return (context, event) => (event.type === type ? update(context, event as EventOf<T>) : {});
}

function replaceLast(periods: readonly Period[], period: Period): readonly Period[] {
  return [...periods.slice(0, -1), period];
}

/** Rights stop on `on` (first day without rights): the running period is cut short. */
function stopRights(context: PspCaseContext, on: CalendarDate, reason: NonNullable<Period['stopReason']>) {
  const last = context.periods[context.periods.length - 1];
  if (!last || context.rightsEndedOn !== undefined) return {};
  const periods =
    on <= last.end ? replaceLast(context.periods, stopPeriod(last, on, reason)) : context.periods;
  const rightsEndedOn = on <= last.end ? on : addDays(last.end, 1);
  return { periods, rightsEndedOn };
}

function openPeriod(
  context: PspCaseContext,
  start: CalendarDate,
  kind: Period['kind'],
): Partial<PspCaseContext> {
  // PSP-06 / PSP-07: the budget left counts the person's periods in other cases too.
  const period = nextPeriod(start, personPeriods(context), kind, context.params);
  return period
    ? {
        periods: [...context.periods, { ...period, index: context.periods.length + 1 }],
        rightsEndedOn: undefined,
        interruption: undefined,
      }
    : {};
}

/** A decision's person facts (PSP-07) replace what the case knew of the person's other periods. */
function personFacts(context: PspCaseContext): Partial<PspCaseContext> {
  return context.otherCasePeriods ? { otherCasePeriods: context.otherCasePeriods } : {};
}

function afterLastPeriod(context: PspCaseContext): CalendarDate | undefined {
  return dayAfterLastPeriod(context.periods);
}

/**
 * PSP-09: a new decision cycle of `kind` starts; the one before ends with its opinions, its
 * non-renewal proposal and the observations (lapse, resumption, court order, renewal granted…).
 */
function newCycle(kind: PspCaseContext['cycle']['kind']): Pick<PspCaseContext, 'cycle' | 'nonRenewal'> {
  return { cycle: { kind }, nonRenewal: undefined };
}

export const UPDATES = {
  openRequest: on('RequestOpened', (c, e) => ({
    personRef: e.data.personRef,
    victimOf: e.data.victimOf,
    associationId: e.data.associationId,
    departement: e.data.departement,
    openedOn: e.data.openedOn,
    warnings: [...c.warnings, ...requestWarnings(e.data)],
    cycle: { kind: 'entry' },
    ...(e.data.personId ? { personId: e.data.personId } : {}),
    personLink: e.data.possiblePriorParcours ? ('pending' as const) : ('none' as const),
  })),
  confirmPersonLink: on('PersonLinkConfirmed', (_c, e) => ({
    personId: e.data.personId,
    personLink: 'confirmed' as const,
  })),
  denyPersonLink: on('PersonLinkDenied', () => ({ personLink: 'denied' as const })),
  completeInstruction: on('InstructionCompleted', (c, e) => ({
    plannedActions: e.data.plannedActions,
    warnings: [...c.warnings, ...instructionWarnings(e.data)],
    cycle: e.data.associationOpinion
      ? {
          ...c.cycle,
          associationOpinion: { opinion: e.data.associationOpinion, givenOn: e.data.completedOn },
        }
      : c.cycle,
  })),
  recordAssociationOpinion: on('AssociationOpinionRecorded', (c, e) => ({
    cycle: { ...c.cycle, associationOpinion: { opinion: e.data.opinion, givenOn: e.data.givenOn } },
  })),
  recordCommissionOpinion: on('CommissionOpinionRecorded', (c, e) => ({
    cycle: {
      ...c.cycle,
      commissionOpinion: {
        opinion: e.data.opinion,
        recordedOn: e.data.recordedOn,
        sessionId: e.data.sessionId,
        itemId: e.data.itemId,
      },
    },
  })),
  authorise: on('PrefectAuthorised', (context, e) => {
    const c = withPersonFacts(context, e.data.personPeriods);
    const decisions = [...c.decisions, { kind: 'authorised' as const, decisionDate: e.data.decisionDate }];
    const pendingAuthorisation = { decisionDate: e.data.decisionDate, effectiveFrom: e.data.effectiveFrom };
    if (e.data.effectiveFrom === undefined && c.params.periodStartDefault === 'notification_date') {
      return { ...personFacts(c), decisions, pendingAuthorisation };
    }
    return {
      ...personFacts(c),
      decisions,
      pendingAuthorisation,
      ...openPeriod(c, entryStart(c, e.data.decisionDate, e.data.effectiveFrom), 'entry'),
    };
  }),
  refuse: on('PrefectRefused', (c, e) => ({
    decisions: [
      ...c.decisions,
      {
        kind: 'refused' as const,
        decisionDate: e.data.decisionDate,
        notifiedOn: e.data.notifiedOn,
        reasons: e.data.reasons,
        ...(e.data.letter ? { appealRoutesStated: e.data.letter.appealRoutesStated } : {}),
      },
    ],
  })),
  refuseResumption: on('PrefectRefused', (c, e) => ({
    decisions: [
      ...c.decisions,
      {
        kind: 'refused' as const,
        decisionDate: e.data.decisionDate,
        notifiedOn: e.data.notifiedOn,
        reasons: e.data.reasons,
        ...(e.data.letter ? { appealRoutesStated: e.data.letter.appealRoutesStated } : {}),
      },
    ],
    ...newCycle('resumption'),
  })),
  notify: on('DecisionNotified', (c, e) => {
    const decisions = c.decisions.map((d, i) =>
      i === c.decisions.length - 1 && d.notifiedOn === undefined
        ? { ...d, notifiedOn: e.data.notifiedOn }
        : d,
    );
    // DUR-05 with the `notification_date` default: the first period opens on notification.
    const needsPeriod = c.pendingAuthorisation !== undefined && c.periods.length === 0;
    return {
      decisions,
      pendingAuthorisation: undefined,
      ...(needsPeriod ? openPeriod(c, e.data.notifiedOn, 'entry') : {}),
    };
  }),
  startRenewalCycle: on('RenewalInstructionStarted', () => newCycle('renewal')),
  recordRenewalFile: on('RenewalSubmitted', (c, e) => ({
    cycle: {
      ...c.cycle,
      commitmentsKept: e.data.commitmentsKept,
      difficulties: e.data.difficulties,
      associationOpinion: e.data.associationOpinion
        ? { opinion: e.data.associationOpinion, givenOn: e.data.submittedOn }
        : c.cycle.associationOpinion,
    },
  })),
  grantRenewal: on('RenewalGranted', (context, e) => {
    const c = withPersonFacts(context, e.data.personPeriods);
    const start = afterLastPeriod(c) as CalendarDate;
    return {
      ...personFacts(c),
      ...openPeriod(c, start, 'renewal'),
      decisions: [
        ...c.decisions,
        { kind: 'renewed' as const, decisionDate: e.data.decisionDate, notifiedOn: e.data.notifiedOn },
      ],
      ...newCycle('renewal'),
      lapsedCycle: undefined,
    };
  }),
  reopenAfisAfterLapse: on('RenewalGranted', (c) => ({
    afis: { ...c.afis, endsOn: undefined, endReason: undefined },
  })),
  proposeNonRenewal: on('NonRenewalProposed', (c, e) => ({
    nonRenewal: {
      proposedOn: e.data.proposedOn,
      observationsDeadline: addDays(e.data.proposedOn, observationDays(c, e.data.proposedOn)),
    },
  })),
  recordObservations: on('ObservationsReceived', (c, e) => ({
    nonRenewal: c.nonRenewal ? { ...c.nonRenewal, observationsReceivedOn: e.data.receivedOn } : c.nonRenewal,
  })),
  notifyNonRenewal: on('NonRenewalNotified', (c, e) => ({
    ...stopRights(c, e.data.notifiedOn, 'not_renewed'),
    // PSP-09: the decision closes its cycle; a court order opens the next one
    ...newCycle('renewal'),
    decisions: [
      ...c.decisions,
      {
        kind: 'not_renewed' as const,
        decisionDate: e.data.decisionDate,
        notifiedOn: e.data.notifiedOn,
        reasons: e.data.reasons,
        ...(e.data.letter ? { appealRoutesStated: e.data.letter.appealRoutesStated } : {}),
      },
    ],
  })),
  lapse: on('PeriodEnded', (c) => ({
    rightsEndedOn: afterLastPeriod(c),
    ...newCycle('resumption'),
    lapsedCycle: c.cycle.kind === 'renewal' ? c.cycle : undefined,
  })),
  reachCap: on('CapReached', (c, e) => ({
    rightsEndedOn: afterLastPeriod(c),
    completedOn: e.data.reachedOn,
  })),
  complete: on('Completed', (c, e) => ({
    ...stopRights(c, e.data.completedOn, 'completed'),
    completedOn: e.data.completedOn,
    outcomes: e.data.outcomes,
  })),
  recordOutcomes: on('Completed', (_c, e) => ({ outcomes: e.data.outcomes })),
  interrupt: on('Interrupted', (c, e) => ({
    ...stopRights(c, e.data.interruptedOn, 'interrupted'),
    interruption: { on: e.data.interruptedOn, reason: e.data.reason },
    ...newCycle('resumption'),
  })),
  startResumptionCycle: on('ResumptionRequested', (_c, e) => ({
    nonRenewal: undefined,
    lapsedCycle: undefined,
    cycle: {
      kind: 'resumption',
      associationOpinion: e.data.associationOpinion
        ? { opinion: e.data.associationOpinion, givenOn: e.data.requestedOn }
        : undefined,
    },
  })),
  resume: on('ResumptionAuthorised', (context, e) => {
    const c = withPersonFacts(context, e.data.personPeriods);
    return {
      ...personFacts(c),
      ...openPeriod(c, laterStart(c, e.data.effectiveFrom ?? e.data.decisionDate), 'resumption'),
      decisions: [
        ...c.decisions,
        { kind: 'resumed' as const, decisionDate: e.data.decisionDate, notifiedOn: e.data.notifiedOn },
      ],
      ...newCycle('renewal'),
    };
  }),
  close: on('ClosedOther', (c, e) => ({
    ...stopRights(c, e.data.closedOn, 'closed'),
    closure: { on: e.data.closedOn, reason: e.data.reason },
  })),
  withdraw: on('Withdrawn', (c, e) => ({
    ...stopRights(c, e.data.withdrawnOn, 'withdrawn'),
    withdrawnOn: e.data.withdrawnOn,
  })),
  orderAuthorisation: on('CourtOrderedAuthorisation', (context, e) => {
    const c = withPersonFacts(context, e.data.personPeriods);
    const start = laterStart(c, e.data.effectiveFrom ?? e.data.judgmentDate);
    return {
      ...personFacts(c),
      ...openPeriod(c, start, 'court_order'),
      decisions: [...c.decisions, { kind: 'court_order' as const, decisionDate: e.data.judgmentDate }],
      pendingAuthorisation: { decisionDate: e.data.judgmentDate, effectiveFrom: start },
      ...newCycle('renewal'),
    };
  }),
  recordFollowUp: on('CommissionFollowUpRecorded', (c, e) => ({
    followUps: [
      ...c.followUps,
      {
        recordedOn: e.data.recordedOn,
        safetyConcern: e.data.safetyConcern,
        accessToRightsConcern: e.data.accessToRightsConcern,
        commitmentsKept: e.data.commitmentsKept,
      },
    ],
  })),

  // APS region
  apsNotApplicable: on('ApsNotApplicable', (c) => ({ aps: { ...c.aps, need: 'not_applicable' } })),
  apsRequired: on('ApsRequired', (c, e) => ({
    aps: { ...c.aps, need: 'required', asylumClaimPending: e.data.asylumClaimPending },
  })),
  asylumPending: on('AsylumClaimPending', (c) => ({ aps: { ...c.aps, asylumClaimPending: true } })),
  asylumRejected: on('AsylumFinallyRejected', (c) => ({ aps: { ...c.aps, asylumClaimPending: false } })),
  fileDocument: on('DocumentFiled', (c, e) => ({
    documents: [
      ...(c.documents ?? []),
      {
        documentId: e.data.documentId,
        documentType: e.data.documentType,
        sha256: e.data.sha256,
        mediaType: e.data.mediaType,
        sizeBytes: e.data.sizeBytes,
        filedOn: e.data.filedOn,
        authorRole: e.data.author.role,
        ...(e.data.validUntil ? { validUntil: e.data.validUntil } : {}),
      },
    ],
  })),
  fileAps: on('ApsFiled', (c, e) => ({
    aps: { ...c.aps, checklist: e.data.checklist, filedOn: e.data.filedOn, refusal: undefined },
  })),
  recordDocumentsRequested: on('ApsDocumentsRequested', (c, e) => ({
    aps: { ...c.aps, documentsRequested: { on: e.data.requestedOn, documents: e.data.documents } },
  })),
  /** T17: the post-PSP review opens by itself on the day the parcours completed (APS-12). */
  openPostPspReviewOnCompletion: (c, e) => {
    const on =
      e.type === 'CapReached' ? e.data.reachedOn : e.type === 'Completed' ? e.data.completedOn : undefined;
    return on ? { aps: { ...c.aps, postPspReviewOpenedOn: on } } : {};
  },
  issueAps: on('ApsIssued', (c, e) => ({
    aps: {
      ...c.aps,
      issuedOn: e.data.decisionDate,
      validFrom: e.data.validFrom,
      validTo: e.data.validTo,
      workAllowed: true,
    },
  })),
  refuseAps: on('ApsRefused', (c, e) => ({
    aps: {
      ...c.aps,
      refusal: { decisionDate: e.data.decisionDate, reason: e.data.reason, oqtfIssued: e.data.oqtfIssued },
    },
  })),
  fileApsRenewal: on('ApsRenewalFiled', (c, e) => ({
    aps: { ...c.aps, renewalFiledOn: e.data.filedOn, renewalCerSigned: e.data.cerSigned },
  })),
  renewAps: on('ApsRenewed', (c, e) => ({
    aps: { ...c.aps, validFrom: e.data.validFrom, validTo: e.data.validTo, workAllowed: true },
  })),
  expireAps: on('ApsExpired', (c, e) => ({
    aps: { ...c.aps, expiredOn: e.data.expiredOn, workAllowed: false },
  })),
  openPostPspReview: on('PostPspReviewOpened', (c, e) => ({
    aps: { ...c.aps, postPspReviewOpenedOn: e.data.openedOn },
  })),
  issueCst: on('CstIssued', (c, e) => ({
    aps: { ...c.aps, cst: { decisionDate: e.data.decisionDate, outcome: 'issued' } },
  })),
  refuseCst: on('CstRefused', (c, e) => ({
    aps: {
      ...c.aps,
      cst: { decisionDate: e.data.decisionDate, outcome: 'refused', oqtfIssued: e.data.oqtfIssued },
    },
  })),

  // AFIS region (section 4.4): machine/afis-updates.ts
  ...AFIS_UPDATES,
} satisfies Record<string, ContextUpdate>;

export type UpdateName = keyof typeof UPDATES;

/** PD-4: the observation period in force on the proposal date. */
function observationDays(context: PspCaseContext, on: CalendarDate): number {
  return valueOn('observationDays', context.params.observationDays, on);
}

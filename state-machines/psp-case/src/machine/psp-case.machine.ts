import { assign, setup } from 'xstate';
import { PspCaseEvent } from '../events';
import { deploymentParameters } from '../parameters';
import { PspCaseContext, PspCaseInput } from './context';
import { GUARD_RULES, GuardName } from './guard-rules';
import { UPDATES, UpdateName } from './updates';

/** Recorded with every event (ARCHITECTURE: versions are data). */
export const MACHINE_VERSION = 'psp-case@1';

export function initialContext(input: PspCaseInput | undefined): PspCaseContext {
  return {
    params: input?.params ?? deploymentParameters(),
    plannedActions: [],
    warnings: [],
    cycle: { kind: 'entry' },
    periods: [],
    decisions: [],
    followUps: [],
    aps: { need: 'unknown', asylumClaimPending: false, workAllowed: false },
    afis: { dependentChildren: 0 },
  };
}

type GuardArgs = { context: PspCaseContext; event: PspCaseEvent };

const guards = Object.fromEntries(
  Object.entries(GUARD_RULES).map(([name, rule]) => [
    name,
    ({ context, event }: GuardArgs) => rule(context, event).length === 0,
  ]),
) as Record<GuardName, (args: GuardArgs) => boolean>;

const actions = Object.fromEntries(
  Object.entries(UPDATES).map(([name, update]) => [
    name,
    assign<PspCaseContext, PspCaseEvent, undefined, PspCaseEvent, never>(({ context, event }) =>
      update(context, event),
    ),
  ]),
) as Record<
  UpdateName,
  ReturnType<typeof assign<PspCaseContext, PspCaseEvent, undefined, PspCaseEvent, never>>
>;

const S = '#psp.status';

/** PSP-07: the association answers a probable earlier parcours before the préfet decides (no silent merge). */
const personLink = {
  PersonLinkConfirmed: { guard: 'personMatchPending', actions: 'confirmPersonLink' },
  PersonLinkDenied: { guard: 'personMatchPending', actions: 'denyPersonLink' },
} as const;

/** Leaving a status for good: closure (T18) and the person's withdrawal (PD-1). */
const exits = {
  ClosedOther: { guard: 'closureReasonAllowed', target: `${S}.closed`, actions: 'close' },
  Withdrawn: { guard: 'withdrawalByPerson', target: `${S}.withdrawn`, actions: 'withdraw' },
} as const;

/**
 * A status where a period runs (`aps_pending`, `active`, `renewed`): the renewal sub-process is a
 * stage inside it, and the current period keeps running meanwhile (PD-1).
 */
function runningStatus<T extends object>(extra: T) {
  return {
    initial: 'period_running',
    states: {
      period_running: {
        on: {
          RenewalInstructionStarted: {
            guard: 'renewalMayStart',
            target: 'renewal_instructing',
            actions: 'startRenewalCycle',
          },
          ...extra,
        },
      },
      renewal_instructing: {
        on: {
          RenewalSubmitted: {
            guard: 'renewalInstructionComplete',
            target: 'renewal_awaiting_commission',
            actions: 'recordRenewalFile',
          },
          AssociationOpinionRecorded: {
            guard: 'renewalOpinionExpected',
            actions: 'recordAssociationOpinion',
          },
        },
      },
      renewal_awaiting_commission: {
        on: {
          CommissionOpinionRecorded: {
            guard: 'renewalCommissionOpinionValid',
            target: 'renewal_awaiting_decision',
            actions: 'recordCommissionOpinion',
          },
          AssociationOpinionRecorded: {
            guard: 'renewalOpinionExpected',
            actions: 'recordAssociationOpinion',
          },
        },
      },
      renewal_awaiting_decision: {
        on: {
          NonRenewalProposed: {
            guard: 'mayProposeNonRenewal',
            target: 'non_renewal_proposed',
            actions: 'proposeNonRenewal',
          },
          AssociationOpinionRecorded: {
            guard: 'renewalOpinionExpected',
            actions: 'recordAssociationOpinion',
          },
        },
      },
      non_renewal_proposed: {
        on: { ObservationsReceived: { actions: 'recordObservations' } },
      },
    },
    on: {
      RenewalGranted: [
        { guard: 'renewalGrantedWithApsOutstanding', target: `${S}.aps_pending`, actions: 'grantRenewal' },
        { guard: 'mayGrantRenewal', target: `${S}.renewed`, actions: 'grantRenewal' },
      ],
      NonRenewalNotified: {
        guard: 'observationsStepDone',
        target: `${S}.not_renewed`,
        actions: 'notifyNonRenewal',
      },
      PeriodEnded: { guard: 'periodEndedNotFinal', target: `${S}.lapsed`, actions: 'lapse' },
      CapReached: { guard: 'capReachedNow', target: `${S}.completed`, actions: 'reachCap' },
      Completed: { guard: 'completionInPeriod', target: `${S}.completed`, actions: 'complete' },
      Interrupted: { guard: 'interruptionInPeriod', target: `${S}.interrupted`, actions: 'interrupt' },
      CommissionFollowUpRecorded: { actions: 'recordFollowUp' },
      ...exits,
    },
  } as const;
}

/**
 * A renewal decided by the period's last day but recorded after the deadline job lapsed the case
 * applies as if it had come first (PD-4, docs/adr/0009).
 */
const renewalRecordedAfterLapse = {
  RenewalGranted: [
    { guard: 'renewalAfterLapseWithApsOutstanding', target: `${S}.aps_pending`, actions: 'grantRenewal' },
    { guard: 'mayGrantRenewalAfterLapse', target: `${S}.renewed`, actions: 'grantRenewal' },
  ],
} as const;

/** `interrupted` and `lapsed` can resume after a new instruction and both opinions (T16). */
function resumableStatus(idle: Partial<typeof renewalRecordedAfterLapse> = {}) {
  return {
    initial: 'idle',
    states: {
      idle: {
        on: {
          ResumptionRequested: {
            guard: 'resumptionFiledWithAgrement',
            target: 'resumption_awaiting_commission',
            actions: 'startResumptionCycle',
          },
          ...idle,
        },
      },
      resumption_awaiting_commission: {
        on: {
          CommissionOpinionRecorded: {
            guard: 'resumptionCommissionOpinionValid',
            target: 'resumption_awaiting_decision',
            actions: 'recordCommissionOpinion',
          },
          AssociationOpinionRecorded: {
            guard: 'resumptionOpinionExpected',
            actions: 'recordAssociationOpinion',
          },
        },
      },
      resumption_awaiting_decision: {
        on: {
          PrefectRefused: { guard: 'mayRefuseResumption', target: 'idle', actions: 'refuseResumption' },
          AssociationOpinionRecorded: {
            guard: 'resumptionOpinionExpected',
            actions: 'recordAssociationOpinion',
          },
        },
      },
    },
    on: {
      ResumptionAuthorised: [
        { guard: 'resumedWithApsOutstanding', target: `${S}.aps_pending`, actions: 'resume' },
        { guard: 'mayResume', target: `${S}.renewed`, actions: 'resume' },
      ],
      ...exits,
    },
  } as const;
}

/** APS need determined (section 3.2): blocked while asylum is pending (APS-09), to file once authorised. */
const apsRequired = {
  ApsRequired: [
    { guard: 'apsRequiredWhileAsylumPending', target: 'blocked_asylum_pending', actions: 'apsRequired' },
    { guard: 'apsRequiredAfterAuthorisation', target: 'to_file', actions: 'apsRequired' },
    { guard: 'apsDetermination', target: 'awaiting_authorisation', actions: 'apsRequired' },
  ],
} as const;

/** The person obtained another residence title before the APS was issued: no APS needed any more. */
const anotherTitle = {
  ApsNotApplicable: { target: 'not_applicable', actions: 'apsNotApplicable' },
} as const;

/**
 * T17 / APS-12: when a foreign national's parcours completes, the post-PSP residence review opens by
 * itself (a task with a deadline for the foreigners' department); no residence card follows by itself.
 */
const reviewOnCompletion = {
  CapReached: {
    guard: 'capReachedForForeignNational',
    target: 'post_psp_review',
    actions: 'openPostPspReviewOnCompletion',
  },
  Completed: {
    guard: 'completedForForeignNational',
    target: 'post_psp_review',
    actions: 'openPostPspReviewOnCompletion',
  },
} as const;

/** APS-03 / APS-07 / D2: the préfecture asks for documents; what the law excludes is refused. */
const documentsRequest = {
  ApsDocumentsRequested: { guard: 'prefectureMayRequire', actions: 'recordDocumentsRequested' },
} as const;

/**
 * The end of the parcours ends the AFIS, and a pending AFIS request with it, on the first day
 * without PSP rights (D.121-12-16; R.121-12-10 for a non-renewal, from its notification).
 */
const afisEndsWithPsp = {
  NonRenewalNotified: { guard: 'observationsStepDone', target: 'ended', actions: 'endAfisWithPsp' },
  CapReached: { guard: 'capReachedNow', target: 'ended', actions: 'endAfisWithPsp' },
  Completed: { guard: 'completionInPeriod', target: 'ended', actions: 'endAfisWithPsp' },
  Interrupted: { guard: 'interruptionInPeriod', target: 'ended', actions: 'endAfisWithPsp' },
  PeriodEnded: { guard: 'periodEndedNotFinal', target: 'ended', actions: 'endAfisWithPsp' },
  ClosedOther: { guard: 'closureReasonAllowed', target: 'ended', actions: 'endAfisWithPsp' },
  Withdrawn: { guard: 'withdrawalByPerson', target: 'ended', actions: 'endAfisWithPsp' },
} as const;

/** While the AFIS runs: only the préfet ends it (T20, R.121-12-13-2), and a PSP renewal asks for a new decision. */
const afisRunning = {
  ...afisEndsWithPsp,
  AfisEnded: { guard: 'afisEndLawful', target: 'ended', actions: 'endAfisByDecision' },
  AfisChangeReported: { target: 'reexamination' },
  RenewalGranted: { guard: 'mayGrantRenewal', target: 'renewal_check', actions: 'startAfisRenewalCheck' },
  ResumptionAuthorised: { guard: 'mayResume', target: 'renewal_check', actions: 'startAfisRenewalCheck' },
} as const;

/** D.121-12-17: the MSA's report (schema 2) sets the amount and tells the préfet; it never ends the aid. */
const msaReport = [
  { guard: 'afisReportConditionsMet', target: 'paying', actions: 'reexamineAfis' },
  { guard: 'afisReportConditionsLost', target: 'reported_to_prefect', actions: 'reexamineAfis' },
] as const;

/**
 * The PSP case (L.121-9 II; R.121-12-9 to R.121-12-13-2) with the APS (CESEDA L.425-4) and the AFIS
 * as parallel regions of one machine (PD-2). Pure: no delays, no actors, no clock.
 */
export const pspCaseMachine = setup({
  types: {
    context: {} as PspCaseContext,
    events: {} as PspCaseEvent,
    input: {} as PspCaseInput,
  },
  guards,
  actions,
}).createMachine({
  id: 'psp',
  type: 'parallel',
  context: ({ input }) => initialContext(input),
  /** Papers are filed in any status once the case is opened (docs/documents.md). */
  on: { DocumentFiled: { guard: 'documentMayBeFiled', actions: 'fileDocument' } },
  states: {
    status: {
      initial: 'not_opened',
      states: {
        /** Before the first event; a case stream always starts with RequestOpened (T1). */
        not_opened: {
          on: { RequestOpened: { guard: 'requestAdmissible', target: 'requested', actions: 'openRequest' } },
        },
        requested: {
          initial: 'drafting',
          states: {
            drafting: {
              on: {
                InstructionCompleted: {
                  guard: 'instructionComplete',
                  target: 'instructed',
                  actions: 'completeInstruction',
                },
              },
            },
            instructed: {
              on: {
                SubmittedToPrefecture: { guard: 'entryFiledWithAgrement', target: `${S}.under_review` },
                AssociationOpinionRecorded: {
                  guard: 'entryOpinionExpected',
                  actions: 'recordAssociationOpinion',
                },
              },
            },
          },
          on: { ...exits, ...personLink },
        },
        under_review: {
          initial: 'awaiting_commission',
          states: {
            awaiting_commission: {
              on: {
                CommissionOpinionRecorded: {
                  guard: 'entryCommissionOpinionValid',
                  target: 'awaiting_decision',
                  actions: 'recordCommissionOpinion',
                },
              },
            },
            awaiting_decision: {},
          },
          on: {
            AssociationOpinionRecorded: {
              guard: 'entryOpinionExpected',
              actions: 'recordAssociationOpinion',
            },
            PrefectAuthorised: {
              guard: 'prefectMayAuthorise',
              target: `${S}.authorised`,
              actions: 'authorise',
            },
            PrefectRefused: { guard: 'prefectMayRefuse', target: `${S}.refused`, actions: 'refuse' },
            ...exits,
            ...personLink,
          },
        },
        authorised: {
          on: {
            DecisionNotified: [
              { guard: 'notifiedWithApsOutstanding', target: 'aps_pending', actions: 'notify' },
              { guard: 'notified', target: 'active', actions: 'notify' },
            ],
            ...exits,
          },
        },
        aps_pending: runningStatus({
          ApsIssued: [
            { guard: 'apsIssuedOnFirstPeriod', target: `${S}.active` },
            { guard: 'apsIssuable', target: `${S}.renewed` },
          ],
          ApsNotApplicable: [
            { guard: 'apsNotApplicableOnFirstPeriod', target: `${S}.active` },
            { target: `${S}.renewed` },
          ],
        } as const),
        active: runningStatus({
          ApsRequired: { guard: 'apsNotYetRequired', target: `${S}.aps_pending` },
        } as const),
        renewed: runningStatus({
          ApsRequired: { guard: 'apsNotYetRequired', target: `${S}.aps_pending` },
        } as const),
        completed: {
          on: { Completed: { actions: 'recordOutcomes' } },
        },
        withdrawn: {},
        refused: {
          on: {
            CourtOrderedAuthorisation: {
              guard: 'courtOrderAllowed',
              target: 'authorised',
              actions: 'orderAuthorisation',
            },
            ...personLink,
          },
        },
        not_renewed: {
          on: {
            CourtOrderedAuthorisation: {
              guard: 'courtOrderAllowed',
              target: 'authorised',
              actions: 'orderAuthorisation',
            },
          },
        },
        lapsed: resumableStatus(renewalRecordedAfterLapse),
        interrupted: resumableStatus(),
        closed: {},
      },
    },

    /** Section 3.2: the residence permit (APS, CESEDA L.425-4) for foreign nationals. */
    aps: {
      initial: 'undetermined',
      states: {
        undetermined: {
          on: {
            ApsNotApplicable: {
              guard: 'apsDetermination',
              target: 'not_applicable',
              actions: 'apsNotApplicable',
            },
            ...apsRequired,
          },
        },
        /** Re-determined when the facts change (a title lost or obtained). */
        not_applicable: { on: { ...apsRequired } },
        awaiting_authorisation: {
          on: {
            ...anotherTitle,
            PrefectAuthorised: { guard: 'apsAuthorisationGiven', target: 'to_file' },
            CourtOrderedAuthorisation: { guard: 'apsCourtOrderGiven', target: 'to_file' },
            AsylumClaimPending: { target: 'blocked_asylum_pending', actions: 'asylumPending' },
          },
        },
        blocked_asylum_pending: {
          on: {
            ...anotherTitle,
            AsylumFinallyRejected: [
              { guard: 'asylumRejectedWhilePspRuns', target: 'to_file', actions: 'asylumRejected' },
              {
                guard: 'asylumRejectedBeforeDecision',
                target: 'awaiting_authorisation',
                actions: 'asylumRejected',
              },
            ],
          },
        },
        to_file: {
          on: {
            ...anotherTitle,
            ...documentsRequest,
            ApsFiled: { guard: 'apsChecklistComplete', target: 'filed', actions: 'fileAps' },
            AsylumClaimPending: { target: 'blocked_asylum_pending', actions: 'asylumPending' },
          },
        },
        filed: {
          on: {
            ...anotherTitle,
            ...documentsRequest,
            ApsIssued: { guard: 'apsIssuable', target: 'issued', actions: 'issueAps' },
            ApsRefused: { guard: 'apsRefusalGrounded', target: 'refused', actions: 'refuseAps' },
            AsylumClaimPending: { target: 'blocked_asylum_pending', actions: 'asylumPending' },
          },
        },
        issued: {
          on: {
            ...documentsRequest,
            ApsRenewalFiled: {
              guard: 'apsRenewalMayBeFiled',
              target: 'renewal_filed',
              actions: 'fileApsRenewal',
            },
            ApsExpired: { guard: 'apsValidityOver', target: 'expired', actions: 'expireAps' },
            PostPspReviewOpened: {
              guard: 'pspCompleted',
              target: 'post_psp_review',
              actions: 'openPostPspReview',
            },
            ...reviewOnCompletion,
          },
        },
        renewal_filed: {
          on: {
            ...documentsRequest,
            ...reviewOnCompletion,
            ApsRenewed: { guard: 'apsRenewable', target: 'renewed', actions: 'renewAps' },
            ApsRefused: { guard: 'apsRenewalRefusalGrounded', target: 'not_renewed', actions: 'refuseAps' },
            ApsExpired: { guard: 'apsValidityOver', target: 'expired', actions: 'expireAps' },
          },
        },
        renewed: {
          on: {
            ...documentsRequest,
            ApsRenewalFiled: {
              guard: 'apsRenewalMayBeFiled',
              target: 'renewal_filed',
              actions: 'fileApsRenewal',
            },
            ApsExpired: { guard: 'apsValidityOver', target: 'expired', actions: 'expireAps' },
            PostPspReviewOpened: {
              guard: 'pspCompleted',
              target: 'post_psp_review',
              actions: 'openPostPspReview',
            },
            ...reviewOnCompletion,
          },
        },
        refused: {
          on: {
            ...anotherTitle,
            ApsFiled: { guard: 'apsChecklistComplete', target: 'filed', actions: 'fileAps' },
          },
        },
        not_renewed: {
          on: {
            PostPspReviewOpened: {
              guard: 'pspCompleted',
              target: 'post_psp_review',
              actions: 'openPostPspReview',
            },
            ...reviewOnCompletion,
          },
        },
        expired: {
          on: {
            ApsRenewalFiled: {
              guard: 'apsRenewalMayBeFiled',
              target: 'renewal_filed',
              actions: 'fileApsRenewal',
            },
            PostPspReviewOpened: {
              guard: 'pspCompleted',
              target: 'post_psp_review',
              actions: 'openPostPspReview',
            },
            ...reviewOnCompletion,
          },
        },
        post_psp_review: {
          on: {
            CstIssued: { target: 'cst_issued', actions: 'issueCst' },
            CstRefused: { guard: 'cstRefusalReasoned', target: 'cst_refused', actions: 'refuseCst' },
          },
        },
        cst_issued: {},
        cst_refused: {},
      },
    },

    /** Section 4.4: the financial aid (AFIS, L.121-9 II; R.121-12-13-1; D.121-12-14 to -18). */
    afis: {
      initial: 'not_requested',
      states: {
        not_requested: {
          on: {
            AfisRequested: { guard: 'afisRequestOnOpenCase', target: 'requested', actions: 'requestAfis' },
          },
        },
        requested: { on: { AfisInstructionStarted: { target: 'under_instruction' }, ...afisEndsWithPsp } },
        under_instruction: {
          on: { AfisInstructionCompleted: { target: 'awaiting_avis' }, ...afisEndsWithPsp },
        },
        awaiting_avis: {
          on: {
            CommissionOpinionRecorded: {
              guard: 'afisCommissionOpinionValid',
              target: 'awaiting_decision',
              actions: 'recordAfisOpinion',
            },
            ...afisEndsWithPsp,
          },
        },
        awaiting_decision: {
          on: {
            AfisGranted: { guard: 'afisGrantable', target: 'paying', actions: 'grantAfis' },
            AfisRefused: { guard: 'afisRefusalReasoned', target: 'refused', actions: 'refuseAfis' },
            ...afisEndsWithPsp,
          },
        },
        paying: {
          on: { ...afisRunning, AfisReexamined: msaReport },
        },
        reexamination: {
          on: {
            ...afisRunning,
            AfisReexamined: [
              { guard: 'afisLegacyConditionsMet', target: 'paying', actions: 'reexamineAfis' },
              { guard: 'afisLegacyConditionsLost', target: 'ended', actions: 'endAfisConditionsLost' },
              ...msaReport,
            ],
          },
        },
        /** D.121-12-17: the MSA reported conditions no longer met; paid until the préfet decides (T20). */
        reported_to_prefect: {
          on: { ...afisRunning, AfisReexamined: msaReport },
        },
        /** 4.4 / AFIS-06: a PSP renewal needs the préfet's AFIS decision after the commission's opinion. */
        renewal_check: {
          on: {
            ...afisEndsWithPsp,
            AfisEnded: { guard: 'afisEndLawful', target: 'ended', actions: 'endAfisByDecision' },
            CommissionOpinionRecorded: {
              guard: 'afisCommissionOpinionValid',
              actions: 'recordAfisOpinion',
            },
            AfisGranted: { guard: 'afisGrantable', target: 'paying', actions: 'grantAfisRenewal' },
            AfisRefused: {
              guard: 'afisRenewalRefusalReasoned',
              target: 'ended',
              actions: 'refuseAfisRenewal',
            },
            AfisReexamined: [
              { guard: 'afisLegacyConditionsMet', target: 'paying', actions: 'legacyRenewAfis' },
              { guard: 'afisLegacyConditionsLost', target: 'ended', actions: 'endAfisConditionsLost' },
              { guard: 'afisReport', actions: 'reexamineAfis' },
            ],
          },
        },
        refused: {
          on: {
            AfisRequested: { guard: 'afisRequestOnOpenCase', target: 'requested', actions: 'requestAfis' },
          },
        },
        ended: {
          on: {
            AfisRequested: { guard: 'afisRequestOnOpenCase', target: 'requested', actions: 'requestAfis' },
            // PD-4: the lapse that ended the AFIS is undone by a renewal decided in time
            RenewalGranted: {
              guard: 'afisEndedByTheLapse',
              target: 'renewal_check',
              actions: 'reopenAfisAfterLapse',
            },
          },
        },
      },
      /** D.121-12-15 / F9: payments and refused seizure notices, whatever the AFIS's state. */
      on: {
        AfisPaymentMade: { guard: 'afisPaymentLawful', actions: 'recordAfisPayment' },
        AfisSeizureNoticeRefused: { guard: 'afisSeizureNoticeConcernsAfis', actions: 'refuseSeizureNotice' },
      },
    },
  },
});

export type PspCaseMachine = typeof pspCaseMachine;

/** The statuses a case can show (PD-1), read from the machine itself; `not_opened` exists only before T1. */
export const CASE_STATUSES = Object.keys(
  (pspCaseMachine.root.states.status as { states: Record<string, unknown> }).states,
).filter((status) => status !== 'not_opened');

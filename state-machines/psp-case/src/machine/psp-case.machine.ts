import { assign, setup } from 'xstate';
import { PspCaseEvent } from '../events';
import { DEFAULT_PSP_PARAMETERS } from '../parameters';
import { PspCaseContext, PspCaseInput } from './context';
import { GUARD_RULES, GuardName } from './guard-rules';
import { UPDATES, UpdateName } from './updates';

/** Recorded with every event (ARCHITECTURE: versions are data). */
export const MACHINE_VERSION = 'psp-case@1';

export function initialContext(input: PspCaseInput | undefined): PspCaseContext {
  return {
    params: input?.params ?? DEFAULT_PSP_PARAMETERS,
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

/** `interrupted` and `lapsed` can resume after a new instruction and both opinions (T16). */
function resumableStatus() {
  return {
    initial: 'idle',
    states: {
      idle: {
        on: {
          ResumptionRequested: { target: 'resumption_awaiting_commission', actions: 'startResumptionCycle' },
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

/** AFIS ends with the PSP rights, from any state where it is paid (D.121-12-16, R.121-12-10). */
const afisEndsWithPsp = {
  NonRenewalNotified: { guard: 'observationsStepDone', target: 'ended', actions: 'endAfisOnNonRenewal' },
  CapReached: { guard: 'capReachedNow', target: 'ended', actions: 'endAfisOnCompletion' },
  Completed: { guard: 'completionInPeriod', target: 'ended', actions: 'endAfisOnCompletion' },
  Interrupted: { guard: 'interruptionInPeriod', target: 'ended', actions: 'endAfisWithRights' },
  PeriodEnded: { guard: 'periodEndedNotFinal', target: 'ended', actions: 'endAfisWithRights' },
  ClosedOther: { guard: 'closureReasonAllowed', target: 'ended', actions: 'endAfisWithRights' },
  Withdrawn: { guard: 'withdrawalByPerson', target: 'ended', actions: 'endAfisWithRights' },
  AfisEnded: { target: 'ended', actions: 'endAfisByDecision' },
} as const;

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
                SubmittedToPrefecture: { target: `${S}.under_review` },
                AssociationOpinionRecorded: {
                  guard: 'entryOpinionExpected',
                  actions: 'recordAssociationOpinion',
                },
              },
            },
          },
          on: { ...exits },
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
        lapsed: resumableStatus(),
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
            ApsFiled: { guard: 'apsChecklistComplete', target: 'filed', actions: 'fileAps' },
            AsylumClaimPending: { target: 'blocked_asylum_pending', actions: 'asylumPending' },
          },
        },
        filed: {
          on: {
            ...anotherTitle,
            ApsIssued: { guard: 'apsIssuable', target: 'issued', actions: 'issueAps' },
            ApsRefused: { target: 'refused', actions: 'refuseAps' },
            AsylumClaimPending: { target: 'blocked_asylum_pending', actions: 'asylumPending' },
          },
        },
        issued: {
          on: {
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
          },
        },
        renewal_filed: {
          on: {
            ApsRenewed: { guard: 'apsRenewable', target: 'renewed', actions: 'renewAps' },
            ApsRefused: { target: 'not_renewed', actions: 'refuseAps' },
            ApsExpired: { guard: 'apsValidityOver', target: 'expired', actions: 'expireAps' },
          },
        },
        renewed: {
          on: {
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
        requested: { on: { AfisInstructionStarted: { target: 'under_instruction' } } },
        under_instruction: { on: { AfisInstructionCompleted: { target: 'awaiting_avis' } } },
        awaiting_avis: {
          on: {
            CommissionOpinionRecorded: {
              guard: 'afisCommissionOpinionValid',
              target: 'awaiting_decision',
              actions: 'recordAfisOpinion',
            },
          },
        },
        awaiting_decision: {
          on: {
            AfisGranted: { guard: 'afisGrantable', target: 'paying', actions: 'grantAfis' },
            AfisRefused: { guard: 'afisRefusalReasoned', target: 'refused', actions: 'refuseAfis' },
          },
        },
        paying: {
          on: {
            AfisChangeReported: { target: 'reexamination' },
            RenewalGranted: { guard: 'mayGrantRenewal', target: 'renewal_check' },
            ResumptionAuthorised: { guard: 'mayResume', target: 'renewal_check' },
            ...afisEndsWithPsp,
          },
        },
        reexamination: {
          on: {
            AfisReexamined: [
              { guard: 'afisConditionsStillMet', target: 'paying', actions: 'reexamineAfis' },
              { target: 'ended', actions: 'endAfisConditionsLost' },
            ],
            ...afisEndsWithPsp,
          },
        },
        renewal_check: {
          on: {
            AfisReexamined: [
              { guard: 'afisConditionsStillMet', target: 'paying', actions: 'reexamineAfis' },
              { target: 'ended', actions: 'endAfisConditionsLost' },
            ],
            ...afisEndsWithPsp,
          },
        },
        refused: { on: { AfisRequested: { target: 'requested', actions: 'requestAfis' } } },
        ended: { on: { AfisRequested: { target: 'requested', actions: 'requestAfis' } } },
      },
    },
  },
});

export type PspCaseMachine = typeof pspCaseMachine;

/** The statuses a case can show (PD-1), read from the machine itself; `not_opened` exists only before T1. */
export const CASE_STATUSES = Object.keys(
  (pspCaseMachine.root.states.status as { states: Record<string, unknown> }).states,
).filter((status) => status !== 'not_opened');

import { PlannedAction, PspCaseContext } from '@psp/psp-case';

/** PSP-11 actions that are health details (GDPR art. 9): kept out of the commission's summary (R3). */
export const HEALTH_ACTIONS: readonly PlannedAction[] = ['health_care'];

/**
 * The case file beyond the status view: the decision cycle and its opinions, decisions, the APS
 * file (annexe 10 items) and the AFIS request (household, resources, children). Sub-records are
 * copied as the machine keeps them, so a new field reaches the payload and, until it is
 * classified in `CASE_FIELDS` (libs/security disclosure), is shown to nobody and fails the contract test.
 */
export function caseFile(context: PspCaseContext) {
  return {
    parcours: {
      socialActions: context.plannedActions.filter((action) => !HEALTH_ACTIONS.includes(action)),
      healthCarePlanned: context.plannedActions.some((action) => HEALTH_ACTIONS.includes(action)),
    },
    cycle: context.cycle,
    decisions: context.decisions,
    nonRenewal: context.nonRenewal,
    interruption: context.interruption,
    closure: context.closure,
    withdrawnOn: context.withdrawnOn,
    completedOn: context.completedOn,
    followUps: context.followUps,
    aps: context.aps,
    afis: context.afis,
  };
}

export type CaseFile = ReturnType<typeof caseFile>;

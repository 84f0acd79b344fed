import { CalendarDate, addDays } from '@psp/legal-kernel';
import { AgrementLevel } from '../events';
import {
  AgrementDecisionRecord,
  AgrementTerm,
  ApplicationOnFile,
  currentTerm,
  lastValidDay,
  pendingRenewal,
} from '../machine/context';
import type { AgrementSnapshot } from '../machine/fold';
import { AgrementParameters, DEFAULT_AGREMENT_PARAMETERS, FileItemCode } from '../parameters';
import { completenessDeadline, expiryWarningFrom, silenceDeadline } from '../rules/clock-rules';

export type AgrementStatus =
  | 'unregistered'
  | 'applied'
  | 'incomplete'
  | 'complete'
  | 'granted'
  | 'renewed'
  | 'refused'
  | 'withdrawn'
  | 'expired';

export type RenewalStage = 'none' | 'applied' | 'incomplete' | 'complete';

/** Deadlines as data (ARCHITECTURE: timers are data); the scheduler emits the system events. */
export interface AgrementDeadlines {
  /** AGR-04: last day to ask for missing documents; `FileDeemedComplete` falls due the day after. */
  readonly completenessDeadline?: CalendarDate;
  /** AGR-05: `AgrementGrantedBySilence` falls due on this date. */
  readonly silenceDeadline?: CalendarDate;
  /** AGR-06: last day of validity of the running term. */
  readonly validTo?: CalendarDate;
  /**
   * AGR-06: `AgrementExpired` falls due on this date (the day after `validTo`, or after the day a
   * pending renewal kept it in force); absent while a renewal filed before `validTo` is undecided (AGR-07).
   */
  readonly expiresOn?: CalendarDate;
  /** Indicator 7.3 item 9: from this date the agrément expires within 6 months. */
  readonly expiryWarningFrom?: CalendarDate;
  /** AGR-08: end of the observation period of a proposed withdrawal. */
  readonly observationsDueOn?: CalendarDate;
}

export interface AgrementView {
  readonly associationId?: string;
  readonly status: AgrementStatus;
  readonly renewal: RenewalStage;
  readonly withdrawalProposed: boolean;
  readonly headOfficeDepartement?: string;
  /** AGR-09: départements of the latest term. */
  readonly departements: readonly string[];
  readonly validFrom?: CalendarDate;
  readonly validTo?: CalendarDate;
  /** AGR-11: the level note; informational only. */
  readonly levelNote?: AgrementLevel;
  readonly application?: {
    readonly applicationId: string;
    readonly kind: ApplicationOnFile['kind'];
    readonly receivedOn: CalendarDate;
    readonly completeness: ApplicationOnFile['completeness'];
    readonly requestedDepartements: readonly string[];
    readonly missingItems: readonly FileItemCode[];
  };
  readonly deadlines: AgrementDeadlines;
  readonly terms: readonly AgrementTerm[];
  readonly decisions: readonly AgrementDecisionRecord[];
}

export function agrementStatus(state: AgrementSnapshot): AgrementStatus {
  if (state.matches('granted')) {
    return currentTerm(state.context)?.kind.startsWith('renewed') ? 'renewed' : 'granted';
  }
  return (typeof state.value === 'string' ? state.value : 'granted') as AgrementStatus;
}

function renewalStage(state: AgrementSnapshot): RenewalStage {
  if (state.matches({ granted: { renewal: 'applied' } })) return 'applied';
  if (state.matches({ granted: { renewal: 'incomplete' } })) return 'incomplete';
  if (state.matches({ granted: { renewal: 'complete' } })) return 'complete';
  return 'none';
}

/** AGR-04, AGR-05, AGR-06, AGR-08 deadlines of the current state. */
export function agrementDeadlines(
  state: AgrementSnapshot,
  parameters: AgrementParameters = DEFAULT_AGREMENT_PARAMETERS,
): AgrementDeadlines {
  const { application, withdrawal } = state.context;
  const term = state.matches('granted') ? currentTerm(state.context) : undefined;
  const awaitingCompleteness = application !== undefined && application.completeness === 'awaiting';
  const silence = application ? silenceDeadline(application, parameters) : undefined;
  return {
    ...(application && awaitingCompleteness
      ? { completenessDeadline: completenessDeadline(application, parameters) }
      : {}),
    ...(silence ? { silenceDeadline: silence } : {}),
    ...(term
      ? {
          validTo: term.validTo,
          ...(pendingRenewal(state.context) ? {} : { expiresOn: addDays(lastValidDay(term), 1) }),
          expiryWarningFrom: expiryWarningFrom(term.validTo, parameters),
        }
      : {}),
    ...(withdrawal && state.matches('granted') ? { observationsDueOn: withdrawal.observationsDueOn } : {}),
  };
}

/** Indicator 7.3 item 9: the agrément in force expires within the warning window on `onDate`. */
export function isExpiringSoon(
  state: AgrementSnapshot,
  onDate: CalendarDate,
  parameters: AgrementParameters = DEFAULT_AGREMENT_PARAMETERS,
): boolean {
  const { expiryWarningFrom: from, validTo } = agrementDeadlines(state, parameters);
  return from !== undefined && validTo !== undefined && from <= onDate && onDate <= validTo;
}

export function agrementView(
  state: AgrementSnapshot,
  parameters: AgrementParameters = DEFAULT_AGREMENT_PARAMETERS,
): AgrementView {
  const { context } = state;
  const term = currentTerm(context);
  const application = context.application;
  return {
    ...(context.associationId ? { associationId: context.associationId } : {}),
    status: agrementStatus(state),
    renewal: renewalStage(state),
    withdrawalProposed: state.matches({ granted: { withdrawal: 'proposed' } }),
    ...(context.headOfficeDepartement ? { headOfficeDepartement: context.headOfficeDepartement } : {}),
    departements: term?.departements ?? [],
    ...(term ? { validFrom: term.validFrom, validTo: term.validTo } : {}),
    ...(term?.levelNote
      ? { levelNote: term.levelNote }
      : application?.levelNote
        ? { levelNote: application.levelNote }
        : {}),
    ...(application
      ? {
          application: {
            applicationId: application.applicationId,
            kind: application.kind,
            receivedOn: application.receivedOn,
            completeness: application.completeness,
            requestedDepartements: application.requestedDepartements,
            missingItems: application.missingItems,
          },
        }
      : {}),
    deadlines: agrementDeadlines(state, parameters),
    terms: context.terms,
    decisions: context.decisions,
  };
}

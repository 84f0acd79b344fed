import { CalendarDate } from '@psp/legal-kernel';
import { AgrementLevel, ApplicationData, WithdrawalGround } from '../events';
import { FileItemCode } from '../parameters';

/** An application (initial or renewal) being instructed, with its completeness clock (AGR-04). */
export interface ApplicationOnFile extends ApplicationData {
  readonly kind: 'initial' | 'renewal';
  readonly completeness: 'awaiting' | 'documents_requested' | 'complete' | 'deemed_complete';
  readonly missingDocumentsRequestedOn?: CalendarDate;
  readonly missingItems: readonly FileItemCode[];
  /** Items received with the application and afterwards (AGR-10). */
  readonly itemsOnFile: readonly FileItemCode[];
  /** Date the complete file was received: the AGR-05 silence clock starts here. */
  readonly completeOn?: CalendarDate;
}

/** One 3-year term of agrément (AGR-06), first grant or renewal (AGR-07), express or by silence (AGR-05). */
export interface AgrementTerm {
  readonly kind: 'granted' | 'granted_by_silence' | 'renewed' | 'renewed_by_silence';
  readonly applicationId: string;
  readonly decidedOn: CalendarDate;
  readonly validFrom: CalendarDate;
  /** Last day of validity (validFrom + 3 years − 1 day). */
  readonly validTo: CalendarDate;
  /** AGR-09: the départements named in the decision (the request as filed when granted by silence). */
  readonly departements: readonly string[];
  readonly decidedByDepartement?: string;
  /** AGR-11: a note only. */
  readonly levelNote?: AgrementLevel;
  /** AGR-08: first day the agrément no longer applies after a withdrawal. */
  readonly withdrawnOn?: CalendarDate;
  /**
   * AGR-07 (R.121-12-4): last day the term was kept in force after `validTo` because a renewal filed
   * before expiry was still undecided: the eve of the renewed term, or of the renewal's refusal.
   */
  readonly continuedTo?: CalendarDate;
}

/** The last day a term applied or applies: `validTo`, or later when a pending renewal kept it in force (AGR-07). */
export function lastValidDay(term: AgrementTerm): CalendarDate {
  return term.continuedTo !== undefined && term.continuedTo > term.validTo ? term.continuedTo : term.validTo;
}

/**
 * AGR-07 (R.121-12-4): the renewal filed while the current term ran and not decided yet: it keeps
 * the agrément in force after `validTo` until it is decided.
 */
export function pendingRenewal(context: AgrementContext): ApplicationOnFile | undefined {
  const term = currentTerm(context);
  const application = context.application;
  return term !== undefined &&
    term.withdrawnOn === undefined &&
    application?.kind === 'renewal' &&
    application.receivedOn <= term.validTo
    ? application
    : undefined;
}

/** AGR-08: the adversarial step before a withdrawal. */
export interface WithdrawalProcedure {
  readonly proposedOn: CalendarDate;
  readonly grounds: readonly WithdrawalGround[];
  readonly observationsDueOn: CalendarDate;
  readonly observationsReceivedOn?: CalendarDate;
}

/** A decision or system outcome kept for the audit trail and the indicators. */
export interface AgrementDecisionRecord {
  readonly type:
    | 'granted'
    | 'granted_by_silence'
    | 'refused'
    | 'renewed'
    | 'renewed_by_silence'
    | 'renewal_refused'
    | 'withdrawal_proposed'
    | 'withdrawal_abandoned'
    | 'withdrawn'
    | 'expired';
  readonly on: CalendarDate;
  readonly applicationId?: string;
  readonly reasons?: readonly string[];
}

export interface AgrementContext {
  readonly associationId?: string;
  readonly headOfficeDepartement?: string;
  readonly declaredOn?: CalendarDate;
  /** The application under instruction, if any. */
  readonly application?: ApplicationOnFile;
  readonly terms: readonly AgrementTerm[];
  readonly withdrawal?: WithdrawalProcedure;
  readonly decisions: readonly AgrementDecisionRecord[];
}

export const INITIAL_AGREMENT_CONTEXT: AgrementContext = { terms: [], decisions: [] };

/** The term in force or last granted (the latest one). */
export function currentTerm(context: AgrementContext): AgrementTerm | undefined {
  return context.terms[context.terms.length - 1];
}

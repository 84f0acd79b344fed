import { RuleResult, RuleWarning, allOf, satisfied, violation } from '@psp/legal-kernel';
import { EVENT_SCHEMA_VERSIONS, PSP_CASE_EVENT_TYPES, PspCaseEvent, PspCaseEventType } from './events';
import { PspCaseState, applyEvent } from './fold';
import { PspCaseContext } from './machine/context';
import { GUARD_RULES, GuardName } from './machine/guard-rules';
import { pspCaseMachine } from './machine/psp-case.machine';
import {
  afisOpinionOnFile,
  bothOpinionsOnFile,
  capNotReached,
  dayAfterLastPeriod,
  personLinkDecided,
  personPeriods,
} from './rules';

export type Decision =
  | { readonly accepted: true; readonly next: PspCaseState; readonly warnings: readonly RuleWarning[] }
  | { readonly accepted: false; readonly violations: RuleResult };

/** The transition of section 2.3 (or the sub-process section) each event belongs to, for generic refusals. */
export const EVENT_RULE: { readonly [K in PspCaseEventType]: string } = {
  RequestOpened: 'T1',
  InstructionCompleted: 'T2',
  AssociationOpinionRecorded: 'PSP-03',
  SubmittedToPrefecture: 'T3',
  CommissionOpinionRecorded: 'T4',
  PrefectAuthorised: 'T5',
  PrefectRefused: 'T6',
  DecisionNotified: 'T7',
  RenewalInstructionStarted: 'T8',
  RenewalSubmitted: 'T8',
  RenewalGranted: 'T10',
  NonRenewalProposed: 'T11',
  ObservationsReceived: 'T11',
  NonRenewalNotified: 'T12',
  PeriodEnded: 'T14',
  CapReached: 'T17',
  Interrupted: 'T15',
  ResumptionRequested: 'T16',
  ResumptionAuthorised: 'T16',
  ClosedOther: 'T18',
  Withdrawn: 'PD-1',
  Completed: 'T17',
  CourtOrderedAuthorisation: 'T19',
  CommissionFollowUpRecorded: 'PSP-12',
  ApsNotApplicable: 'APS-01',
  ApsRequired: 'APS-01',
  AsylumClaimPending: 'APS-09',
  AsylumFinallyRejected: 'APS-09',
  ApsFiled: 'APS-01',
  ApsDocumentsRequested: 'APS-07',
  ApsIssued: 'APS-01',
  ApsRefused: 'APS-15',
  ApsRenewalFiled: 'APS-05',
  ApsRenewed: 'APS-05',
  ApsExpired: 'APS-05',
  PostPspReviewOpened: 'APS-12',
  CstIssued: 'APS-12',
  CstRefused: 'APS-12',
  AfisRequested: 'AFIS-01',
  AfisInstructionStarted: 'AFIS-06',
  AfisInstructionCompleted: 'AFIS-06',
  AfisGranted: 'AFIS-06',
  AfisRefused: 'AFIS-06',
  AfisChangeReported: 'AFIS-06',
  AfisReexamined: 'AFIS-06',
  AfisEnded: 'T20',
  PersonLinkConfirmed: 'PSP-07',
  PersonLinkDenied: 'PSP-07',
  AfisPaymentMade: 'D.121-12-16',
  AfisSeizureNoticeRefused: 'F9',
  DocumentFiled: 'ACL-05',
};

interface ChartNode {
  readonly path: readonly string[];
  readonly states: Record<string, ChartNode>;
  readonly transitions: Map<string, readonly { readonly guard?: unknown }[]>;
}

function allNodes(node: ChartNode): ChartNode[] {
  return [node, ...Object.values(node.states).flatMap(allNodes)];
}

function valueOfPath(path: readonly string[]): string | Record<string, unknown> {
  const [head, ...rest] = path;
  return rest.length === 0 ? head : { [head]: valueOfPath(rest) };
}

/** Every state node of the chart with the state value that matches it (computed once). */
const NODES = allNodes(pspCaseMachine.root as unknown as ChartNode)
  .filter((n) => n.path.length > 0)
  .map((node) => ({ node, value: valueOfPath(node.path) }));

function activeNodes(state: PspCaseState): ChartNode[] {
  return NODES.filter(({ value }) => state.matches(value as never)).map(({ node }) => node);
}

/** The candidate guards of `type` in the current state (undefined entry: a transition without guard). */
function candidateGuards(
  state: PspCaseState,
  type: PspCaseEventType,
  active: readonly ChartNode[] = activeNodes(state),
): (GuardName | undefined)[] | undefined {
  const candidates = active.flatMap((node) => node.transitions.get(type) ?? []);
  if (candidates.length === 0) return undefined;
  return candidates.map((t) => (typeof t.guard === 'string' ? (t.guard as GuardName) : undefined));
}

/** Where the case stands, as the region the event concerns shows it. */
export function describeState(state: PspCaseState, type: PspCaseEventType): string {
  const value = state.value as { status: string | Record<string, string>; aps: string; afis: string };
  if (
    type.startsWith('Aps') ||
    [
      'AsylumClaimPending',
      'AsylumFinallyRejected',
      'PostPspReviewOpened',
      'CstIssued',
      'CstRefused',
    ].includes(type)
  ) {
    return `aps.status ${value.aps}`;
  }
  if (type.startsWith('Afis')) return `afis.status ${value.afis}`;
  const status = value.status;
  if (typeof status === 'string') return `status ${status}`;
  const [name, stage] = Object.entries(status)[0];
  return `status ${name} (stage ${stage})`;
}

function dedupe(result: RuleResult): RuleResult {
  const seen = new Set<string>();
  return result.filter((v) => {
    const key = `${v.rule}|${v.message}|${v.missing ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Why `event` is refused in `state` (PD-6): the failing rules of its guards, or the transition it needs. */
export function explainRefusal(state: PspCaseState, event: PspCaseEvent): RuleResult {
  const guards = candidateGuards(state, event.type);
  if (!guards) {
    const aps = (state.value as { aps?: string }).aps;
    if (aps === 'blocked_asylum_pending' && describeState(state, event.type).startsWith('aps.')) {
      return violation('APS-09', 'no APS while the asylum claim is pending', 'asylumDecision');
    }
    return violation(
      EVENT_RULE[event.type],
      `${event.type} is not allowed while the case is in ${describeState(state, event.type)}`,
    );
  }
  const reasons = dedupe(
    guards
      .flatMap((name) => (name ? GUARD_RULES[name](state.context, event) : satisfied))
      .filter((v) => v.rule !== 'PD-1' || !v.message.startsWith('the APS is not outstanding')),
  );
  return reasons.length > 0
    ? reasons
    : violation(
        EVENT_RULE[event.type],
        `${event.type} is not allowed while the case is in ${describeState(state, event.type)}`,
      );
}

/**
 * Decide on a candidate event: accepted with the next state (and any new warnings, PD-4), or refused
 * with the rule IDs and reasons (PD-6). Nothing is written here: the workflow layer appends.
 */
export function decide(state: PspCaseState, event: PspCaseEvent): Decision {
  if (event.schemaVersion !== EVENT_SCHEMA_VERSIONS[event.type]) {
    return {
      accepted: false,
      violations: violation(
        'PD-5',
        `${event.type} must use schema version ${EVENT_SCHEMA_VERSIONS[event.type]}`,
      ),
    };
  }
  // One transition, not `state.can(event)` and then the transition (each selects the enabled
  // transitions, guards included): XState answers the very same snapshot when none is enabled.
  const next = applyEvent(state, event);
  if (next === state) return { accepted: false, violations: explainRefusal(state, event) };
  return { accepted: true, next, warnings: next.context.warnings.slice(state.context.warnings.length) };
}

/** Context-only preconditions, checked before any payload is known (the rest is checked by `decide`). */
const PRECONDITIONS: Partial<Record<PspCaseEventType, (context: PspCaseContext) => RuleResult>> = {
  PrefectAuthorised: (c) => allOf(bothOpinionsOnFile(c.cycle), personLinkDecided(c)),
  PrefectRefused: (c) => bothOpinionsOnFile(c.cycle),
  // PD-4: after a lapse, a renewal decided in time rests on the cycle that was under way then
  RenewalGranted: (c) => bothOpinionsOnFile(c.lapsedCycle ?? c.cycle),
  NonRenewalProposed: (c) => bothOpinionsOnFile(c.cycle),
  ResumptionAuthorised: (c) => bothOpinionsOnFile(c.cycle),
  RenewalInstructionStarted: (c) => {
    const next = dayAfterLastPeriod(c.periods);
    return next ? capNotReached(next, personPeriods(c), c.params) : satisfied;
  },
  NonRenewalNotified: (c) =>
    c.nonRenewal
      ? satisfied
      : violation(
          'PSP-09',
          'the person must first be able to present observations on a non-renewal proposed in the current decision cycle',
          'nonRenewalProposal',
        ),
  AfisGranted: (c) => afisOpinionOnFile(c),
  CourtOrderedAuthorisation: (c) => personLinkDecided(c),
  PersonLinkConfirmed: (c) =>
    c.personLink === 'pending'
      ? satisfied
      : violation('PSP-07', 'no probable earlier parcours awaits an answer'),
  PersonLinkDenied: (c) =>
    c.personLink === 'pending'
      ? satisfied
      : violation('PSP-07', 'no probable earlier parcours awaits an answer'),
  ApsIssued: (c) =>
    c.aps.asylumClaimPending
      ? violation('APS-09', 'no APS is issued while the asylum claim is pending')
      : satisfied,
  PostPspReviewOpened: (c) =>
    c.completedOn ? satisfied : violation('APS-12', 'the post-PSP review follows a completed PSP'),
};

export interface EventAvailability {
  readonly type: PspCaseEventType;
  readonly available: boolean;
  /** Empty when available; otherwise the rule and reason it is refused now. */
  readonly violations: RuleResult;
}

/** Each case event type with whether it may be issued now, or the reasons it is refused (PD-6). */
export function availableEvents(state: PspCaseState): readonly EventAvailability[] {
  const active = activeNodes(state); // once for all the event types, not once per type
  return PSP_CASE_EVENT_TYPES.map((type) => {
    const guards = candidateGuards(state, type, active);
    const violations = !guards
      ? violation(
          EVENT_RULE[type],
          `${type} is not allowed while the case is in ${describeState(state, type)}`,
        )
      : (PRECONDITIONS[type]?.(state.context) ?? satisfied);
    return { type, available: violations.length === 0, violations };
  });
}

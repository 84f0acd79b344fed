import { CalendarDate, RuleResult, daysBetween, satisfied, violation } from '@psp/legal-kernel';
import { AgendaItem, Attendance, EarlierSitting, agendaSubjectOf } from '../events';
import { CommissionParameters, DEFAULT_COMMISSION_PARAMETERS, commissionParameterOn } from '../parameters';
import { ItemParticipation } from '../rules/participation-rules';
import { noticePeriodRespected, participationFor } from '../rules/session-rules';
import {
  CommissionOpinionRecord,
  DeliberationRecord,
  PolicyDeliberationRecord,
  ProxyRecord,
  SessionContext,
} from '../session/context';
import type { SessionSnapshot } from '../session/fold';

export type SessionStatus = 'notConvened' | 'convened' | 'sitting' | 'closed' | 'cancelled';

export interface AgendaItemView {
  readonly item: AgendaItem;
  readonly participation: ItemParticipation;
  readonly deliberated: boolean;
  /** Closed without a deliberation: the item goes to another session. */
  readonly postponed: boolean;
  readonly record?: DeliberationRecord;
}

export interface SessionView {
  readonly sessionId?: string;
  readonly commissionId?: string;
  readonly status: SessionStatus;
  readonly convenedOn?: CalendarDate;
  readonly sittingOn?: CalendarDate;
  readonly noticeDays?: number;
  /** COM-07 (scenario 34): notice under 5 days without urgency. */
  readonly noticeWarnings: RuleResult;
  readonly urgency: boolean;
  readonly secondConvocation: boolean;
  readonly attendance: readonly Attendance[];
  readonly proxies: readonly ProxyRecord[];
  readonly agenda: readonly AgendaItemView[];
  readonly opinions: readonly CommissionOpinionRecord[];
  readonly policyDeliberations: readonly PolicyDeliberationRecord[];
}

/** COM-08: the case opinions of a session, as the case streams consume them. */
export function opinionsOf(state: { readonly context: SessionContext }): CommissionOpinionRecord[] {
  return state.context.deliberations.flatMap((record) => {
    if (record.kindOfRecord !== 'opinion') return [];
    const { kindOfRecord: _kind, ...opinion } = record;
    return [opinion];
  });
}

export function sessionView(
  state: SessionSnapshot,
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
): SessionView {
  const { context } = state;
  const status = state.value as SessionStatus;
  const agenda = context.agenda.map((item): AgendaItemView => {
    const record = context.deliberations.find((candidate) => candidate.itemId === item.itemId);
    return {
      item,
      participation: participationFor(context, item, parameters),
      deliberated: record !== undefined,
      postponed: record === undefined && status === 'closed',
      ...(record ? { record } : {}),
    };
  });
  return {
    ...(context.sessionId ? { sessionId: context.sessionId } : {}),
    ...(context.commissionId ? { commissionId: context.commissionId } : {}),
    status,
    ...(context.convenedOn && context.sittingOn
      ? {
          convenedOn: context.convenedOn,
          sittingOn: context.sittingOn,
          noticeDays: daysBetween(context.convenedOn, context.sittingOn),
        }
      : {}),
    noticeWarnings:
      context.convenedOn && context.sittingOn
        ? noticePeriodRespected(context.convenedOn, context.sittingOn, context.urgency, parameters)
        : satisfied,
    urgency: context.urgency,
    secondConvocation: context.secondConvocation !== undefined,
    attendance: context.attendance,
    proxies: context.proxies,
    agenda,
    opinions: opinionsOf(state),
    policyDeliberations: context.deliberations.flatMap((record) => {
      if (record.kindOfRecord !== 'policy') return [];
      const { kindOfRecord: _kind, ...deliberation } = record;
      return [deliberation];
    }),
  };
}

/**
 * COM-07 (CRPA R.133-10): the facts of a sitting that a second convocation names, as the server
 * copies them into `SessionConvened`: its commission, the day it sat, and the items it could not
 * deliberate because their quorum was not reached.
 */
export function earlierSittingFacts(
  state: { readonly context: SessionContext },
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
): EarlierSitting {
  const { context } = state;
  const lacking =
    context.openedOn === undefined
      ? []
      : context.agenda.filter(
          (item) =>
            !context.deliberations.some((record) => record.itemId === item.itemId) &&
            !participationFor(context, item, parameters).quorum.met,
        );
  return {
    ...(context.commissionId ? { commissionId: context.commissionId } : {}),
    ...(context.openedOn ? { openedOn: context.openedOn } : {}),
    itemsLackingQuorum: lacking.map(agendaSubjectOf),
  };
}

export interface MeetingsInYear {
  readonly year: number;
  /** Sessions that sat in the year (opened). */
  readonly held: number;
  /** Sessions that sat and deliberated at least one policy item (R.121-12-8). */
  readonly withPolicyDeliberation: number;
  readonly minimum: number;
  readonly met: boolean;
  readonly result: RuleResult;
}

/**
 * COM-06: policy meetings held in a year against the minimum in force on 1 January of that year
 * (1 a year, 2 from the decree of 30 Dec 2025 [S]; [I] the value on 1 January applies to the whole year).
 */
export function meetingsHeldInYear(
  sessions: readonly { readonly context: SessionContext }[],
  year: number,
  parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS,
): MeetingsInYear {
  const prefix = `${String(year).padStart(4, '0')}-`;
  const sat = sessions.filter(
    (session) => session.context.openedOn !== undefined && session.context.openedOn.startsWith(prefix),
  );
  const withPolicy = sat.filter((session) =>
    session.context.deliberations.some((record) => record.kindOfRecord === 'policy'),
  ).length;
  const minimum = commissionParameterOn(parameters, 'meetingsPerYearMinimum', `${prefix}01-01`);
  const met = withPolicy >= minimum;
  return {
    year,
    held: sat.length,
    withPolicyDeliberation: withPolicy,
    minimum,
    met,
    result: met
      ? satisfied
      : violation(
          'COM-06',
          `${withPolicy} policy meeting(s) in ${year}, at least ${minimum} required (R.121-12-8)`,
        ),
  };
}

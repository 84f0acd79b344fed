import { EventStore } from '@psp/event-store';
import { AgendaItem, CommissionView, SessionView, commissionView, sessionView } from '@psp/commission';
import { CalendarDate } from '@psp/legal-kernel';
import { Actor } from '@psp/security';
import { getNextTransitions } from 'xstate';
import { CommandAvailability, reservedTo } from '../cases/case-query';
import { SESSION_COMMANDS } from './commission-commands';
import { StreamNotFoundError } from '../command/command-errors';
import { commissionInScope } from './commission-access';
import {
  commissionAggregate,
  commissionSessionStreamId,
  commissionStreamId,
  sessionAggregate,
} from './commission-streams';

export interface CommissionSnapshot {
  readonly commissionId: string;
  readonly revision: number;
  /** Chairs and members by id and category with terms and training (COM-01..COM-05); never a name. */
  readonly commission: CommissionView;
}

/** The commission as the actor may see it, on a date (sitting members, category labels); 404 out of scope. */
export async function loadCommission(
  store: EventStore,
  commissionId: string,
  actor: Actor,
  on: CalendarDate,
): Promise<CommissionSnapshot> {
  const streamId = commissionStreamId(commissionId);
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new StreamNotFoundError(streamId);
  const state = commissionAggregate.fold(events);
  if (!commissionInScope(actor, state.context.departement)) throw new StreamNotFoundError(streamId);
  return {
    commissionId,
    revision: events[events.length - 1].revision,
    commission: commissionView(state, on),
  };
}

/** What a commission member sees of an item it sits on: opaque ids, no personal data, no instructing association. */
export interface MemberAgendaItem {
  readonly itemId: string;
  readonly kind: AgendaItem['kind'];
  readonly caseId?: string;
  readonly subject?: string;
  readonly deliberated: boolean;
}

/** A member on the sitting's roster, as copied into `SessionConvened`: ids and categories, never a name. */
export interface SessionRosterEntry {
  readonly memberId: string;
  readonly role: 'chair' | 'member';
  readonly category: string;
  readonly associationId?: string;
  readonly individualCaseAccess: boolean;
}

export type SessionSnapshot =
  | {
      readonly sessionId: string;
      readonly revision: number;
      readonly session: SessionView & { readonly roster: readonly SessionRosterEntry[] };
      readonly commands: readonly CommandAvailability[];
    }
  | {
      readonly sessionId: string;
      readonly revision: number;
      readonly commands: readonly CommandAvailability[];
      readonly member: {
        readonly status: SessionView['status'];
        readonly sittingOn?: CalendarDate;
        readonly agenda: readonly MemberAgendaItem[];
      };
    };

/**
 * One sitting as the actor may see it: the full view (agenda with recusals, eligible voters,
 * quorum, opinions) for the préfecture, the secretariat and auditors of the département; for a
 * commission member on the roster only the items it may sit on (ACL-01, ACL-02, ACL-03), as
 * opaque ids. 404 otherwise.
 */
export async function loadSession(
  store: EventStore,
  sessionId: string,
  actor: Actor,
): Promise<SessionSnapshot> {
  const streamId = commissionSessionStreamId(sessionId);
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new StreamNotFoundError(streamId);
  const state = sessionAggregate.fold(events);
  const view = sessionView(state);
  const revision = events[events.length - 1].revision;
  const { departement, members } = state.context;
  if (actor.role === 'commission_member') {
    const onRoster = members.some((member) => member.memberId === actor.memberId);
    if (actor.departement !== departement || !actor.memberId || !onRoster)
      throw new StreamNotFoundError(streamId);
    const agenda = view.agenda
      .filter((entry) => entry.participation.entitledMemberIds.includes(actor.memberId!))
      .map(({ item, deliberated }): MemberAgendaItem =>
        item.kind === 'policy'
          ? { itemId: item.itemId, kind: item.kind, subject: item.subject, deliberated }
          : { itemId: item.itemId, kind: item.kind, caseId: item.caseId, deliberated },
      );
    return {
      sessionId,
      revision,
      commands: sessionCommandsFor(actor, state),
      member: { status: view.status, ...(view.sittingOn ? { sittingOn: view.sittingOn } : {}), agenda },
    };
  }
  if (!commissionInScope(actor, departement)) throw new StreamNotFoundError(streamId);
  const roster = members.map((member): SessionRosterEntry => ({
    memberId: member.memberId,
    role: member.role,
    category: member.category,
    ...(member.associationId ? { associationId: member.associationId } : {}),
    individualCaseAccess: member.individualCaseAccess,
  }));
  return { sessionId, revision, session: { ...view, roster }, commands: sessionCommandsFor(actor, state) };
}

/**
 * Each command of a sitting with whether this actor may issue it now, or why not (as a case's
 * `commands`): the role (rule book 1.2), then the sitting's state (COM-07, COM-08: the agenda and
 * proxies before the opening, deliberations while it sits). Convening is the commission's command.
 * The facts a command carries (ballots, attendance) are still checked when it is sent.
 */
export function sessionCommandsFor(
  actor: Actor,
  state: ReturnType<typeof sessionAggregate.fold>,
): CommandAvailability[] {
  const taken = new Set(getNextTransitions(state).map((transition) => transition.eventType));
  const status = String(state.value);
  const { deliberations, agenda } = state.context;
  return SESSION_COMMANDS.filter((spec) => spec.eventType !== 'SessionConvened').map((spec) => {
    if (!spec.roles.includes(actor.role)) return reservedTo(spec);
    if (!taken.has(spec.eventType)) {
      const rule = spec.eventType === 'ItemDeliberated' ? 'COM-08' : 'COM-07';
      return {
        command: spec.name,
        allowed: false,
        reasons: [{ rule, message: `${spec.name} is not taken while the session is ${status}` }],
      };
    }
    if (
      spec.eventType === 'ItemDeliberated' &&
      agenda.every((item) => deliberations.some((record) => record.itemId === item.itemId))
    ) {
      return {
        command: spec.name,
        allowed: false,
        reasons: [{ rule: 'COM-08', message: 'every item on the agenda has been deliberated' }],
      };
    }
    return { command: spec.name, allowed: true, reasons: [] };
  });
}

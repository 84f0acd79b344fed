import { RecordedEvent } from '@psp/event-store';
import {
  COMMISSION_MACHINE_VERSION,
  COMMISSION_SESSION_MACHINE_VERSION,
  CommissionSnapshot,
  MembershipEvent,
  SessionEvent,
  SessionSnapshot,
  foldCommission,
  foldSession,
} from '@psp/commission';
import { Aggregate } from '../command/execute-command';

export function commissionStreamId(commissionId: string): string {
  return `psp-commission-${commissionId}`;
}

export function commissionSessionStreamId(sessionId: string): string {
  return `psp-commission-session-${sessionId}`;
}

const asEvent = <E>(event: RecordedEvent): E =>
  ({ type: event.type, schemaVersion: event.metadata.schemaVersion, data: event.data }) as E;

/** The commission's membership: members, terms, co-chairs, training (COM-01..COM-05). */
export const commissionAggregate: Aggregate<CommissionSnapshot> = {
  machineVersion: `commission@${COMMISSION_MACHINE_VERSION}`,
  fold: (events) => foldCommission(events.map((e) => asEvent<MembershipEvent>(e))),
};

/** One sitting of the commission: convocation, agenda, attendance, votes, opinions (COM-07, COM-08). */
export const sessionAggregate: Aggregate<SessionSnapshot> = {
  machineVersion: `commission-session@${COMMISSION_SESSION_MACHINE_VERSION}`,
  fold: (events) => foldSession(events.map((e) => asEvent<SessionEvent>(e))),
};

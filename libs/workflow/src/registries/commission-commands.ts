import { MembershipEventType, SessionEventType } from '@psp/commission';
import { Role } from '@psp/security';
import { RegistryCommandSpec, findCommand } from './registry-commands';

export type CommissionCommandSpec = RegistryCommandSpec<MembershipEventType>;
export type SessionCommandSpec = RegistryCommandSpec<SessionEventType>;

const PREFECTURE: readonly Role[] = ['prefecture'];
const SECRETARIAT: readonly Role[] = ['commission_secretariat'];

/**
 * The commission's membership (rule book 5.2): the préfet (with the préfet de police in 75 and 13,
 * COM-03) constitutes it and sets the member list by order; the body names the signatories.
 */
export const COMMISSION_COMMANDS: readonly CommissionCommandSpec[] = [
  {
    name: 'constitute',
    eventType: 'CommissionConstituted',
    roles: PREFECTURE,
    summary: 'COM-03: the préfet (jointly with the préfet de police in 75 and 13) installs the commission',
  },
  {
    name: 'appoint-members',
    eventType: 'MembersAppointed',
    roles: PREFECTURE,
    summary: 'COM-01, COM-02: the order appointing members by category for 3 years, signed by the chair(s)',
  },
  {
    name: 'renew-term',
    eventType: 'MemberTermRenewed',
    roles: PREFECTURE,
    summary: "COM-02: a member's term is renewed for 3 years from its end",
  },
  {
    name: 'record-departure',
    eventType: 'MemberLeft',
    roles: PREFECTURE,
    summary: 'COM-02: a member left before the end of the term',
  },
  {
    name: 'record-training',
    eventType: 'MemberTrainingCompleted',
    roles: ['prefecture', 'commission_secretariat'],
    summary: 'COM-05: the member attended the awareness session given by an approved association',
  },
];

/** One sitting of the commission (COM-07, COM-08), run by its secretariat for the chair. */
export const SESSION_COMMANDS: readonly SessionCommandSpec[] = [
  {
    name: 'convene',
    eventType: 'SessionConvened',
    roles: SECRETARIAT,
    summary:
      'COM-07: notice and agenda at least 5 days before (R.133-5, R.133-8); the server copies the roster, the members whose term ended (COM-02) and, for a second convocation, the earlier sitting that lacked quorum (R.133-10)',
  },
  {
    name: 'add-agenda-item',
    eventType: 'AgendaItemAdded',
    roles: SECRETARIAT,
    summary:
      'COM-07: an item before the sitting; a case item names the case, the server adds its instructing association (ACL-01)',
  },
  {
    name: 'declare-interest',
    eventType: 'InterestDeclared',
    roles: ['commission_secretariat', 'commission_member'],
    summary:
      'ACL-02: a member declared a personal interest in an item (CRPA R.133-12); recorded by the secretariat, or by the member itself for its own id',
  },
  {
    name: 'give-proxy',
    eventType: 'ProxyGiven',
    roles: SECRETARIAT,
    summary: 'COM-07: a member gave a proxy to another member, at most one each (R.133-9)',
  },
  {
    name: 'open',
    eventType: 'SessionOpened',
    roles: SECRETARIAT,
    summary: 'COM-07: the sitting opens with the attendance (in person, phone, video; R.133-10)',
  },
  {
    name: 'deliberate',
    eventType: 'ItemDeliberated',
    roles: SECRETARIAT,
    summary:
      'COM-08: one deliberation per item with the ballots; recusals and quorum applied (ACL-01, ACL-02, R.133-10, R.133-11)',
  },
  {
    name: 'close',
    eventType: 'SessionClosed',
    roles: SECRETARIAT,
    summary:
      'COM-07, COM-08: the sitting closes; each case opinion is passed to its case, exactly once (R.133-13); items not deliberated are postponed',
  },
  {
    name: 'cancel',
    eventType: 'SessionCancelled',
    roles: SECRETARIAT,
    summary: 'COM-07: the session is cancelled, with the reason',
  },
];

export function commissionCommand(name: string): CommissionCommandSpec | undefined {
  return findCommand(COMMISSION_COMMANDS, name);
}

export function sessionCommand(name: string): SessionCommandSpec | undefined {
  return findCommand(SESSION_COMMANDS, name);
}

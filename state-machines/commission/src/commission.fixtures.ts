import { AgendaItem, Chair, MembershipEvent, RosterMember, SessionConvened, SessionEvent } from './events';

/** Test data builders for the given/when/then specs; fixed dates, never the clock. */
export const constituted = (
  departement = '69',
  chairs: readonly Chair[] = [{ memberId: 'chair', role: 'prefet' }],
): MembershipEvent => ({
  type: 'CommissionConstituted',
  schemaVersion: 1,
  data: { commissionId: `commission-${departement}`, departement, constitutedOn: '2024-01-10', chairs },
});

export const rosterMember = (memberId: string, overrides: Partial<RosterMember> = {}): RosterMember => ({
  memberId,
  category: 'local_authority',
  role: 'member',
  individualCaseAccess: true,
  ...overrides,
});

/** The chair, the representative of association X, a child-protection member and `others` more members. */
export function roster(others: number): RosterMember[] {
  return [
    rosterMember('chair', { category: 'chair', role: 'chair' }),
    rosterMember('rep-x', { category: 'approved_association', associationId: 'asso-x' }),
    rosterMember('child', { category: 'child_protection', individualCaseAccess: false }),
    ...Array.from({ length: others }, (_, index) => rosterMember(`m${index + 1}`)),
  ];
}

export const caseItem: AgendaItem = {
  itemId: 'item-1',
  kind: 'entry',
  caseId: 'case-a',
  instructingAssociationId: 'asso-x',
};

export const policyItem: AgendaItem = {
  itemId: 'item-p',
  kind: 'policy',
  subject: 'departmental action plan',
};

export function convened(overrides: Partial<SessionConvened['data']> = {}): SessionEvent {
  return {
    type: 'SessionConvened',
    schemaVersion: 1,
    data: {
      sessionId: 'session-1',
      commissionId: 'commission-69',
      departement: '69',
      convenedOn: '2026-03-01',
      sittingOn: '2026-03-10',
      urgency: false,
      presidingChairId: 'chair',
      members: roster(13),
      agenda: [caseItem, policyItem],
      ...overrides,
    },
  };
}

export const opened = (memberIds: readonly string[], openedOn = '2026-03-10'): SessionEvent => ({
  type: 'SessionOpened',
  schemaVersion: 1,
  data: { openedOn, attendance: memberIds.map((memberId) => ({ memberId, mode: 'in_person' as const })) },
});

export const deliberated = (
  itemId: string,
  votes: Record<string, 'for' | 'against' | 'abstain'>,
  decidedOn = '2026-03-10',
): SessionEvent => ({
  type: 'ItemDeliberated',
  schemaVersion: 2,
  data: { itemId, decidedOn, ballots: Object.entries(votes).map(([memberId, vote]) => ({ memberId, vote })) },
});

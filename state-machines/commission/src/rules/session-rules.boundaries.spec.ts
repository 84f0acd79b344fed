import { RuleResult } from '@psp/legal-kernel';
import { convened, deliberated, opened, policyItem, rosterMember } from '../commission.fixtures';
import { AgendaItem, CaseAgendaItem, SessionEvent } from '../events';
import { CommissionParameters, DEFAULT_COMMISSION_PARAMETERS, commissionParameters } from '../parameters';
import { decideSession, foldSession } from '../session/fold';
import { opinionsOf, sessionView } from '../views';
import {
  noticePeriodRespected,
  participationFor,
  quorumWaivedFor,
  sessionEventRules,
  sessionEventWarnings,
} from './session-rules';

/**
 * Boundaries of the session rules (COM-01, COM-07, COM-08, ACL-01, ACL-02; CRPA R.133-5 to R.133-13),
 * through the session machine: given these events, when this one, then accepted (with which
 * warnings) or refused (with which rule, message and missing field).
 */

const SITTING = '2026-03-10';

function decide(events: readonly SessionEvent[], when: SessionEvent, parameters?: CommissionParameters) {
  return decideSession(foldSession(events, parameters), when, parameters);
}

function refused(
  events: readonly SessionEvent[],
  when: SessionEvent,
  parameters?: CommissionParameters,
): RuleResult {
  const decision = decide(events, when, parameters);
  if (decision.accepted) throw new Error(`expected ${when.type} to be refused`);
  return decision.violations;
}

function warnings(
  events: readonly SessionEvent[],
  when: SessionEvent,
  parameters?: CommissionParameters,
): RuleResult {
  const decision = decide(events, when, parameters);
  if (!decision.accepted) {
    throw new Error(
      `expected ${when.type} to be accepted: ${decision.violations.map((v) => v.message).join('; ')}`,
    );
  }
  return decision.warnings;
}

const proxy = (fromMemberId: string, toMemberId: string, givenOn = '2026-03-08'): SessionEvent => ({
  type: 'ProxyGiven',
  schemaVersion: 1,
  data: { fromMemberId, toMemberId, givenOn },
});

const itemAdded = (item: AgendaItem, addedOn = '2026-03-02'): SessionEvent => ({
  type: 'AgendaItemAdded',
  schemaVersion: 1,
  data: { item, addedOn },
});

const interest = (memberId: string, itemId: string, declaredOn = SITTING): SessionEvent => ({
  type: 'InterestDeclared',
  schemaVersion: 1,
  data: { memberId, itemId, declaredOn },
});

const closed = (closedOn: string): SessionEvent => ({
  type: 'SessionClosed',
  schemaVersion: 1,
  data: { closedOn },
});

const cancelled = (reason: string): SessionEvent => ({
  type: 'SessionCancelled',
  schemaVersion: 1,
  data: { cancelledOn: '2026-03-05', reason },
});

const caseItem = (itemId: string, over: Partial<CaseAgendaItem> = {}): AgendaItem => ({
  itemId,
  kind: 'entry',
  caseId: `case-${itemId}`,
  instructingAssociationId: 'asso-y',
  ...over,
});

/** Chair + 9 members (10 entitled on an item of association asso-y: nobody is recused). */
const ten = [
  rosterMember('chair', { category: 'chair', role: 'chair' }),
  ...Array.from({ length: 9 }, (_, index) => rosterMember(`m${index + 1}`)),
];
const item = caseItem('item-a');
const session = (over: Parameters<typeof convened>[0] = {}) =>
  convened({ members: ten, agenda: [item], ...over });

describe('COM-01 / COM-07 convening a session (R.133-5)', () => {
  it('COM-01 a session with no members is refused, naming the members', () => {
    expect(refused([], session({ members: [] }))).toEqual([
      { rule: 'COM-01', message: 'the session has no members', missing: 'members' },
      expect.objectContaining({ rule: 'COM-07', missing: 'presidingChairId' }),
    ]);
  });

  it('COM-01 a member listed twice on the roster is refused', () => {
    expect(refused([], session({ members: [...ten, rosterMember('m1')] }))).toEqual([
      { rule: 'COM-01', message: 'a member appears twice on the roster' },
    ]);
  });

  it.each([
    ['a member who is not the chair', 'm1'],
    ['somebody off the roster', 'stranger'],
  ])(
    'COM-07 the session is presided over by the chair: %s is refused as presiding chair',
    (_label, presidingChairId) => {
      expect(refused([], session({ presidingChairId }))).toEqual([
        {
          rule: 'COM-07',
          message: 'the chair convenes and presides over the session (R.133-5)',
          missing: 'presidingChairId',
        },
      ]);
    },
  );

  it('COM-07 a session may sit on the day it is convened (with a notice warning), not the day before', () => {
    expect(warnings([], session({ convenedOn: SITTING }))).toEqual([
      expect.objectContaining({ rule: 'COM-07', message: expect.stringContaining('(0 days)') }),
    ]);
    expect(refused([], session({ convenedOn: '2026-03-11' }))).toEqual([
      { rule: 'COM-07', message: 'the session cannot sit before it is convened' },
    ]);
  });

  it('COM-08 an agenda listing the same item twice is refused', () => {
    expect(refused([], session({ agenda: [item, caseItem('item-a', { caseId: 'other' })] }))).toEqual([
      { rule: 'COM-08', message: 'agenda item item-a is already on the agenda' },
    ]);
  });

  it.each([
    ['without its instructing association', { instructingAssociationId: '' }],
    ['without its case', { caseId: '' }],
  ])('ACL-01 a case item %s is refused: the recusal needs the association', (_label, over) => {
    expect(refused([], session({ agenda: [caseItem('item-b', over)] }))).toEqual([
      {
        rule: 'ACL-01',
        message: 'a case item names the case and the instructing association',
        missing: 'instructingAssociationId',
      },
    ]);
  });

  it('ACL-01 a policy item needs no case and no association', () => {
    expect(warnings([], session({ agenda: [policyItem] }))).toEqual([]);
  });
});

describe('COM-07 notice of at least 5 days unless urgency (R.133-8): a warning, never a refusal', () => {
  const notice = 'notice period under 5 days (4 days) with no urgency stated (R.133-8)';

  it('COM-07 convened exactly 5 days before the sitting: no warning; 4 days before: a warning with the figures', () => {
    expect(warnings([], session({ convenedOn: '2026-03-05' }))).toEqual([]);
    expect(warnings([], session({ convenedOn: '2026-03-06' }))).toEqual([
      { rule: 'COM-07', message: notice },
    ]);
  });

  it('COM-07 urgency waives the notice', () => {
    expect(warnings([], session({ convenedOn: '2026-03-09', urgency: true }))).toEqual([]);
  });

  it('COM-07 the warning travels again when the session opens after short notice, not after 5 days', () => {
    expect(warnings([session({ convenedOn: '2026-03-06' })], opened(['chair']))).toEqual([
      { rule: 'COM-07', message: notice },
    ]);
    expect(warnings([session({ convenedOn: '2026-03-05' })], opened(['chair']))).toEqual([]);
    expect(warnings([session({ convenedOn: '2026-03-06', urgency: true })], opened(['chair']))).toEqual([]);
  });

  it('COM-07 an item added 5 days before the sitting gives no warning; 4 days before, a warning', () => {
    expect(warnings([session()], itemAdded(caseItem('item-b'), '2026-03-05'))).toEqual([]);
    expect(warnings([session()], itemAdded(caseItem('item-b'), '2026-03-06'))).toEqual([
      { rule: 'COM-07', message: notice },
    ]);
    expect(warnings([session({ urgency: true })], itemAdded(caseItem('item-b'), '2026-03-09'))).toEqual([]);
  });

  it('COM-07 the notice length is the parameter in force on the sitting date', () => {
    const sevenDays = commissionParameters({
      noticeDays: [
        { from: '2016-10-31', to: '2026-03-09', value: 5, source: 'test' },
        { from: SITTING, value: 7, source: 'test' },
      ],
    });
    expect(warnings([], session({ convenedOn: '2026-03-04' }), sevenDays)).toEqual([
      { rule: 'COM-07', message: 'notice period under 7 days (6 days) with no urgency stated (R.133-8)' },
    ]);
    expect(warnings([], session({ convenedOn: '2026-03-03' }), sevenDays)).toEqual([]);
  });
});

describe('COM-07 / COM-08 adding an item to the agenda', () => {
  it('COM-07 an item may be added on the sitting day, not after', () => {
    expect(decide([session()], itemAdded(caseItem('item-b'), SITTING)).accepted).toBe(true);
    expect(refused([session()], itemAdded(caseItem('item-b'), '2026-03-11'))).toEqual([
      { rule: 'COM-07', message: 'an item is added to the agenda before the sitting' },
    ]);
  });

  it('COM-08 an item already on the agenda is refused', () => {
    expect(refused([session()], itemAdded(caseItem('item-a')))).toEqual([
      { rule: 'COM-08', message: 'agenda item item-a is already on the agenda' },
    ]);
  });

  it('ACL-01 an added case item names its instructing association', () => {
    expect(refused([session()], itemAdded(caseItem('item-b', { instructingAssociationId: '' })))).toEqual([
      expect.objectContaining({ rule: 'ACL-01', missing: 'instructingAssociationId' }),
    ]);
  });
});

describe('ACL-02 declaring an interest (R.133-12)', () => {
  it('ACL-02 a member on the roster declares an interest in an item on the agenda', () => {
    expect(decide([session()], interest('m1', 'item-a')).accepted).toBe(true);
  });

  it('ACL-02 refuses a declaration by somebody off the roster, or on an item not on the agenda', () => {
    expect(refused([session()], interest('stranger', 'item-a'))).toEqual([
      { rule: 'ACL-02', message: 'member stranger is not on the roster' },
    ]);
    expect(refused([session()], interest('m1', 'item-z'))).toEqual([
      { rule: 'ACL-02', message: 'item item-z is not on the agenda' },
    ]);
  });

  it('COM-08 an interest declared after the item got its opinion is refused', () => {
    const sitting = [
      session(),
      opened(['chair', 'm1', 'm2', 'm3', 'm4']),
      deliberated('item-a', { chair: 'for', m1: 'for' }),
    ];
    expect(refused(sitting, interest('m2', 'item-a'))).toEqual([
      {
        rule: 'COM-08',
        message: 'item item-a already has its opinion: exactly one opinion per agenda item',
      },
    ]);
  });
  it('COM-08 the opinion on one item does not close another: interests and votes on a second item go on', () => {
    const two = [
      session({ agenda: [item, caseItem('item-b')] }),
      opened(['chair', 'm1', 'm2', 'm3', 'm4']),
      deliberated('item-a', { chair: 'for', m1: 'for' }),
    ];
    expect(warnings(two, interest('m2', 'item-b'))).toEqual([]);
    expect(warnings(two, deliberated('item-b', { chair: 'against', m1: 'against' }))).toEqual([]);
    expect(refused(two, deliberated('item-a', { chair: 'against', m1: 'against' }))).toEqual([
      { rule: 'COM-08', message: 'item item-a already has its opinion: exactly one opinion per agenda item' },
    ]);
  });
});

describe('COM-07 proxies (mandats, R.133-9)', () => {
  it('COM-07 a proxy between two members of the roster is accepted and counted', () => {
    const state = foldSession([session(), proxy('m9', 'm1'), opened(['chair', 'm1', 'm2', 'm3'])]);
    expect(sessionView(state).agenda[0].participation.representedMemberIds).toEqual(['m9']);
  });

  it.each([
    ['from somebody off the roster', 'stranger', 'm1'],
    ['to somebody off the roster', 'm1', 'stranger'],
  ])('COM-07 a proxy %s is refused', (_label, from, to) => {
    expect(refused([session()], proxy(from, to))).toEqual([
      { rule: 'COM-07', message: 'a proxy is given by a member to another member (R.133-9)' },
    ]);
  });

  it('COM-07 a member cannot give a proxy to themselves', () => {
    expect(refused([session()], proxy('m1', 'm1'))).toEqual([
      { rule: 'COM-07', message: 'a member cannot give a proxy to themselves' },
    ]);
  });

  it('COM-07 a member gives one proxy only', () => {
    expect(refused([session(), proxy('m9', 'm1')], proxy('m9', 'm2'))).toEqual([
      { rule: 'COM-07', message: 'member m9 already gave a proxy' },
    ]);
  });

  it('COM-07 a member holds at most one proxy: the second is refused with the figures', () => {
    expect(refused([session(), proxy('m9', 'm1')], proxy('m8', 'm1'))).toEqual([
      { rule: 'COM-07', message: 'member m1 already holds 1 proxy: at most 1 per member (R.133-9)' },
    ]);
  });

  it('COM-07 with the parameter at 2 (dated on the sitting day), the second proxy is held and the third refused', () => {
    const two = commissionParameters({
      maxProxiesPerMember: [
        { from: '2016-10-31', to: '2026-03-09', value: 1, source: 'test' },
        { from: SITTING, value: 2, source: 'test' },
      ],
    });
    const events = [session(), proxy('m9', 'm1')];
    expect(decide(events, proxy('m8', 'm1'), two).accepted).toBe(true);
    expect(refused([...events, proxy('m8', 'm1')], proxy('m7', 'm1'), two)).toEqual([
      { rule: 'COM-07', message: 'member m1 already holds 2 proxy: at most 2 per member (R.133-9)' },
    ]);
  });

  it.each([
    ['the holder gives a proxy on', 'm1', 'm2'],
    ['the giver takes a proxy from another', 'm3', 'm9'],
  ])('COM-07 no proxy chains: %s', (_label, from, to) => {
    expect(refused([session(), proxy('m9', 'm1')], proxy(from, to))).toEqual([
      { rule: 'COM-07', message: 'a member who gave a proxy cannot hold one, and a holder cannot give one' },
    ]);
  });

  it('COM-07 two separate proxies between four members are both accepted, with no warning', () => {
    expect(warnings([session(), proxy('m9', 'm1')], proxy('m8', 'm2'))).toEqual([]);
  });
});

describe('COM-07 opening the session (attendance)', () => {
  it('COM-07 the presiding chair must attend: a session opened without them is refused, naming them', () => {
    expect(refused([session()], opened(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']))).toEqual([
      {
        rule: 'COM-07',
        message: 'the presiding chair (or their representative) must attend',
        missing: 'presidingChairId',
      },
    ]);
  });

  it('COM-07 only members on the roster attend (outsiders are heard, they do not sit)', () => {
    expect(refused([session()], opened(['chair', 'guest']))).toEqual([
      {
        rule: 'COM-07',
        message: 'only members on the roster attend (outsiders are heard, they do not sit: R.133-6)',
      },
    ]);
  });

  it('COM-07 a member counted twice in attendance is refused', () => {
    expect(refused([session()], opened(['chair', 'm1', 'm1']))).toEqual([
      { rule: 'COM-07', message: 'a member is counted twice in attendance' },
    ]);
  });

  it('COM-07 a session opens on or after the day it was convened, never before', () => {
    expect(decide([session({ convenedOn: '2026-03-01' })], opened(['chair'], '2026-03-01')).accepted).toBe(
      true,
    );
    expect(refused([session({ convenedOn: '2026-03-01' })], opened(['chair'], '2026-02-28'))).toEqual([
      { rule: 'COM-07', message: 'the session cannot open before it was convened' },
    ]);
  });
});

describe('COM-07 / COM-08 deliberating an item', () => {
  it('COM-08 a vote on an item not on the agenda is refused', () => {
    expect(
      refused(
        [session(), opened(['chair', 'm1', 'm2', 'm3', 'm4'])],
        deliberated('item-z', { chair: 'for' }),
      ),
    ).toEqual([{ rule: 'COM-08', message: 'item item-z is not on the agenda' }]);
  });

  it('COM-07 quorum exactly met (5 of 10) allows the vote; one short (4 of 10) is refused with the figures', () => {
    const vote = deliberated('item-a', { chair: 'for', m1: 'for', m2: 'against' });
    expect(decide([session(), opened(['chair', 'm1', 'm2', 'm3', 'm4'])], vote).accepted).toBe(true);
    expect(refused([session(), opened(['chair', 'm1', 'm2', 'm3'])], vote)).toEqual([
      {
        rule: 'COM-07',
        message:
          'no quorum: 4 of 10 members present or represented, 5 needed (R.133-10); convene again stating that no quorum is required',
        missing: 'quorum',
      },
    ]);
  });

  it('COM-07 a proxy makes up the quorum: 4 present and 1 represented is 5 of 10', () => {
    const vote = deliberated('item-a', { chair: 'for', m1: 'for', m9: 'against' });
    expect(decide([session(), proxy('m9', 'm1'), opened(['chair', 'm1', 'm2', 'm3'])], vote).accepted).toBe(
      true,
    );
  });

  it('COM-07 without quorum only the quorum is reported: the ballots are not counted', () => {
    const tie = deliberated('item-a', { m1: 'for', m2: 'against' });
    expect(refused([session(), opened(['chair', 'm1', 'm2'])], tie).map((v) => v.missing)).toEqual([
      'quorum',
    ]);
  });

  it('COM-07 (ADR 0011) exactly half of those present voting for, without the chair deciding, is not adopted; one more for is', () => {
    const six = opened(['chair', 'm1', 'm2', 'm3', 'm4', 'm5']);
    const half = foldSession([
      session(),
      six,
      deliberated('item-a', { m1: 'for', m2: 'for', m3: 'for', m4: 'against' }),
    ]);
    expect(opinionsOf(half)).toEqual([
      expect.objectContaining({
        opinion: 'unfavourable',
        castingVoteUsed: false,
        votesFor: 3,
        votesAgainst: 1,
      }),
    ]);
    const overHalf = foldSession([
      session(),
      six,
      deliberated('item-a', { m1: 'for', m2: 'for', m3: 'for', m4: 'for' }),
    ]);
    expect(opinionsOf(overHalf)).toEqual([
      expect.objectContaining({ opinion: 'favourable', castingVoteUsed: false, votesFor: 4 }),
    ]);
  });

  it('COM-07 (ADR 0011) abstentions count in the base: 2 for, 1 against out of 5 present is not more than half', () => {
    expect(
      opinionsOf(
        foldSession([
          session(),
          opened(['chair', 'm1', 'm2', 'm3', 'm4']),
          deliberated('item-a', { m1: 'for', m2: 'for', m3: 'against', m4: 'abstain' }),
        ]),
      ),
    ).toEqual([expect.objectContaining({ opinion: 'unfavourable', castingVoteUsed: false, votesFor: 2 })]);
  });

  it.each([
    ['against', 'unfavourable'],
    ['for', 'favourable'],
  ])("COM-07 the presiding chair's vote %s breaks a tie (R.133-11): %s", (chairVote, opinion) => {
    const others =
      chairVote === 'for'
        ? { m1: 'for', m2: 'for', m3: 'against', m4: 'against', m5: 'against' }
        : { m1: 'for', m2: 'for', m3: 'for', m4: 'against', m5: 'against' };
    const state = foldSession([
      session(),
      opened(['chair', 'm1', 'm2', 'm3', 'm4', 'm5']),
      deliberated('item-a', { chair: chairVote, ...others } as Parameters<typeof deliberated>[1]),
    ]);
    expect(opinionsOf(state)).toEqual([
      expect.objectContaining({ opinion, castingVoteUsed: true, votesFor: 3, votesAgainst: 3 }),
    ]);
  });

  it('ACL-01 the representative of the instructing association is recused on its case item: their ballot is refused', () => {
    const members = [
      ...ten,
      rosterMember('rep-y', { category: 'approved_association', associationId: 'asso-y' }),
    ];
    const events = [session({ members }), opened(['chair', 'm1', 'm2', 'm3', 'm4', 'rep-y'])];
    expect(refused(events, deliberated('item-a', { chair: 'for', 'rep-y': 'for' }))).toEqual([
      {
        rule: 'ACL-01',
        message: 'member rep-y is recused: representative of the instructing association asso-y',
      },
    ]);
  });

  it('COM-07 the quorum fraction is the parameter in force on the sitting date, not on the convening date', () => {
    const twoThirds = commissionParameters({
      quorumFraction: [
        { from: '2016-10-31', to: '2026-03-09', value: { numerator: 1, denominator: 2 }, source: 'test' },
        { from: SITTING, value: { numerator: 2, denominator: 3 }, source: 'test' },
      ],
    });
    const vote = deliberated('item-a', { chair: 'for', m1: 'for' });
    const five = [session({ convenedOn: '2026-03-01' }), opened(['chair', 'm1', 'm2', 'm3', 'm4'])];
    expect(refused(five, vote, twoThirds)).toEqual([
      expect.objectContaining({
        rule: 'COM-07',
        message: expect.stringContaining('5 of 10 members present or represented, 7 needed'),
      }),
    ]);
    expect(decide(five, vote, DEFAULT_COMMISSION_PARAMETERS).accepted).toBe(true);
  });
});

describe('COM-07 closing and cancelling', () => {
  const sitting = [session(), opened(['chair', 'm1', 'm2', 'm3', 'm4'], SITTING)];

  it('COM-07 a session closes on the day it opened or later, never before', () => {
    expect(decide(sitting, closed(SITTING)).accepted).toBe(true);
    expect(refused(sitting, closed('2026-03-09'))).toEqual([
      { rule: 'COM-07', message: 'a session closes after it opened' },
    ]);
  });

  it('COM-07 a convened session is cancelled with its reason', () => {
    const decision = decide([session()], cancelled('the chair is unavailable'));
    expect(decision.accepted && sessionView(decision.next).status).toBe('cancelled');
  });

  it.each([[''], ['   ']])(
    'COM-07 a cancellation with a blank reason (%j) is refused, naming the reason',
    (reason) => {
      expect(refused([session()], cancelled(reason))).toEqual([
        { rule: 'COM-07', message: 'a cancellation states its reason', missing: 'reason' },
      ]);
    },
  );
});

describe('COM-07 a second convocation without quorum (R.133-10)', () => {
  const EARLIER = '2026-03-01';
  const lacking = {
    commissionId: 'commission-69',
    openedOn: EARLIER,
    itemsLackingQuorum: [{ kind: 'entry' as const, caseId: 'case-item-a' }],
  };
  const secondSitting = (
    firstSitting: object | undefined,
    over: Parameters<typeof convened>[0] = {},
    schemaVersion = 2,
  ): SessionEvent => {
    const event = session({
      convenedOn: '2026-03-01',
      secondConvocation: {
        firstSessionId: 'session-0',
        statesNoQuorumRequired: true,
        ...(firstSitting ? { firstSitting: firstSitting as never } : {}),
      },
      ...over,
    });
    return { ...event, schemaVersion } as SessionEvent;
  };
  const notEarlier = {
    rule: 'COM-07',
    message:
      'session session-0 is not an earlier sitting of this commission: a sitting without quorum is only the second convocation of one that lacked it (R.133-10)',
    missing: 'secondConvocation',
  };

  it('COM-07 convened on the day the earlier sitting lacked quorum, on an item it could not deliberate: accepted', () => {
    expect(decide([], secondSitting(lacking)).accepted).toBe(true);
  });

  it('COM-07 convened the day before the earlier sitting sat: refused, with both dates', () => {
    expect(refused([], secondSitting({ ...lacking, openedOn: '2026-03-02' }))).toEqual([
      {
        rule: 'COM-07',
        message:
          'the second convocation (2026-03-01) is sent after the sitting that lacked quorum (2026-03-02)',
        missing: 'secondConvocation',
      },
    ]);
  });

  it.each([
    ['no earlier sitting found', { itemsLackingQuorum: [] }],
    ['another commission', { ...lacking, commissionId: 'commission-01' }],
    ['no facts read at all', undefined],
  ])('COM-07 %s: not an earlier sitting of this commission', (_label, facts) => {
    expect(refused([], secondSitting(facts))).toEqual([notEarlier]);
  });

  it('COM-07 an earlier sitting that never sat did not lack quorum', () => {
    expect(refused([], secondSitting({ commissionId: 'commission-69', itemsLackingQuorum: [] }))).toEqual([
      {
        rule: 'COM-07',
        message:
          'session session-0 never sat, so it did not lack quorum: convene a sitting with quorum (R.133-10)',
        missing: 'secondConvocation',
      },
    ]);
  });

  it('COM-07 no item of the agenda lacked quorum at the earlier sitting: refused, naming the sitting', () => {
    expect(
      refused(
        [],
        secondSitting({ ...lacking, itemsLackingQuorum: [{ kind: 'renewal', caseId: 'case-item-a' }] }),
      ),
    ).toEqual([
      {
        rule: 'COM-07',
        message:
          'no item of this agenda lacked quorum at session session-0 on 2026-03-01: a second convocation is on the same agenda (R.133-10)',
        missing: 'secondConvocation',
      },
    ]);
  });

  it('COM-07 one item of the agenda among several that lacked quorum is enough', () => {
    expect(
      decide([], secondSitting(lacking, { agenda: [caseItem('item-z', { caseId: 'other' }), item] }))
        .accepted,
    ).toBe(true);
  });

  it('COM-07 a convocation that does not state that no quorum is required, or a schema 1 event, is not checked', () => {
    const notStated = session({
      secondConvocation: { firstSessionId: 'session-0', statesNoQuorumRequired: false },
    });
    expect(decide([], { ...notStated, schemaVersion: 2 } as SessionEvent).accepted).toBe(true);
    expect(decide([], secondSitting(undefined, {}, 1)).accepted).toBe(true);
  });

  it('COM-07 the quorum is waived only for the items that lacked it; a schema 1 convocation waives it for all', () => {
    expect(quorumWaivedFor(undefined, item)).toBe(false);
    expect(quorumWaivedFor({ firstSessionId: 's', statesNoQuorumRequired: false }, item)).toBe(false);
    expect(quorumWaivedFor({ firstSessionId: 's', statesNoQuorumRequired: true }, item)).toBe(true);
    const second = { firstSessionId: 's', statesNoQuorumRequired: true, firstSitting: lacking };
    expect(quorumWaivedFor(second, item)).toBe(true);
    expect(quorumWaivedFor(second, caseItem('item-b'))).toBe(false);
    expect(quorumWaivedFor(second, policyItem)).toBe(false);
  });

  it('COM-07 four of ten at a second convocation on the item that lacked quorum may vote', () => {
    const vote = deliberated('item-a', { chair: 'for', m1: 'for', m2: 'against' });
    expect(decide([secondSitting(lacking), opened(['chair', 'm1', 'm2', 'm3'])], vote).accepted).toBe(true);
  });
});

describe('COM-02 a member whose term ended no longer sits (R.121-12-7)', () => {
  const expired = { memberId: 'm9', termStart: '2023-02-01', termEnd: '2026-01-31' };
  const roster = ten.filter((member) => member.memberId !== 'm9');
  const withExpired = () => session({ members: roster, expiredTerms: [expired] });
  const refusal = {
    rule: 'COM-02',
    message:
      'member m9 was appointed for the term 2023-02-01 to 2026-01-31, which ended before the sitting of 2026-03-10: renew the term or appoint a successor',
    missing: 'memberId',
  };

  it('COM-02 attending: refused naming the term and the member', () => {
    expect(refused([withExpired()], opened(['chair', 'm1', 'm9']))).toEqual([refusal]);
  });

  it('COM-02 declaring an interest: only the term is reported (the member was on the roster)', () => {
    expect(refused([withExpired()], interest('m9', 'item-a'))).toEqual([refusal]);
  });

  it.each([
    ['giving', 'm9', 'm1'],
    ['holding', 'm1', 'm9'],
  ])('COM-02 %s a proxy: only the term is reported', (_label, from, to) => {
    expect(refused([withExpired()], proxy(from, to))).toEqual([refusal]);
  });

  it('COM-02 a ballot by the member whose term ended is refused before anything else', () => {
    const events = [withExpired(), opened(['chair', 'm1', 'm2', 'm3', 'm4'])];
    expect(refused(events, deliberated('item-a', { chair: 'for', m9: 'for' }))).toEqual([refusal]);
  });

  it('COM-02 members with a running term are not refused', () => {
    expect(refused([withExpired()], opened(['m1']))).toEqual([
      expect.objectContaining({ missing: 'presidingChairId' }),
    ]);
  });
});

describe('COM-07 the warnings need a sitting date', () => {
  const empty = foldSession([]).context;

  it('COM-07 before a session is convened, opening and adding an item carry no notice warning', () => {
    expect(sessionEventWarnings(empty, opened(['chair']), DEFAULT_COMMISSION_PARAMETERS)).toEqual([]);
    expect(
      sessionEventWarnings(empty, itemAdded(caseItem('item-b'), SITTING), DEFAULT_COMMISSION_PARAMETERS),
    ).toEqual([]);
    expect(sessionEventWarnings(empty, closed(SITTING), DEFAULT_COMMISSION_PARAMETERS)).toEqual([]);
  });

  it('COM-07 the notice rule itself: 5 days exactly, 4 days, urgency', () => {
    const p = DEFAULT_COMMISSION_PARAMETERS;
    expect(noticePeriodRespected('2026-03-05', SITTING, false, p)).toEqual([]);
    expect(noticePeriodRespected('2026-03-06', SITTING, false, p)).toEqual([
      { rule: 'COM-07', message: 'notice period under 5 days (4 days) with no urgency stated (R.133-8)' },
    ]);
    expect(noticePeriodRespected('2026-03-06', SITTING, true, p)).toEqual([]);
  });

  it('COM-07 a session closing or cancelled before it opened is judged on its own', () => {
    expect(sessionEventRules(empty, closed(SITTING), DEFAULT_COMMISSION_PARAMETERS)).toEqual([]);
  });
});

describe('COM-07 the quorum of an item, read on the sitting date', () => {
  it('COM-07 a session not yet convened is read with the quorum fraction in force when the commissions began (31 October 2016)', () => {
    const participation = participationFor(foldSession([]).context, item, DEFAULT_COMMISSION_PARAMETERS);
    expect(participation.quorum).toMatchObject({ entitled: 0, met: false });
  });

  it('COM-07 with only a convening date known, the fraction in force on it applies', () => {
    const context = { ...foldSession([session()]).context, sittingOn: undefined };
    const thirds = commissionParameters({
      quorumFraction: [
        { from: '2016-10-31', to: '2026-02-28', value: { numerator: 1, denominator: 2 }, source: 'test' },
        { from: '2026-03-01', value: { numerator: 2, denominator: 3 }, source: 'test' },
      ],
    });
    expect(participationFor(context, item, thirds).quorum).toMatchObject({ entitled: 10, needed: 7 });
  });
});

describe('COM-07 / R.133-10 / ACL-02 the remaining boundaries of the session rules', () => {
  const earlier = {
    commissionId: 'commission-69',
    openedOn: '2026-03-01',
    itemsLackingQuorum: [
      { kind: 'renewal' as const, caseId: 'case-other' },
      { kind: 'entry' as const, caseId: 'case-item-a' },
    ],
  };

  it('COM-07 one item lacking quorum among several at the earlier sitting is enough for the second convocation', () => {
    const second = {
      ...session({
        convenedOn: '2026-03-01',
        secondConvocation: {
          firstSessionId: 'session-0',
          statesNoQuorumRequired: true,
          firstSitting: earlier,
        },
      }),
      schemaVersion: 2,
    } as SessionEvent;
    expect(decide([], second).accepted).toBe(true);
    const waiver = { firstSessionId: 's', statesNoQuorumRequired: true, firstSitting: earlier };
    expect(quorumWaivedFor(waiver, item)).toBe(true);
  });

  it('COM-07 before the session is convened, an item added carries no sitting-date refusal, and opening no convening-date refusal', () => {
    const empty = foldSession([]).context;
    expect(
      sessionEventRules(empty, itemAdded(caseItem('item-b'), '2026-03-20'), DEFAULT_COMMISSION_PARAMETERS),
    ).toEqual([]);
    expect(
      sessionEventRules(empty, opened([], '2026-03-20'), DEFAULT_COMMISSION_PARAMETERS).map((v) => v.message),
    ).toEqual(['the presiding chair (or their representative) must attend']);
  });

  it('ACL-02 / COM-07 with a member whose term ended on the session, a stranger is still off the roster', () => {
    const withExpired = session({
      members: ten.filter((member) => member.memberId !== 'm9'),
      expiredTerms: [{ memberId: 'm9', termStart: '2023-02-01', termEnd: '2026-01-31' }],
    });
    expect(refused([withExpired], interest('stranger', 'item-a'))).toEqual([
      { rule: 'ACL-02', message: 'member stranger is not on the roster' },
    ]);
    expect(refused([withExpired], opened(['chair', 'guest']))).toEqual([
      {
        rule: 'COM-07',
        message: 'only members on the roster attend (outsiders are heard, they do not sit: R.133-6)',
      },
    ]);
  });

  it('COM-07 without quorum the ballots are not counted: a ballot of an absent member is not reported', () => {
    const ballots = deliberated('item-a', { m1: 'for', m7: 'against' });
    // toEqual would ignore an `undefined` array item: compare the messages.
    const context = foldSession([session(), opened(['chair', 'm1', 'm2'])]).context;
    expect(sessionEventRules(context, ballots, DEFAULT_COMMISSION_PARAMETERS).map((v) => v.message)).toEqual([
      'no quorum: 3 of 10 members present or represented, 5 needed (R.133-10); convene again stating that no quorum is required',
    ]);
  });

  it("COM-07 (R.133-11, votes cast, schema 1) a tie is broken by the presiding chair's vote", () => {
    const tie = {
      ...deliberated('item-a', { chair: 'for', m1: 'against' }),
      schemaVersion: 1,
    } as SessionEvent;
    expect(decide([session(), opened(['chair', 'm1', 'm2', 'm3', 'm4'])], tie).accepted).toBe(true);
  });
});

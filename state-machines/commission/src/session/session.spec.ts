import { SessionEvent } from '../events';
import { convened, deliberated, opened, policyItem, rosterMember } from '../commission.fixtures';
import { meetingsHeldInYear, opinionsOf, sessionView } from '../views';
import { decideSession, foldSession } from './fold';

const given = (...events: SessionEvent[]) => foldSession(events);

function refusal(events: SessionEvent[], when: SessionEvent) {
  const decision = decideSession(given(...events), when);
  if (decision.accepted) throw new Error(`expected a refusal of ${when.type}`);
  return decision.violations;
}

/** Chair + 15 members, no association representative: 16 members entitled on every item. */
const sixteen = [
  rosterMember('chair', { category: 'chair', role: 'chair' }),
  ...Array.from({ length: 15 }, (_, index) => rosterMember(`m${index + 1}`)),
];
const caseY = {
  itemId: 'item-y',
  kind: 'renewal' as const,
  caseId: 'case-b',
  instructingAssociationId: 'asso-y',
};
const firstSixteen = (n: number) => sixteen.slice(0, n).map((member) => member.memberId);

describe('commission session (CRPA R.133-5 to R.133-13)', () => {
  it('scenario 34: a meeting called 3 days before with no urgency starts with a notice warning (COM-07)', () => {
    // given a session convened on 2026-03-07 for 2026-03-10, no urgency
    const state = given(convened({ convenedOn: '2026-03-07' }));
    // when the meeting starts
    const decision = decideSession(state, opened(['chair', 'm1']));
    // then it is accepted with a COM-07 warning, not refused
    expect(decision.accepted).toBe(true);
    if (!decision.accepted) return;
    expect(decision.warnings).toEqual([
      expect.objectContaining({ rule: 'COM-07', message: expect.stringContaining('under 5 days') }),
    ]);
    expect(sessionView(decision.next).noticeWarnings).toHaveLength(1);
  });

  it('COM-07 gives no notice warning in urgency or with 5 days of notice', () => {
    const urgent = decideSession(
      given(convened({ convenedOn: '2026-03-07', urgency: true })),
      opened(['chair']),
    );
    const onTime = decideSession(given(convened({ convenedOn: '2026-03-05' })), opened(['chair']));
    expect(urgent.accepted && urgent.warnings).toEqual([]);
    expect(onTime.accepted && onTime.warnings).toEqual([]);
  });

  it('scenario 35: 7 of 16 members present or represented is no quorum; a second convocation stating none is required allows the vote', () => {
    // given 16 members and 7 present
    const first = [convened({ members: sixteen, agenda: [caseY] }), opened(firstSixteen(7))];
    expect(sessionView(given(...first)).agenda[0].participation.quorum).toMatchObject({
      entitled: 16,
      presentOrRepresented: 7,
      needed: 8,
      reached: false,
      met: false,
    });
    // when a vote on the opinion is attempted, then it is refused (COM-07, R.133-10)
    const vote = deliberated('item-y', { chair: 'for', m1: 'for', m2: 'for', m3: 'for', m4: 'against' });
    expect(refusal(first, vote)).toEqual([expect.objectContaining({ rule: 'COM-07', missing: 'quorum' })]);
    // given a second convocation that states no quorum is required, when the same 7 vote, then the opinion is valid
    const second = given(
      convened({
        sessionId: 'session-2',
        members: sixteen,
        agenda: [caseY],
        secondConvocation: { firstSessionId: 'session-1', statesNoQuorumRequired: true },
      }),
      opened(firstSixteen(7)),
      vote,
    );
    expect(opinionsOf(second)).toEqual([
      expect.objectContaining({
        opinion: 'favourable',
        quorumMet: true,
        quorumReached: false,
        secondConvocation: true,
      }),
    ]);
  });

  it('COM-07 (R.133-10): the second convocation waives the quorum only for the items the earlier sitting could not deliberate for lack of quorum', () => {
    const second = (firstSitting: object, agenda = [caseY, policyItem]): SessionEvent => {
      const event = convened({
        sessionId: 'session-2',
        convenedOn: '2026-03-11',
        sittingOn: '2026-03-20',
        members: sixteen,
        agenda,
        secondConvocation: {
          firstSessionId: 'session-1',
          statesNoQuorumRequired: true,
          firstSitting: firstSitting as never,
        },
      });
      return { ...event, schemaVersion: 2 } as SessionEvent;
    };
    const lackingY = {
      commissionId: 'commission-69',
      openedOn: '2026-03-10',
      itemsLackingQuorum: [{ kind: 'renewal', caseId: 'case-b' }],
    };
    // refused: the earlier sitting belongs to another commission, never sat, or had quorum on this agenda
    for (const facts of [
      { ...lackingY, commissionId: 'commission-01' },
      { commissionId: 'commission-69', itemsLackingQuorum: [] },
      { ...lackingY, itemsLackingQuorum: [{ kind: 'entry', caseId: 'case-b' }] },
    ]) {
      expect(refusal([], second(facts)).map((v) => v.rule)).toEqual(['COM-07']);
    }
    // accepted: 7 of 16 present may vote on case B, not on the policy item (which needs its quorum)
    const sitting = [second(lackingY), opened(firstSixteen(7), '2026-03-20')];
    const votes = { chair: 'for', m1: 'for', m2: 'for', m3: 'for' } as const;
    expect(decideSession(given(...sitting), deliberated('item-y', votes, '2026-03-20')).accepted).toBe(true);
    expect(refusal(sitting, deliberated('item-p', votes, '2026-03-20'))).toEqual([
      expect.objectContaining({ rule: 'COM-07', missing: 'quorum' }),
    ]);
  });

  it('COM-02: a member whose term ended is refused at the sitting with a message naming the term', () => {
    const expired = { memberId: 'doc-old', termStart: '2023-02-01', termEnd: '2026-01-31' };
    const events = [convened({ expiredTerms: [expired] } as never)];
    const violations = refusal(events, opened(['chair', 'm1', 'doc-old']));
    expect(violations).toEqual([
      expect.objectContaining({
        rule: 'COM-02',
        message: expect.stringMatching(/doc-old.*2023-02-01.*2026-01-31/),
      }),
    ]);
    const proxy: SessionEvent = {
      type: 'ProxyGiven',
      schemaVersion: 1,
      data: { fromMemberId: 'doc-old', toMemberId: 'm1', givenOn: '2026-03-05' },
    };
    expect(refusal(events, proxy).map((v) => v.rule)).toContain('COM-02');
  });

  it('COM-07 counts 8 of 16 present or represented as quorum', () => {
    const state = given(convened({ members: sixteen, agenda: [caseY] }), opened(firstSixteen(8)));
    expect(sessionView(state).agenda[0].participation.quorum.met).toBe(true);
  });

  it('scenario 5: the instructing association representative is out of attendance, vote and quorum for its case (ACL-01)', () => {
    // given association X instructed case A and X's representative sits and attends
    const events = [convened(), opened(['chair', 'rep-x', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'])];
    const item = sessionView(given(...events)).agenda.find((entry) => entry.item.itemId === 'item-1');
    // then X's representative is recused on that item and counts neither as present nor in the base
    expect(item?.participation.recusals).toContainEqual(
      expect.objectContaining({ memberId: 'rep-x', rule: 'ACL-01' }),
    );
    expect(item?.participation.eligibleVoterIds).not.toContain('rep-x');
    expect(item?.participation.quorum).toMatchObject({
      entitled: 14,
      presentOrRepresented: 7,
      needed: 7,
      met: true,
    });
    // and a ballot from X's representative is refused with ACL-01
    expect(refusal(events, deliberated('item-1', { 'rep-x': 'for', chair: 'for' }))).toEqual([
      expect.objectContaining({ rule: 'ACL-01' }),
    ]);
    // while on the policy item X's representative sits normally
    const policy = sessionView(given(...events)).agenda.find((entry) => entry.item.itemId === 'item-p');
    expect(policy?.participation.eligibleVoterIds).toContain('rep-x');
  });

  it('ACL-02 excludes a member who declared a personal interest from the vote and the quorum of that item', () => {
    const events: SessionEvent[] = [
      convened(),
      {
        type: 'InterestDeclared',
        schemaVersion: 1,
        data: { memberId: 'm1', itemId: 'item-1', declaredOn: '2026-03-09' },
      },
      opened(['chair', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']),
    ];
    const item = sessionView(given(...events)).agenda[0];
    expect(item.participation.recusals.map((r) => [r.memberId, r.rule])).toContainEqual(['m1', 'ACL-02']);
    expect(item.participation.quorum).toMatchObject({ entitled: 13, presentOrRepresented: 7 });
    expect(refusal(events, deliberated('item-1', { m1: 'against', chair: 'for' }))).toEqual([
      expect.objectContaining({ rule: 'ACL-02' }),
    ]);
  });

  it('ACL-03 keeps child-protection members out of individual PSP items but not out of policy items', () => {
    const state = given(convened(), opened(['chair', 'child', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']));
    const [individual, policy] = sessionView(state).agenda;
    expect(individual.participation.recusals).toContainEqual(
      expect.objectContaining({ memberId: 'child', rule: 'ACL-03' }),
    );
    expect(individual.participation.presentMemberIds).not.toContain('child');
    expect(policy.participation.presentMemberIds).toContain('child');
  });

  it('COM-04 applies both recusals (ACL-01 and ACL-02) and lists them in the opinion record', () => {
    const state = given(
      convened(),
      {
        type: 'InterestDeclared',
        schemaVersion: 1,
        data: { memberId: 'm2', itemId: 'item-1', declaredOn: '2026-03-09' },
      },
      opened(['chair', 'rep-x', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']),
      deliberated('item-1', { chair: 'for', m1: 'for', m3: 'against' }),
    );
    const [opinion] = opinionsOf(state);
    expect(opinion.recusedMemberIds).toEqual(expect.arrayContaining(['rep-x', 'child', 'm2']));
    expect(opinion.recusalsApplied).toBe(true);
  });

  it('COM-07 counts a proxy as represented and refuses a second proxy to the same holder (R.133-9)', () => {
    const proxy = (from: string, to: string): SessionEvent => ({
      type: 'ProxyGiven',
      schemaVersion: 1,
      data: { fromMemberId: from, toMemberId: to, givenOn: '2026-03-08' },
    });
    const events = [convened({ members: sixteen, agenda: [caseY] }), proxy('m9', 'm1')];
    expect(refusal(events, proxy('m10', 'm1'))).toEqual([expect.objectContaining({ rule: 'COM-07' })]);
    const state = given(...events, opened(firstSixteen(7)));
    const { participation } = sessionView(state).agenda[0];
    expect(participation.representedMemberIds).toEqual(['m9']);
    expect(participation.quorum).toMatchObject({ presentOrRepresented: 8, met: true });
    const voted = given(
      ...events,
      opened(firstSixteen(7)),
      deliberated('item-y', { m9: 'against', m1: 'against', chair: 'for' }),
    );
    expect(opinionsOf(voted)[0]).toMatchObject({ opinion: 'unfavourable', votesFor: 1, votesAgainst: 2 });
  });

  it("COM-07 decides by majority of the members present and breaks a tie with the presiding chair's casting vote (R.133-11)", () => {
    const sitting = [convened({ members: sixteen, agenda: [caseY] }), opened(firstSixteen(10))];
    // 10 present: the chair and 4 others for (exactly half), 5 against: the chair decides
    const votes = (chair: 'for' | 'abstain') =>
      deliberated('item-y', {
        chair,
        ...Object.fromEntries(
          firstSixteen(10)
            .slice(1)
            .map((id, i) => [id, i < 4 ? 'for' : 'against']),
        ),
      });
    expect(opinionsOf(given(...sitting, votes('for')))[0]).toMatchObject({
      opinion: 'favourable',
      castingVoteUsed: true,
      votesFor: 5,
      votesAgainst: 5,
    });
    // ADR 0011: a chair who abstains on a tie casts no deciding vote: not adopted, unfavourable
    expect(opinionsOf(given(...sitting, votes('abstain')))[0]).toMatchObject({
      opinion: 'unfavourable',
      castingVoteUsed: false,
      votesFor: 4,
    });
  });

  it('COM-07: a deliberation recorded before ADR 0011 (schema version 1) replays with the count it was recorded under', () => {
    const sitting = [convened({ members: sixteen, agenda: [caseY] }), opened(firstSixteen(10))];
    // 3 for, 2 against, 5 present without a ballot: favourable then (votes cast), unfavourable now
    const ballots = { chair: 'for', m1: 'for', m2: 'for', m3: 'against', m4: 'against' } as const;
    const v1 = { ...deliberated('item-y', ballots), schemaVersion: 1 } as SessionEvent;
    expect(opinionsOf(given(...sitting, v1))[0]).toMatchObject({ opinion: 'favourable', votesFor: 3 });
    expect(opinionsOf(given(...sitting, deliberated('item-y', ballots)))[0]).toMatchObject({
      opinion: 'unfavourable',
      abstentions: 5,
    });
  });

  it('COM-08 gives exactly one opinion per agenda item, in the record the case consumes', () => {
    const events = [
      convened({ members: sixteen, agenda: [caseY] }),
      opened(firstSixteen(9)),
      deliberated('item-y', { chair: 'for', m1: 'for', m2: 'for', m3: 'for', m4: 'for', m5: 'against' }),
    ];
    expect(opinionsOf(given(...events))).toEqual([
      {
        itemId: 'item-y',
        sessionId: 'session-1',
        caseId: 'case-b',
        kind: 'renewal',
        opinion: 'favourable',
        quorumMet: true,
        recusalsApplied: true,
        votesFor: 5,
        votesAgainst: 1,
        decidedOn: '2026-03-10',
        abstentions: 3,
        quorumReached: true,
        secondConvocation: false,
        castingVoteUsed: false,
        recusedMemberIds: [],
      },
    ]);
    expect(refusal(events, deliberated('item-y', { chair: 'against' }))).toEqual([
      expect.objectContaining({ rule: 'COM-08' }),
    ]);
  });

  it('COM-08 marks items not deliberated at closing as postponed', () => {
    const state = given(convened(), opened(['chair']), {
      type: 'SessionClosed',
      schemaVersion: 1,
      data: { closedOn: '2026-03-10' },
    });
    expect(sessionView(state).agenda.map((entry) => entry.postponed)).toEqual([true, true]);
  });

  it('COM-06 reports policy meetings held in a year against the date-effective minimum (1, then 2 from 30 Dec 2025)', () => {
    const held = (sessionId: string, on: string) =>
      given(
        convened({
          sessionId,
          convenedOn: '2025-01-01',
          sittingOn: on,
          members: sixteen,
          agenda: [policyItem],
        }),
        opened(firstSixteen(9), on),
        deliberated('item-p', { chair: 'for' }, on),
      );
    const sessions = [held('s1', '2025-06-10'), held('s2', '2026-02-10')];
    expect(meetingsHeldInYear(sessions, 2025)).toMatchObject({
      held: 1,
      withPolicyDeliberation: 1,
      minimum: 1,
      met: true,
    });
    const in2026 = meetingsHeldInYear(sessions, 2026);
    expect(in2026).toMatchObject({ held: 1, minimum: 2, met: false });
    expect(in2026.result).toEqual([expect.objectContaining({ rule: 'COM-06' })]);
  });

  it('refuses a deliberation before the session sits (lifecycle, PD-6)', () => {
    expect(refusal([convened()], deliberated('item-1', { chair: 'for' }))).toEqual([
      expect.objectContaining({ rule: 'COM-08' }),
    ]);
  });

  it('is deterministic: the same events give a deep-equal snapshot', () => {
    const events = [
      convened(),
      opened(['chair', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']),
      deliberated('item-p', { chair: 'for' }),
    ];
    expect(foldSession(events).context).toEqual(foldSession(structuredClone(events)).context);
    expect(JSON.stringify(foldSession(events))).toEqual(JSON.stringify(foldSession(structuredClone(events))));
  });
});

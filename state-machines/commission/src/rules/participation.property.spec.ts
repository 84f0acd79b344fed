import fc from 'fast-check';
import { AgendaItem, Attendance, Ballot, RosterMember } from '../events';
import { ParticipationInput, itemParticipation, tallyVotes } from './participation-rules';

const item: AgendaItem = {
  itemId: 'item',
  kind: 'entry',
  caseId: 'case',
  instructingAssociationId: 'asso-x',
};

/** A roster with a chair, a mix of association representatives, child-protection and plain members. */
const scenario = fc
  .record({
    kinds: fc.array(fc.constantFrom('plain', 'rep-x', 'rep-y', 'child'), { minLength: 1, maxLength: 20 }),
    present: fc.array(fc.boolean(), { minLength: 21, maxLength: 21 }),
    interested: fc.array(fc.boolean(), { minLength: 21, maxLength: 21 }),
    votes: fc.array(fc.constantFrom('for', 'against', 'abstain'), { minLength: 21, maxLength: 21 }),
    proxyPairs: fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { maxLength: 6 }),
  })
  .map(({ kinds, present, interested, votes, proxyPairs }) => {
    const members: RosterMember[] = [
      { memberId: 'chair', category: 'chair', role: 'chair', individualCaseAccess: true },
      ...kinds.map((kind, index): RosterMember => {
        const memberId = `m${index}`;
        if (kind === 'rep-x' || kind === 'rep-y')
          return {
            memberId,
            category: 'approved_association',
            role: 'member',
            associationId: `asso-${kind.slice(4)}`,
            individualCaseAccess: true,
          };
        if (kind === 'child')
          return { memberId, category: 'child_protection', role: 'member', individualCaseAccess: false };
        return { memberId, category: 'local_authority', role: 'member', individualCaseAccess: true };
      }),
    ];
    const ids = members.map((member) => member.memberId);
    const attendance: Attendance[] = ids
      .filter((_, i) => present[i])
      .map((memberId) => ({ memberId, mode: 'video' }));
    const interests = ids
      .filter((_, i) => interested[i] && i > 0)
      .map((memberId) => ({ memberId, itemId: 'item', declaredOn: '2026-03-01' }));
    // R.133-9: each member gives at most one proxy and holds at most one; givers do not hold.
    const proxies: { fromMemberId: string; toMemberId: string; givenOn: string }[] = [];
    for (const [a, b] of proxyPairs) {
      const from = ids[a % ids.length];
      const to = ids[b % ids.length];
      const used = proxies.flatMap((p) => [p.fromMemberId, p.toMemberId]);
      if (from !== to && !used.includes(from) && !used.includes(to))
        proxies.push({ fromMemberId: from, toMemberId: to, givenOn: '2026-03-01' });
    }
    const input: ParticipationInput = {
      members,
      item,
      interests,
      proxies,
      attendance,
      quorumFraction: { numerator: 1, denominator: 2 },
      quorumWaived: false,
    };
    const ballotsOf = (voters: readonly string[]): Ballot[] =>
      voters.map((memberId) => ({ memberId, vote: votes[ids.indexOf(memberId)] as Ballot['vote'] }));
    return { input, ballotsOf };
  });

describe('COM-07 quorum and vote counting (property)', () => {
  it('ACL-01/ACL-02/ACL-03 recused members never count: not entitled, not voters, and their attendance changes nothing', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const participation = itemParticipation(input);
        const recused = new Set(participation.recusals.map((r) => r.memberId));
        for (const id of recused) {
          expect(participation.entitledMemberIds).not.toContain(id);
          expect(participation.eligibleVoterIds).not.toContain(id);
        }
        // every representative of the instructing association and every child-protection member is recused
        for (const member of input.members) {
          if (member.associationId === 'asso-x' || !member.individualCaseAccess)
            expect(recused.has(member.memberId)).toBe(true);
        }
        // recused members attending or not gives the same quorum
        const withoutRecused = itemParticipation({
          ...input,
          attendance: input.attendance.filter((entry) => !recused.has(entry.memberId)),
        });
        const allRecusedPresent = itemParticipation({
          ...input,
          attendance: [
            ...input.attendance,
            ...[...recused]
              .filter((id) => !input.attendance.some((entry) => entry.memberId === id))
              .map((memberId) => ({ memberId, mode: 'in_person' as const })),
          ],
        });
        expect(withoutRecused.quorum).toEqual(participation.quorum);
        expect(allRecusedPresent.quorum).toEqual(participation.quorum);
      }),
    );
  });

  it('R.133-10 quorum: met exactly when present or represented is at least half of the members entitled', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const { quorum, eligibleVoterIds, entitledMemberIds } = itemParticipation(input);
        expect(quorum.presentOrRepresented).toBe(eligibleVoterIds.length);
        expect(quorum.entitled).toBe(entitledMemberIds.length);
        expect(quorum.met).toBe(quorum.entitled > 0 && 2 * quorum.presentOrRepresented >= quorum.entitled);
      }),
    );
  });

  it('R.133-11 majority of the members present or represented, the chair deciding a tie (ADR 0011)', () => {
    fc.assert(
      fc.property(scenario, ({ input, ballotsOf }) => {
        const participation = itemParticipation(input);
        const ballots = ballotsOf(participation.eligibleVoterIds);
        const tally = tallyVotes(participation, ballots, 'chair');
        const base = participation.eligibleVoterIds.length;
        expect(tally.votesFor + tally.votesAgainst + tally.abstentions).toBe(base);
        const chairVote = ballots.find((ballot) => ballot.memberId === 'chair')?.vote;
        if (2 * tally.votesFor > base) expect(tally.opinion).toBe('favourable');
        else if (2 * tally.votesFor < base) expect(tally.opinion).toBe('unfavourable');
        else if (base > 0) {
          expect(tally.opinion).toBe(chairVote === 'for' ? 'favourable' : 'unfavourable');
          expect(tally.castingVoteUsed).toBe(chairVote === 'for' || chairVote === 'against');
        }
      }),
    );
  });

  it('ACL-01/ACL-02/ACL-03 a ballot from a recused member is refused with the recusal rule and never counted', () => {
    fc.assert(
      fc.property(scenario, ({ input, ballotsOf }) => {
        const participation = itemParticipation(input);
        const recused = participation.recusals.map((r) => r.memberId);
        const clean = tallyVotes(participation, ballotsOf(participation.eligibleVoterIds), 'chair');
        const dirty = tallyVotes(
          participation,
          ballotsOf([...participation.eligibleVoterIds, ...recused]),
          'chair',
        );
        expect([dirty.votesFor, dirty.votesAgainst, dirty.abstentions]).toEqual([
          clean.votesFor,
          clean.votesAgainst,
          clean.abstentions,
        ]);
        const rules = dirty.violations.map((v) => v.rule);
        for (const recusal of participation.recusals) expect(rules).toContain(recusal.rule);
      }),
    );
  });
});

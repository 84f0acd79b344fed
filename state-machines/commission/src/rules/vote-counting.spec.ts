import { Ballot, RosterMember, Vote } from '../events';
import { itemParticipation, tallyVotes } from './participation-rules';

/**
 * R.133-11 (COM-07), as read in ADR 0011: the favourable opinion needs the votes of more than half
 * of the members present or represented on the item (abstentions and members who cast no ballot
 * count in that base); exactly half is the "partage égal des voix", decided by the presiding
 * chair's vote; a chair who abstains casts no deciding vote, so the favourable opinion is not adopted.
 */
function sitting(present: number) {
  const members: RosterMember[] = [
    { memberId: 'chair', category: 'chair', role: 'chair', individualCaseAccess: true },
    ...Array.from({ length: present - 1 }, (_, index): RosterMember => ({
      memberId: `m${index + 1}`,
      category: 'local_authority',
      role: 'member',
      individualCaseAccess: true,
    })),
  ];
  const participation = itemParticipation({
    members,
    item: { itemId: 'item', kind: 'entry', caseId: 'case', instructingAssociationId: 'asso' },
    interests: [],
    proxies: [],
    attendance: members.map((member) => ({ memberId: member.memberId, mode: 'in_person' })),
    quorumFraction: { numerator: 1, denominator: 2 },
    quorumWaived: false,
  });
  const ids = members.map((member) => member.memberId);
  /** The chair votes `chair`; then `forVotes` for, `against` against, the rest abstain. */
  const vote = (chair: Vote, forVotes: number, against: number) => {
    const others = ids.slice(1);
    const ballots: Ballot[] = [
      { memberId: 'chair', vote: chair },
      ...others.map((memberId, index): Ballot => ({
        memberId,
        vote: index < forVotes ? 'for' : index < forVotes + against ? 'against' : 'abstain',
      })),
    ];
    return tallyVotes(participation, ballots, 'chair');
  };
  return { vote, participation };
}

describe('COM-07 vote counting (CRPA R.133-11, ADR 0011)', () => {
  it('COM-07: exactly a majority of the 11 members present (6 for) gives the favourable opinion', () => {
    const tally = sitting(11).vote('for', 5, 2);
    expect(tally).toMatchObject({ votesFor: 6, votesAgainst: 2, abstentions: 3, opinion: 'favourable' });
    expect(tally.castingVoteUsed).toBe(false);
  });

  it('COM-07: one vote short of a majority of the members present is not a favourable opinion, even with more for than against (abstentions count in the base)', () => {
    // 11 present: 5 for, 4 against, 2 abstain. 5 is not more than half of 11.
    const tally = sitting(11).vote('for', 4, 4);
    expect(tally).toMatchObject({ votesFor: 5, votesAgainst: 4, abstentions: 2, violations: [] });
    expect(tally.opinion).toBe('unfavourable');
    expect(tally.castingVoteUsed).toBe(false);
  });

  it('COM-07: a tie (exactly half of the 10 present for) is decided by the presiding chair voting for', () => {
    // 10 present: the chair and 4 others for, 3 against, 2 abstain: 5 of 10, the chair decides.
    const tally = sitting(10).vote('for', 4, 3);
    expect(tally).toMatchObject({
      votesFor: 5,
      opinion: 'favourable',
      castingVoteUsed: true,
      violations: [],
    });
  });

  it('COM-07: a tie decided by the presiding chair voting against is unfavourable', () => {
    const tally = sitting(10).vote('against', 5, 4);
    expect(tally).toMatchObject({
      votesFor: 5,
      votesAgainst: 5,
      opinion: 'unfavourable',
      castingVoteUsed: true,
    });
  });

  it('COM-07: on a tie the presiding chair who abstains casts no deciding vote: the favourable opinion is not adopted', () => {
    // 10 present: 5 for, 4 against, the chair abstains.
    const tally = sitting(10).vote('abstain', 5, 4);
    expect(tally).toMatchObject({ votesFor: 5, votesAgainst: 4, abstentions: 1, violations: [] });
    expect(tally.opinion).toBe('unfavourable');
    expect(tally.castingVoteUsed).toBe(false);
  });

  it('COM-07: a member present who casts no ballot counts in the base like an abstention', () => {
    const { participation } = sitting(4);
    const ballots = (ids: string[]): Ballot[] => ids.map((memberId) => ({ memberId, vote: 'for' }));
    // 2 for out of 4 present is a tie (the chair decides), 3 for is a majority, 1 for is not
    expect(tallyVotes(participation, ballots(['chair', 'm1']), 'chair')).toMatchObject({
      opinion: 'favourable',
      castingVoteUsed: true,
    });
    expect(tallyVotes(participation, ballots(['chair', 'm1', 'm2']), 'chair')).toMatchObject({
      opinion: 'favourable',
      castingVoteUsed: false,
    });
    expect(tallyVotes(participation, ballots(['m1']), 'chair').opinion).toBe('unfavourable');
  });
});

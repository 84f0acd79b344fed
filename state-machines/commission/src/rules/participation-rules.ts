import { RuleResult, allOf, satisfied, violation } from '@psp/legal-kernel';
import { AgendaItem, Attendance, Ballot, Opinion, RosterMember } from '../events';
import { Fraction } from '../parameters';
import { InterestRecord, ProxyRecord } from '../session/context';

export type RecusalRule = 'ACL-01' | 'ACL-02' | 'ACL-03';

export interface Recusal {
  readonly memberId: string;
  readonly rule: RecusalRule;
  readonly reason: string;
}

/** What the quorum and vote counting of one item need to know. */
export interface ParticipationInput {
  readonly members: readonly RosterMember[];
  readonly item: AgendaItem;
  readonly interests: readonly InterestRecord[];
  readonly proxies: readonly ProxyRecord[];
  readonly attendance: readonly Attendance[];
  readonly quorumFraction: Fraction;
  /** R.133-10: a second convocation that stated no quorum is required. */
  readonly quorumWaived: boolean;
}

export interface QuorumStatus {
  readonly required: boolean;
  /** Members entitled to sit on the item (roster minus recused): the base of the quorum [I]. */
  readonly entitled: number;
  readonly presentOrRepresented: number;
  readonly needed: number;
  readonly reached: boolean;
  /** R.133-10 satisfied: reached, or not required. */
  readonly met: boolean;
}

export interface ItemParticipation {
  readonly itemId: string;
  readonly recusals: readonly Recusal[];
  readonly entitledMemberIds: readonly string[];
  readonly presentMemberIds: readonly string[];
  /** Absent members whose proxy holder is present and entitled on this item (R.133-9). */
  readonly representedMemberIds: readonly string[];
  /** Present or represented members, recused excluded: the only ballots that count. */
  readonly eligibleVoterIds: readonly string[];
  readonly quorum: QuorumStatus;
}

/** ACL-01 (R.121-12-7 last para.): the instructing association's representative does not sit on its own case. */
export function instructingAssociationRecusal(member: RosterMember, item: AgendaItem): Recusal | undefined {
  return item.kind !== 'policy' &&
    member.category === 'approved_association' &&
    member.associationId === item.instructingAssociationId
    ? {
        memberId: member.memberId,
        rule: 'ACL-01',
        reason: `representative of the instructing association ${item.instructingAssociationId}`,
      }
    : undefined;
}

/** ACL-02 (CRPA R.133-12): a member with a declared personal interest takes no part. */
export function declaredInterestRecusal(
  member: RosterMember,
  item: AgendaItem,
  interests: readonly InterestRecord[],
): Recusal | undefined {
  return interests.some(
    (interest) => interest.memberId === member.memberId && interest.itemId === item.itemId,
  )
    ? { memberId: member.memberId, rule: 'ACL-02', reason: 'declared a personal interest' }
    : undefined;
}

/** ACL-03 (decree of 30 Dec 2025 [S]): child-protection members never attend individual PSP files. */
export function childProtectionRecusal(member: RosterMember, item: AgendaItem): Recusal | undefined {
  return item.kind !== 'policy' && !member.individualCaseAccess
    ? { memberId: member.memberId, rule: 'ACL-03', reason: 'may not attend individual PSP files' }
    : undefined;
}

/** COM-04 (R.121-12-7; CRPA R.133-12): every recusal of a member on an item (ACL-01, ACL-02, ACL-03). */
export function recusalsFor(
  members: readonly RosterMember[],
  item: AgendaItem,
  interests: readonly InterestRecord[],
): Recusal[] {
  return members.flatMap((member) => {
    const recusal =
      instructingAssociationRecusal(member, item) ??
      childProtectionRecusal(member, item) ??
      declaredInterestRecusal(member, item, interests);
    return recusal ? [recusal] : [];
  });
}

/** R.133-10: at least the fraction of the members entitled to sit, present or represented. */
export function quorumNeeded(entitled: number, fraction: Fraction): number {
  return Math.ceil((entitled * fraction.numerator) / fraction.denominator);
}

/**
 * Who may sit, be counted and vote on one item (scenario 5): recused members are out of the
 * attendance, the deliberation, the vote and the quorum (numerator and base) for that item.
 */
export function itemParticipation(input: ParticipationInput): ItemParticipation {
  const recusals = recusalsFor(input.members, input.item, input.interests);
  const recused = new Set(recusals.map((recusal) => recusal.memberId));
  const entitled = input.members.map((member) => member.memberId).filter((id) => !recused.has(id));
  const attending = new Set(input.attendance.map((entry) => entry.memberId));
  const present = entitled.filter((id) => attending.has(id));
  const represented = entitled.filter(
    (id) =>
      !attending.has(id) &&
      input.proxies.some(
        (proxy) =>
          proxy.fromMemberId === id && attending.has(proxy.toMemberId) && !recused.has(proxy.toMemberId),
      ),
  );
  const presentOrRepresented = present.length + represented.length;
  const needed = quorumNeeded(entitled.length, input.quorumFraction);
  const reached = entitled.length > 0 && presentOrRepresented >= needed;
  return {
    itemId: input.item.itemId,
    recusals,
    entitledMemberIds: entitled,
    presentMemberIds: present,
    representedMemberIds: represented,
    eligibleVoterIds: [...present, ...represented],
    quorum: {
      required: !input.quorumWaived,
      entitled: entitled.length,
      presentOrRepresented,
      needed,
      reached,
      met: reached || input.quorumWaived,
    },
  };
}

/** COM-07 (CRPA R.133-10): no deliberation without quorum, except on a second convocation saying so. */
export function quorumSatisfied(participation: ItemParticipation): RuleResult {
  const { quorum } = participation;
  return quorum.met
    ? satisfied
    : violation(
        'COM-07',
        `no quorum: ${quorum.presentOrRepresented} of ${quorum.entitled} members present or represented, ${quorum.needed} needed (R.133-10); convene again stating that no quorum is required`,
        'quorum',
      );
}

export interface Tally {
  readonly violations: RuleResult;
  readonly votesFor: number;
  readonly votesAgainst: number;
  /** Abstentions, and eligible voters who cast no ballot (they count in the base all the same). */
  readonly abstentions: number;
  /** R.133-11: members present or represented on the item, recused excluded: the majority's base. */
  readonly base: number;
  /** R.133-11: exactly half of the base voted for ("partage égal des voix"). */
  readonly tie: boolean;
  /** The tie was decided by the presiding chair's own for or against vote. */
  readonly castingVoteUsed: boolean;
  /** Undefined when the ballots are invalid. */
  readonly opinion?: Opinion;
}

/**
 * Which count of R.133-11 applies: `members_present_or_represented` (ADR 0011, `ItemDeliberated`
 * schema version 2), or `votes_cast`, the count of deliberations recorded before it (schema version 1:
 * more for than against, abstentions ignored, a tie needs the chair's for or against), kept so that
 * past sittings replay with the direction they had.
 */
export type VoteReading = 'members_present_or_represented' | 'votes_cast';

/**
 * COM-07 (CRPA R.133-11), as read in ADR 0011: the commission votes on a favourable opinion, which
 * needs the votes of more than half of the members present or represented on the item (recused
 * members excluded). Abstentions, and present members who cast no ballot, stay in that base: they
 * count like votes against. Exactly half for is the tie ("partage égal des voix"): the presiding
 * chair's vote decides it; a chair who abstains casts no deciding vote, so the favourable opinion
 * is not adopted. An opinion that is not adopted is recorded as unfavourable.
 * Ballots of recused members are refused with the recusal's rule (ACL-01/02/03); ballots of
 * absent, unrepresented or unknown members and double ballots are refused.
 */
export function tallyVotes(
  participation: ItemParticipation,
  ballots: readonly Ballot[],
  presidingChairId: string,
  reading: VoteReading = 'members_present_or_represented',
): Tally {
  const eligible = new Set(participation.eligibleVoterIds);
  const entitled = new Set(participation.entitledMemberIds);
  const seen = new Set<string>();
  const problems: RuleResult[] = [];
  for (const ballot of ballots) {
    const recusal = participation.recusals.find((candidate) => candidate.memberId === ballot.memberId);
    if (recusal)
      problems.push(violation(recusal.rule, `member ${ballot.memberId} is recused: ${recusal.reason}`));
    else if (!entitled.has(ballot.memberId))
      problems.push(violation('COM-07', `member ${ballot.memberId} is not on the roster`));
    else if (!eligible.has(ballot.memberId))
      problems.push(violation('COM-07', `member ${ballot.memberId} is neither present nor represented`));
    else if (seen.has(ballot.memberId))
      problems.push(violation('COM-07', `member ${ballot.memberId} voted twice`));
    seen.add(ballot.memberId);
  }
  const counted = ballots.filter(
    (ballot, index) =>
      eligible.has(ballot.memberId) &&
      ballots.findIndex((other) => other.memberId === ballot.memberId) === index,
  );
  const votesFor = counted.filter((ballot) => ballot.vote === 'for').length;
  const votesAgainst = counted.filter((ballot) => ballot.vote === 'against').length;
  const chairVote = counted.find((ballot) => ballot.memberId === presidingChairId)?.vote;
  const chairDecides = chairVote === 'for' || chairVote === 'against';
  if (reading === 'votes_cast') return votesCastTally(problems, votesFor, votesAgainst, counted, chairVote);
  const base = participation.eligibleVoterIds.length;
  const abstentions = base - votesFor - votesAgainst;
  const tie = base > 0 && 2 * votesFor === base;
  const violations = allOf(...problems);
  const adopted = 2 * votesFor > base || (tie && chairVote === 'for');
  const opinion: Opinion | undefined =
    violations.length > 0 ? undefined : adopted ? 'favourable' : 'unfavourable';
  return {
    violations,
    votesFor,
    votesAgainst,
    abstentions,
    base,
    tie,
    castingVoteUsed: tie && chairDecides && violations.length === 0,
    ...(opinion ? { opinion } : {}),
  };
}

/** The count of deliberations recorded before ADR 0011 (`ItemDeliberated` schema version 1). */
function votesCastTally(
  problems: RuleResult[],
  votesFor: number,
  votesAgainst: number,
  counted: readonly Ballot[],
  chairVote: Ballot['vote'] | undefined,
): Tally {
  const tie = votesFor === votesAgainst;
  if (tie && chairVote !== 'for' && chairVote !== 'against') {
    problems.push(
      violation(
        'COM-07',
        "tie: the presiding chair's casting vote (for or against) is required (R.133-11)",
        'castingVote',
      ),
    );
  }
  const violations = allOf(...problems);
  const opinion: Opinion | undefined =
    violations.length > 0
      ? undefined
      : votesFor > votesAgainst || (tie && chairVote === 'for')
        ? 'favourable'
        : 'unfavourable';
  return {
    violations,
    votesFor,
    votesAgainst,
    abstentions: counted.filter((ballot) => ballot.vote === 'abstain').length,
    base: counted.length,
    tie,
    castingVoteUsed: tie && violations.length === 0,
    ...(opinion ? { opinion } : {}),
  };
}

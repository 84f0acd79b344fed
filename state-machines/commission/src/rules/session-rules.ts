import { CalendarDate, RuleResult, allOf, daysBetween, satisfied, violation } from '@psp/legal-kernel';
import {
  AgendaItem,
  SecondConvocation,
  SessionConvened,
  SessionEvent,
  agendaSubjectOf,
  sameAgendaSubject,
  voteReadingOf,
} from '../events';
import { CommissionParameters, commissionParameterOn } from '../parameters';
import { SessionContext } from '../session/context';
import { ItemParticipation, itemParticipation, quorumSatisfied, tallyVotes } from './participation-rules';

/** The participation of one agenda item in a session context (recusals, presence, quorum). */
export function participationFor(
  context: SessionContext,
  item: AgendaItem,
  parameters: CommissionParameters,
): ItemParticipation {
  const on = context.sittingOn ?? context.convenedOn ?? '2016-10-31';
  return itemParticipation({
    members: context.members,
    item,
    interests: context.interests,
    proxies: context.proxies,
    attendance: context.attendance,
    quorumFraction: commissionParameterOn(parameters, 'quorumFraction', on),
    quorumWaived: quorumWaivedFor(context.secondConvocation, item),
  });
}

/**
 * COM-07 (CRPA R.133-10): a second convocation stating that no quorum is required waives it only
 * for the items of the earlier sitting that lacked quorum (same agenda). Events of schema version 1
 * carry no facts of the earlier sitting: they are replayed as recorded (waived for every item).
 */
export function quorumWaivedFor(secondConvocation: SecondConvocation | undefined, item: AgendaItem): boolean {
  if (secondConvocation?.statesNoQuorumRequired !== true) return false;
  const first = secondConvocation.firstSitting;
  if (first === undefined) return true;
  const subject = agendaSubjectOf(item);
  return first.itemsLackingQuorum.some((lacking) => sameAgendaSubject(lacking, subject));
}

/**
 * COM-07 (CRPA R.133-10): a sitting may deliberate without quorum only as the second convocation
 * of an earlier sitting of the same commission that sat, lacked quorum on items of this agenda, and
 * was held before this convocation. The facts of the earlier sitting are read by the server
 * (`firstSitting`), never taken from the client.
 */
export function secondConvocationEstablished(event: SessionConvened): RuleResult {
  const { secondConvocation, commissionId, convenedOn, agenda } = event.data;
  if (secondConvocation === undefined || !secondConvocation.statesNoQuorumRequired) return satisfied;
  if (event.schemaVersion < 2) return satisfied;
  const first = secondConvocation.firstSitting;
  const name = secondConvocation.firstSessionId;
  if (first === undefined || first.commissionId !== commissionId)
    return violation(
      'COM-07',
      `session ${name} is not an earlier sitting of this commission: a sitting without quorum is only the second convocation of one that lacked it (R.133-10)`,
      'secondConvocation',
    );
  if (first.openedOn === undefined)
    return violation(
      'COM-07',
      `session ${name} never sat, so it did not lack quorum: convene a sitting with quorum (R.133-10)`,
      'secondConvocation',
    );
  const subjects = agenda.map(agendaSubjectOf);
  return allOf(
    convenedOn >= first.openedOn
      ? satisfied
      : violation(
          'COM-07',
          `the second convocation (${convenedOn}) is sent after the sitting that lacked quorum (${first.openedOn})`,
          'secondConvocation',
        ),
    subjects.some((subject) =>
      first.itemsLackingQuorum.some((lacking) => sameAgendaSubject(lacking, subject)),
    )
      ? satisfied
      : violation(
          'COM-07',
          `no item of this agenda lacked quorum at session ${name} on ${first.openedOn}: a second convocation is on the same agenda (R.133-10)`,
          'secondConvocation',
        ),
  );
}

/** COM-07 (CRPA R.133-8): notice of at least 5 days unless urgency. A warning, not a refusal (scenario 34). */
export function noticePeriodRespected(
  sentOn: CalendarDate,
  sittingOn: CalendarDate,
  urgency: boolean,
  parameters: CommissionParameters,
): RuleResult {
  const days = commissionParameterOn(parameters, 'noticeDays', sittingOn);
  const given = daysBetween(sentOn, sittingOn);
  return urgency || given >= days
    ? satisfied
    : violation(
        'COM-07',
        `notice period under ${days} days (${given} days) with no urgency stated (R.133-8)`,
      );
}

function inRoster(context: SessionContext, memberId: string): boolean {
  return context.members.some((member) => member.memberId === memberId);
}

/** COM-02 (R.121-12-7): a member whose term ended before the sitting no longer sits; the refusal names the term. */
export function termNotExpired(context: SessionContext, memberIds: readonly string[]): RuleResult {
  return allOf(
    ...memberIds.flatMap((memberId) => {
      const expired = context.expiredTerms.find((term) => term.memberId === memberId);
      return expired
        ? [
            violation(
              'COM-02',
              `member ${memberId} was appointed for the term ${expired.termStart} to ${expired.termEnd}, which ended before the sitting of ${context.sittingOn}: renew the term or appoint a successor`,
              'memberId',
            ),
          ]
        : [];
    }),
  );
}

function agendaItem(context: SessionContext, itemId: string): AgendaItem | undefined {
  return context.agenda.find((item) => item.itemId === itemId);
}

function itemWellFormed(item: AgendaItem, existing: readonly AgendaItem[]): RuleResult {
  return allOf(
    existing.some((other) => other.itemId === item.itemId)
      ? violation('COM-08', `agenda item ${item.itemId} is already on the agenda`)
      : satisfied,
    item.kind === 'policy' || (item.caseId.length > 0 && item.instructingAssociationId.length > 0)
      ? satisfied
      : violation(
          'ACL-01',
          'a case item names the case and the instructing association',
          'instructingAssociationId',
        ),
  );
}

function notYetDeliberated(context: SessionContext, itemId: string): RuleResult {
  return context.deliberations.some((record) => record.itemId === itemId)
    ? violation('COM-08', `item ${itemId} already has its opinion: exactly one opinion per agenda item`)
    : satisfied;
}

/** The rules a session event must satisfy given the context (the machine adds the lifecycle). */
export function sessionEventRules(
  context: SessionContext,
  event: SessionEvent,
  parameters: CommissionParameters,
): RuleResult {
  switch (event.type) {
    case 'SessionConvened': {
      const chair = event.data.members.find((member) => member.memberId === event.data.presidingChairId);
      const ids = event.data.members.map((member) => member.memberId);
      return allOf(
        event.data.members.length > 0
          ? satisfied
          : violation('COM-01', 'the session has no members', 'members'),
        new Set(ids).size === ids.length
          ? satisfied
          : violation('COM-01', 'a member appears twice on the roster'),
        chair?.role === 'chair'
          ? satisfied
          : violation(
              'COM-07',
              'the chair convenes and presides over the session (R.133-5)',
              'presidingChairId',
            ),
        event.data.sittingOn >= event.data.convenedOn
          ? satisfied
          : violation('COM-07', 'the session cannot sit before it is convened'),
        ...event.data.agenda.map((item, index) => itemWellFormed(item, event.data.agenda.slice(0, index))),
        secondConvocationEstablished(event),
      );
    }
    case 'AgendaItemAdded':
      return allOf(
        itemWellFormed(event.data.item, context.agenda),
        context.sittingOn === undefined || event.data.addedOn <= context.sittingOn
          ? satisfied
          : violation('COM-07', 'an item is added to the agenda before the sitting'),
      );
    case 'InterestDeclared':
      return allOf(
        termNotExpired(context, [event.data.memberId]),
        inRoster(context, event.data.memberId) ||
          context.expiredTerms.some((t) => t.memberId === event.data.memberId)
          ? satisfied
          : violation('ACL-02', `member ${event.data.memberId} is not on the roster`),
        agendaItem(context, event.data.itemId)
          ? satisfied
          : violation('ACL-02', `item ${event.data.itemId} is not on the agenda`),
        notYetDeliberated(context, event.data.itemId),
      );
    case 'ProxyGiven': {
      const { fromMemberId, toMemberId, givenOn } = event.data;
      const max = commissionParameterOn(parameters, 'maxProxiesPerMember', context.sittingOn ?? givenOn);
      const held = context.proxies.filter((proxy) => proxy.toMemberId === toMemberId).length;
      const expired = termNotExpired(context, [fromMemberId, toMemberId]);
      if (expired.length > 0) return expired;
      return allOf(
        inRoster(context, fromMemberId) && inRoster(context, toMemberId)
          ? satisfied
          : violation('COM-07', 'a proxy is given by a member to another member (R.133-9)'),
        fromMemberId !== toMemberId
          ? satisfied
          : violation('COM-07', 'a member cannot give a proxy to themselves'),
        context.proxies.some((proxy) => proxy.fromMemberId === fromMemberId)
          ? violation('COM-07', `member ${fromMemberId} already gave a proxy`)
          : satisfied,
        held < max
          ? satisfied
          : violation(
              'COM-07',
              `member ${toMemberId} already holds ${held} proxy: at most ${max} per member (R.133-9)`,
            ),
        context.proxies.some(
          (proxy) => proxy.fromMemberId === toMemberId || proxy.toMemberId === fromMemberId,
        )
          ? violation('COM-07', 'a member who gave a proxy cannot hold one, and a holder cannot give one')
          : satisfied,
      );
    }
    case 'SessionOpened': {
      const ids = event.data.attendance.map((entry) => entry.memberId);
      return allOf(
        termNotExpired(context, ids),
        ids.every((id) => inRoster(context, id) || context.expiredTerms.some((t) => t.memberId === id))
          ? satisfied
          : violation(
              'COM-07',
              'only members on the roster attend (outsiders are heard, they do not sit: R.133-6)',
            ),
        new Set(ids).size === ids.length
          ? satisfied
          : violation('COM-07', 'a member is counted twice in attendance'),
        context.presidingChairId !== undefined && ids.includes(context.presidingChairId)
          ? satisfied
          : violation(
              'COM-07',
              'the presiding chair (or their representative) must attend',
              'presidingChairId',
            ),
        context.convenedOn === undefined || event.data.openedOn >= context.convenedOn
          ? satisfied
          : violation('COM-07', 'the session cannot open before it was convened'),
      );
    }
    case 'ItemDeliberated': {
      const item = agendaItem(context, event.data.itemId);
      if (item === undefined) return violation('COM-08', `item ${event.data.itemId} is not on the agenda`);
      const participation = participationFor(context, item, parameters);
      const quorum = quorumSatisfied(participation);
      const expired = termNotExpired(
        context,
        event.data.ballots.map((ballot) => ballot.memberId),
      );
      if (expired.length > 0) return expired;
      return allOf(
        notYetDeliberated(context, item.itemId),
        quorum,
        quorum.length === 0
          ? tallyVotes(
              participation,
              event.data.ballots,
              context.presidingChairId ?? '',
              voteReadingOf(event),
            ).violations
          : [],
      );
    }
    case 'SessionClosed':
      return context.openedOn === undefined || event.data.closedOn >= context.openedOn
        ? satisfied
        : violation('COM-07', 'a session closes after it opened');
    case 'SessionCancelled':
      return event.data.reason.trim().length > 0
        ? satisfied
        : violation('COM-07', 'a cancellation states its reason', 'reason');
  }
}

/** Warnings that travel with an accepted event (scenario 34: short notice warns, it does not refuse). */
export function sessionEventWarnings(
  context: SessionContext,
  event: SessionEvent,
  parameters: CommissionParameters,
): RuleResult {
  switch (event.type) {
    case 'SessionConvened':
      return noticePeriodRespected(
        event.data.convenedOn,
        event.data.sittingOn,
        event.data.urgency,
        parameters,
      );
    case 'SessionOpened':
      return context.convenedOn && context.sittingOn
        ? noticePeriodRespected(context.convenedOn, context.sittingOn, context.urgency, parameters)
        : satisfied;
    case 'AgendaItemAdded':
      return context.sittingOn
        ? noticePeriodRespected(event.data.addedOn, context.sittingOn, context.urgency, parameters)
        : satisfied;
    default:
      return satisfied;
  }
}

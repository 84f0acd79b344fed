import { isSatisfied } from '@psp/legal-kernel';
import { assertEvent, assign, setup } from 'xstate';
import { SessionEvent, voteReadingOf } from '../events';
import { CommissionParameters, DEFAULT_COMMISSION_PARAMETERS } from '../parameters';
import { participationFor, sessionEventRules } from '../rules/session-rules';
import { tallyVotes } from '../rules/participation-rules';
import { DeliberationRecord, INITIAL_SESSION_CONTEXT, SessionContext } from './context';

/** Recorded on every event appended to a `commission-session` stream. */
export const COMMISSION_SESSION_MACHINE_VERSION = 1;

/**
 * One sitting of the departmental commission (CRPA R.133-5 to R.133-13), one stream per session.
 * The roster is copied into `SessionConvened`, so the session folds without reading other streams.
 */
export function createSessionMachine(parameters: CommissionParameters = DEFAULT_COMMISSION_PARAMETERS) {
  return setup({
    types: { context: {} as SessionContext, events: {} as SessionEvent },
    guards: {
      rulesPass: ({ context, event }) => isSatisfied(sessionEventRules(context, event, parameters)),
    },
    actions: {
      convene: assign(({ event }) => {
        assertEvent(event, 'SessionConvened');
        const { data } = event;
        return {
          sessionId: data.sessionId,
          commissionId: data.commissionId,
          departement: data.departement,
          convenedOn: data.convenedOn,
          sittingOn: data.sittingOn,
          urgency: data.urgency,
          ...(data.secondConvocation ? { secondConvocation: data.secondConvocation } : {}),
          presidingChairId: data.presidingChairId,
          members: [...data.members],
          expiredTerms: [...(data.expiredTerms ?? [])],
          agenda: [...data.agenda],
        };
      }),
      addItem: assign(({ context, event }) => {
        assertEvent(event, 'AgendaItemAdded');
        return { agenda: [...context.agenda, event.data.item] };
      }),
      declareInterest: assign(({ context, event }) => {
        assertEvent(event, 'InterestDeclared');
        return { interests: [...context.interests, { ...event.data }] };
      }),
      giveProxy: assign(({ context, event }) => {
        assertEvent(event, 'ProxyGiven');
        return { proxies: [...context.proxies, { ...event.data }] };
      }),
      open: assign(({ event }) => {
        assertEvent(event, 'SessionOpened');
        return { openedOn: event.data.openedOn, attendance: [...event.data.attendance] };
      }),
      deliberate: assign(({ context, event }) => {
        assertEvent(event, 'ItemDeliberated');
        const item = context.agenda.find((candidate) => candidate.itemId === event.data.itemId);
        if (!item) return {};
        const participation = participationFor(context, item, parameters);
        const tally = tallyVotes(
          participation,
          event.data.ballots,
          context.presidingChairId ?? '',
          voteReadingOf(event),
        );
        const common = {
          itemId: item.itemId,
          sessionId: context.sessionId ?? '',
          quorumMet: participation.quorum.met,
          votesFor: tally.votesFor,
          votesAgainst: tally.votesAgainst,
          abstentions: tally.abstentions,
          castingVoteUsed: tally.castingVoteUsed,
          decidedOn: event.data.decidedOn,
        };
        const record: DeliberationRecord =
          item.kind === 'policy'
            ? {
                kindOfRecord: 'policy',
                ...common,
                subject: item.subject,
                outcome: tally.opinion === 'favourable' ? 'adopted' : 'rejected',
              }
            : {
                kindOfRecord: 'opinion',
                ...common,
                caseId: item.caseId,
                kind: item.kind,
                opinion: tally.opinion ?? 'unfavourable',
                recusalsApplied: true,
                quorumReached: participation.quorum.reached,
                secondConvocation: context.secondConvocation !== undefined,
                recusedMemberIds: participation.recusals.map((recusal) => recusal.memberId),
              };
        return { deliberations: [...context.deliberations, record] };
      }),
      close: assign(({ event }) => {
        assertEvent(event, 'SessionClosed');
        return { closedOn: event.data.closedOn };
      }),
      cancel: assign(({ event }) => {
        assertEvent(event, 'SessionCancelled');
        return { cancelledOn: event.data.cancelledOn };
      }),
    },
  }).createMachine({
    id: 'commissionSession',
    context: INITIAL_SESSION_CONTEXT,
    initial: 'notConvened',
    states: {
      notConvened: {
        on: { SessionConvened: { guard: 'rulesPass', target: 'convened', actions: 'convene' } },
      },
      convened: {
        on: {
          AgendaItemAdded: { guard: 'rulesPass', actions: 'addItem' },
          InterestDeclared: { guard: 'rulesPass', actions: 'declareInterest' },
          ProxyGiven: { guard: 'rulesPass', actions: 'giveProxy' },
          SessionOpened: { guard: 'rulesPass', target: 'sitting', actions: 'open' },
          SessionCancelled: { guard: 'rulesPass', target: 'cancelled', actions: 'cancel' },
        },
      },
      sitting: {
        on: {
          InterestDeclared: { guard: 'rulesPass', actions: 'declareInterest' },
          ItemDeliberated: { guard: 'rulesPass', actions: 'deliberate' },
          SessionClosed: { guard: 'rulesPass', target: 'closed', actions: 'close' },
        },
      },
      closed: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });
}

export type SessionMachine = ReturnType<typeof createSessionMachine>;

export const sessionMachine: SessionMachine = createSessionMachine();

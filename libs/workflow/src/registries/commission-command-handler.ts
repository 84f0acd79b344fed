import { EventStore } from '@psp/event-store';
import {
  AgendaItem,
  EarlierSitting,
  MembershipEvent,
  SESSION_CONVENED_SCHEMA_VERSION,
  SESSION_EVENT_SCHEMA_VERSIONS,
  SecondConvocation,
  SessionContext,
  SessionDecision,
  SessionEvent,
  decideCommission,
  decideSession,
  earlierSittingFacts,
  expiredTermsOn,
  rosterOn,
  sessionView,
} from '@psp/commission';
import { CalendarDate } from '@psp/legal-kernel';
import { Actor } from '@psp/security';
import { StreamNotFoundError } from '../command/command-errors';
import { deterministicUuid } from '../command/deterministic-id';
import { CommandOutcome, executeCommand } from '../command/execute-command';
import { ForbiddenCommandError } from '../cases/case-access';
import { CaseCommandContext, Clock } from '../cases/case-command-handler';
import { caseAggregate, caseStreamId } from '../cases/case-stream';
import { commissionIdFor, commissionInScope } from './commission-access';
import { CommissionCommandSpec, SessionCommandSpec, sessionCommand } from './commission-commands';
import {
  commissionAggregate,
  commissionSessionStreamId,
  commissionStreamId,
  sessionAggregate,
} from './commission-streams';
import { CommissionOpinionDispatcher } from './commission-opinion-dispatcher';
import { asWorkflowDecision } from './registry-commands';
import { PAPERS_FILED_ON, SittingPapers } from './sitting-papers';

/** An agenda item as the client names it: a case by its id, or a policy subject (R.121-12-6). */
export interface AgendaItemInput {
  readonly itemId?: string;
  readonly kind: AgendaItem['kind'];
  readonly caseId?: string;
  readonly subject?: string;
}

const actorOf = (actor: Actor) => ({ id: actor.subject, role: actor.role });

/**
 * Commission commands, end to end (rule book section 5): the membership stream
 * (`psp-commission-commission-<dept>`, one commission per département) and one stream per sitting.
 * Scope (404), role (403), the facts the server owns (ids, département, the roster copied with
 * `rosterOn`, each case item's instructing association read from the case), the machine's decision
 * (409/422 naming the rule), append with the expected revision.
 */
export class CommissionCommandHandler {
  private readonly opinions: CommissionOpinionDispatcher;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock = () => new Date(),
    /** COM-07 / COM-08: draws up and stores the papers of a sitting; without it none are filed. */
    private readonly papers?: SittingPapers,
  ) {
    this.opinions = new CommissionOpinionDispatcher(store, clock);
  }

  /** COM-03: the préfecture constitutes the commission of its own département. */
  async constitute(
    input: Record<string, unknown>,
    context: CaseCommandContext,
  ): Promise<CommandOutcome & { commissionId: string }> {
    const { actor } = context;
    if (actor.role !== 'prefecture' || !actor.departement)
      throw new ForbiddenCommandError(actor.role, ['prefecture']);
    const commissionId = commissionIdFor(actor.departement);
    const outcome = await executeCommand(
      this.store,
      commissionAggregate,
      commissionStreamId(commissionId),
      { ...context, actor: actorOf(actor) },
      ({ state }) => {
        const event = {
          type: 'CommissionConstituted',
          schemaVersion: 1,
          data: { ...input, commissionId, departement: actor.departement },
        } as MembershipEvent;
        return asWorkflowDecision(state, event, decideCommission(state, event), this.now());
      },
      { mode: 'create' },
    );
    return { ...outcome, commissionId };
  }

  /** Membership commands: appointments, renewals, departures, training (COM-01, COM-02, COM-05). */
  async execute(
    spec: CommissionCommandSpec,
    commissionId: string,
    input: Record<string, unknown>,
    context: CaseCommandContext,
  ): Promise<CommandOutcome> {
    const { actor } = context;
    const streamId = commissionStreamId(commissionId);
    return executeCommand(
      this.store,
      commissionAggregate,
      streamId,
      { ...context, actor: actorOf(actor) },
      ({ state }) => {
        if (!commissionInScope(actor, state.context.departement)) throw new StreamNotFoundError(streamId);
        if (!spec.roles.includes(actor.role)) throw new ForbiddenCommandError(actor.role, spec.roles);
        const event = { type: spec.eventType, schemaVersion: 1, data: input } as MembershipEvent;
        return asWorkflowDecision(state, event, decideCommission(state, event), this.now());
      },
      {
        mode: 'update',
        // Scope before any replay: an outsider's key never confirms the record exists.
        admit: (state) => {
          if (!commissionInScope(actor, state.context.departement)) throw new StreamNotFoundError(streamId);
        },
      },
    );
  }

  /**
   * COM-07: the secretariat convenes a sitting. The roster is the commission's on the sitting date
   * (`rosterOn`), copied into the event so the session never reads the membership stream again.
   */
  async convene(
    commissionId: string,
    input: Record<string, unknown> & { sittingOn: CalendarDate; agenda?: readonly AgendaItemInput[] },
    context: CaseCommandContext,
  ): Promise<CommandOutcome & { sessionId: string }> {
    const { actor } = context;
    const spec = sessionCommand('convene')!;
    const commissionEvents = await this.store.readStream(commissionStreamId(commissionId));
    const commission = commissionAggregate.fold(commissionEvents);
    const departement = commission.context.departement;
    if (commissionEvents.length === 0 || !commissionInScope(actor, departement)) {
      throw new StreamNotFoundError(commissionStreamId(commissionId));
    }
    if (!spec.roles.includes(actor.role)) throw new ForbiddenCommandError(actor.role, spec.roles);
    const { sessionId: requestedId, agenda = [], secondConvocation, ...rest } = input;
    const sessionId =
      (requestedId as string | undefined) ?? deterministicUuid(`commission-session:${context.commandId}`);
    const items = await Promise.all(
      agenda.map((item, index) => this.agendaItem(item, departement!, `${context.commandId}:${index}`)),
    );
    const second = secondConvocation as SecondConvocation | undefined;
    const outcome = await executeCommand(
      this.store,
      sessionAggregate,
      commissionSessionStreamId(sessionId),
      { ...context, actor: actorOf(actor) },
      async ({ state }) => {
        const event = {
          type: 'SessionConvened',
          schemaVersion: SESSION_CONVENED_SCHEMA_VERSION,
          data: {
            ...rest,
            ...(second
              ? {
                  secondConvocation: {
                    firstSessionId: second.firstSessionId,
                    statesNoQuorumRequired: second.statesNoQuorumRequired,
                    firstSitting: await this.earlierSitting(second.firstSessionId, departement),
                  },
                }
              : {}),
            sessionId,
            commissionId,
            departement,
            members: rosterOn(commission, input.sittingOn),
            expiredTerms: expiredTermsOn(commission, input.sittingOn),
            agenda: items,
          },
        } as unknown as SessionEvent;
        const decision = decideSession(state, event);
        return asWorkflowDecision(state, await this.withPapers(event, decision), decision, this.now());
      },
      { mode: 'create' },
    );
    return { ...outcome, sessionId };
  }

  /**
   * Any other session command: agenda, interests, proxies, opening, deliberations, closing. Closing
   * passes each item's opinion to its case (COM-08, R.133-13; ADR 0012), also when the close is a
   * retry answered from the log, so that a crash after the close delivers on the next attempt.
   */
  async executeSession(
    spec: SessionCommandSpec,
    sessionId: string,
    input: Record<string, unknown>,
    context: CaseCommandContext,
  ): Promise<CommandOutcome> {
    const outcome = await this.appendToSession(spec, sessionId, input, context);
    if (spec.eventType !== 'SessionClosed') return outcome;
    const deliveries = await this.opinions.deliver(sessionId, {
      actor: actorOf(context.actor),
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.commandId,
    });
    const undelivered = deliveries
      .filter((delivery) => delivery.outcome === 'refused')
      .map((delivery) => ({
        rule: 'COM-08',
        message: `the opinion on item ${delivery.itemId} was not passed to case ${delivery.caseId}: ${delivery.violations
          .map((v) => `${v.rule}: ${v.message}`)
          .join('; ')}`,
      }));
    return { ...outcome, warnings: [...outcome.warnings, ...undelivered] };
  }

  private async appendToSession(
    spec: SessionCommandSpec,
    sessionId: string,
    input: Record<string, unknown>,
    context: CaseCommandContext,
  ): Promise<CommandOutcome> {
    const { actor } = context;
    const streamId = commissionSessionStreamId(sessionId);
    return executeCommand(
      this.store,
      sessionAggregate,
      streamId,
      { ...context, actor: actorOf(actor) },
      async ({ state }) => {
        const departement = state.context.departement;
        if (actor.role === 'commission_member' && spec.eventType === 'InterestDeclared') {
          // ACL-02: a member on the roster declares its own interest, never another member's.
          if (!memberOnRoster(actor, state.context)) throw new StreamNotFoundError(streamId);
          if (input.memberId !== actor.memberId) {
            throw new ForbiddenCommandError(actor.role, ['commission_secretariat'], 'command', {
              rule: 'ACL-02',
              message: `a commission member declares only its own interest (memberId ${String(actor.memberId)}); another member's interest is recorded by the secretariat`,
            });
          }
        } else if (!commissionInScope(actor, departement)) throw new StreamNotFoundError(streamId);
        if (!spec.roles.includes(actor.role)) throw new ForbiddenCommandError(actor.role, spec.roles);
        let data = input;
        if (spec.eventType === 'AgendaItemAdded') {
          const { addedOn, ...item } = input as unknown as { addedOn: CalendarDate } & AgendaItemInput;
          data = { addedOn, item: await this.agendaItem(item, departement!, context.commandId) };
        }
        const event = {
          type: spec.eventType,
          schemaVersion: SESSION_EVENT_SCHEMA_VERSIONS[spec.eventType] ?? 1,
          data,
        } as SessionEvent;
        const decision = decideSession(state, event);
        return asWorkflowDecision(state, await this.withPapers(event, decision), decision, this.now());
      },
      {
        mode: 'update',
        // Scope before any replay: an outsider's key never confirms the record exists.
        admit: (state) => {
          const onRoster = actor.role === 'commission_member' && memberOnRoster(actor, state.context);
          if (!onRoster && !commissionInScope(actor, state.context.departement)) {
            throw new StreamNotFoundError(streamId);
          }
        },
      },
    );
  }

  /**
   * COM-07 (CRPA R.133-10): the facts of the sitting a second convocation names, read from its
   * stream (a sitting of another département reads as none), so the client alone cannot waive the quorum.
   */
  private async earlierSitting(sessionId: string, departement: string | undefined): Promise<EarlierSitting> {
    const events = await this.store.readStream(commissionSessionStreamId(sessionId));
    if (events.length === 0) return { itemsLackingQuorum: [] };
    const session = sessionAggregate.fold(events);
    if (session.context.departement !== departement) return { itemsLackingQuorum: [] };
    return earlierSittingFacts(session);
  }

  /**
   * ACL-01: a case item carries the case's instructing association, read from the case stream so
   * the client cannot name another; a case of another département reads as 404.
   */
  private async agendaItem(input: AgendaItemInput, departement: string, idSeed: string): Promise<AgendaItem> {
    const itemId = input.itemId ?? deterministicUuid(`agenda-item:${idSeed}`);
    if (input.kind === 'policy') return { itemId, kind: 'policy', subject: input.subject ?? '' };
    const streamId = caseStreamId(input.caseId ?? '');
    const events = input.caseId ? await this.store.readStream(streamId) : [];
    const context = events.length > 0 ? caseAggregate.fold(events).context : undefined;
    if (!context || context.departement !== departement || !context.associationId) {
      throw new StreamNotFoundError(streamId);
    }
    return {
      itemId,
      kind: input.kind,
      caseId: input.caseId!,
      instructingAssociationId: context.associationId,
    };
  }

  /**
   * COM-07 / COM-08: an accepted event that files papers (`PAPERS_FILED_ON`) carries them: each is
   * drawn up from the session as it is after the event, stored, and named with its SHA-256. The
   * same events give the same bytes and ids, so a retried command stores nothing new.
   */
  private async withPapers(event: SessionEvent, decision: SessionDecision): Promise<SessionEvent> {
    const papers = PAPERS_FILED_ON[event.type];
    if (!this.papers || !papers || !decision.accepted) return event;
    const { sessionId, departement } = decision.next.context;
    if (!sessionId || !departement) return event;
    const view = sessionView(decision.next);
    const filed = [];
    for (const paper of papers) filed.push(await this.papers.file(paper, sessionId, departement, view));
    return { ...event, data: { ...event.data, papers: filed } } as SessionEvent;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/** A commission member of the session's département, on its roster (its token names the member). */
function memberOnRoster(actor: Actor, context: SessionContext): boolean {
  return (
    actor.memberId !== undefined &&
    actor.departement === context.departement &&
    context.members.some((member) => member.memberId === actor.memberId)
  );
}

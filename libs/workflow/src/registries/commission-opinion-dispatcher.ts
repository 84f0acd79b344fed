import { EventStore, RecordedEvent } from '@psp/event-store';
import { CommissionOpinionRecord, opinionsOf } from '@psp/commission';
import { RuleViolation } from '@psp/legal-kernel';
import { EVENT_SCHEMA_VERSIONS, PspCaseEvent, decide } from '@psp/psp-case';
import { CommandRefusedError, StreamNotFoundError } from '../command/command-errors';
import { CommandContext, Decision, executeCommand } from '../command/execute-command';
import { CaseRecordPurgedError } from '../privacy/case-record-purged';
import { caseAggregate, caseStreamId } from '../cases/case-stream';
import type { Clock } from '../cases/case-command-handler';
import { commissionSessionStreamId, sessionAggregate } from './commission-streams';

/** What happened to one opinion of a closed sitting. */
export interface OpinionDelivery {
  readonly sessionId: string;
  readonly itemId: string;
  readonly caseId: string;
  /** `recorded` now, `already_on_file` (an earlier close, retry or `record-commission-opinion`), or `refused` by the case. */
  readonly outcome: 'recorded' | 'already_on_file' | 'refused';
  readonly violations: readonly RuleViolation[];
}

/** COM-08: the command id under which the opinion of one item reaches its case: one per sitting and item. */
export function opinionCommandId(sessionId: string, itemId: string): string {
  return `commission-opinion:${sessionId}:${itemId}`;
}

/** True when the case already holds the opinion of this sitting's item (whoever recorded it). */
export function opinionOnFile(events: readonly RecordedEvent[], sessionId: string, itemId: string): boolean {
  return events.some((event) => {
    if (event.type !== 'CommissionOpinionRecorded') return false;
    const data = event.data as { sessionId?: string; itemId?: string };
    return data.sessionId === sessionId && data.itemId === itemId;
  });
}

/** The case event that carries a sitting's opinion (T4/T9, AFIS F3), as `record-commission-opinion` writes it. */
export function opinionEvent(opinion: CommissionOpinionRecord): PspCaseEvent {
  return {
    type: 'CommissionOpinionRecorded',
    schemaVersion: EVENT_SCHEMA_VERSIONS.CommissionOpinionRecorded,
    data: {
      recordedOn: opinion.decidedOn,
      opinion: opinion.opinion,
      quorumMet: opinion.quorumMet,
      recusalsApplied: opinion.recusalsApplied,
      sessionId: opinion.sessionId,
      itemId: opinion.itemId,
      kind: opinion.kind,
    },
  } as PspCaseEvent;
}

/**
 * COM-08 / R.133-13: closing a sitting passes each item's opinion to its case, exactly once (ADR 0012).
 * Each delivery is one case command whose id is derived from the sitting and the item
 * (`commission-opinion:<session>:<item>`): a retried close, a crash between the close and the
 * deliveries, or two processes delivering at once write the opinion once; a case that already holds
 * the opinion of that item (recorded by `record-commission-opinion`) gets nothing new. A case that
 * cannot take the opinion (withdrawn meanwhile, another kind of decision under way) refuses it:
 * the refusal is reported, the sitting stays closed.
 */
export class CommissionOpinionDispatcher {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock = () => new Date(),
  ) {}

  /** Delivers the opinions of a closed sitting; nothing for a sitting that is not closed. */
  async deliver(
    sessionId: string,
    context: Pick<CommandContext, 'actor' | 'correlationId' | 'causationId'>,
  ): Promise<OpinionDelivery[]> {
    const events = await this.store.readStream(commissionSessionStreamId(sessionId));
    if (events.length === 0) return [];
    const session = sessionAggregate.fold(events);
    if (!session.matches('closed')) return [];
    const deliveries: OpinionDelivery[] = [];
    for (const opinion of opinionsOf(session)) deliveries.push(await this.deliverOne(opinion, context));
    return deliveries;
  }

  private async deliverOne(
    opinion: CommissionOpinionRecord,
    context: Pick<CommandContext, 'actor' | 'correlationId' | 'causationId'>,
  ): Promise<OpinionDelivery> {
    const { sessionId, itemId, caseId } = opinion;
    const base = { sessionId, itemId, caseId };
    let alreadyOnFile = false;
    try {
      const outcome = await executeCommand(
        this.store,
        caseAggregate,
        caseStreamId(caseId),
        { ...context, commandId: opinionCommandId(sessionId, itemId) },
        async ({ state, history }): Promise<Decision> => {
          if (opinionOnFile(await history(), sessionId, itemId)) {
            alreadyOnFile = true;
            return { accepted: true, events: [] };
          }
          const event = opinionEvent(opinion);
          const decision = decide(state, event);
          if (!decision.accepted) return { accepted: false, violations: decision.violations, kind: 'state' };
          return {
            accepted: true,
            events: [{ ...event, occurredAt: this.clock().toISOString() }],
            warnings: decision.warnings,
          };
        },
        { mode: 'update' },
      );
      const recorded = !alreadyOnFile && !outcome.replayed;
      return { ...base, outcome: recorded ? 'recorded' : 'already_on_file', violations: [] };
    } catch (error) {
      if (error instanceof CommandRefusedError)
        return { ...base, outcome: 'refused', violations: error.violations };
      if (error instanceof StreamNotFoundError || error instanceof CaseRecordPurgedError)
        return {
          ...base,
          outcome: 'refused',
          violations: [{ rule: 'COM-08', message: `case ${caseId} no longer exists` }],
        };
      throw error;
    }
  }
}

/** Where the recovery pass finds the sittings closed recently (ids). */
export interface RecentlyClosedSessions {
  ids(): Promise<string[]>;
}

const SYSTEM_ACTOR = { id: 'commission-opinion-delivery', role: 'system' };

/**
 * The recovery pass of ADR 0012, run with the deadline jobs: a sitting whose close was written but
 * whose deliveries were cut short (the process stopped, the client never retried) gets them now.
 * Deliveries already made are recognised by their command id, so the pass writes nothing twice.
 */
export class CommissionOpinionSweep {
  constructor(
    private readonly dispatcher: CommissionOpinionDispatcher,
    private readonly sessions: RecentlyClosedSessions,
  ) {}

  async runOnce(): Promise<OpinionDelivery[]> {
    const recorded: OpinionDelivery[] = [];
    for (const sessionId of await this.sessions.ids()) {
      const deliveries = await this.dispatcher.deliver(sessionId, {
        actor: SYSTEM_ACTOR,
        correlationId: `session-closed:${sessionId}`,
      });
      recorded.push(...deliveries.filter((delivery) => delivery.outcome === 'recorded'));
    }
    return recorded;
  }
}

import { EventStore, RecordedEvent } from '@psp/event-store';
import { agrementDeadlines, agrementView } from '@psp/association';
import { caseView } from '@psp/psp-case';
import {
  CaseRecordPurgedError,
  associationAggregate,
  associationStreamId,
  caseAggregate,
  caseIdOf,
  commissionAggregate,
  commissionSessionStreamId,
  commissionStreamId,
  sessionAggregate,
} from '@psp/workflow';
import {
  convocationMessages,
  memberSubject,
  memberTermAlerts,
  sittingChangeMessages,
} from './commission-alerts';
import { ENDS_AGREMENT_ALERTS, STARTS_AGREMENT_TERM, agrementExpiryAlerts } from './agrement-alerts';
import { OutboxMessage } from './notification';
import { notificationsOf } from './notification-rules';
import { OutboxStore } from './outbox-store';

/** Commission events that start or end a member's term (COM-02). */
const MEMBERSHIP_TERMS = new Set(['MembersAppointed', 'MemberTermRenewed', 'MemberLeft']);

/** Event types that may tell someone something (others only move the checkpoint). */
const INTERESTING = new Set([
  'DecisionNotified',
  'PrefectRefused',
  'RenewalGranted',
  'NonRenewalNotified',
  'NonRenewalProposed',
  'ResumptionAuthorised',
  'CourtOrderedAuthorisation',
  'AfisGranted',
  'AfisRefused',
  'ApsIssued',
  'ApsRenewed',
  'ApsRefused',
  'Interrupted',
  'ClosedOther',
  'Withdrawn',
  'Completed',
  'CapReached',
  'PeriodEnded',
]);

/**
 * Feeds the outbox from the global log, after its own checkpoint (docs/adr/0021): the messages an
 * event causes and the checkpoint past it are written in one transaction, so a crash replays the
 * batch and the deterministic ids absorb it: every message is enqueued exactly once.
 */
export class OutboxFeeder {
  constructor(
    private readonly store: EventStore,
    private readonly outbox: OutboxStore,
    private readonly baseUrl: string,
    private readonly clock: () => Date = () => new Date(),
    private readonly batchSize = 500,
  ) {}

  /** Reads and records everything after the checkpoint; returns how many messages were enqueued. */
  async runOnce(): Promise<number> {
    let enqueued = 0;
    for (;;) {
      const after = await this.outbox.checkpoint();
      const events = await this.store.readAll({
        ...(after !== undefined ? { after } : {}),
        maxCount: this.batchSize,
      });
      if (events.length === 0) return enqueued;
      let messages: OutboxMessage[] = [];
      const cancel: string[] = [];
      const now = this.clock().toISOString();
      for (const event of events) {
        const derived = await this.derive(event);
        const cancelled = [derived.cancelAlertsOf ?? []].flat();
        cancel.push(...cancelled);
        // An alert enqueued earlier in this batch is cancelled here too (the store cancels before it inserts).
        if (cancelled.length > 0) {
          messages = messages.filter(
            (m) => !(cancelled.includes(m.caseId) && m.kind.startsWith('deadline:') && m.notBefore > now),
          );
        }
        messages.push(...derived.messages);
      }
      await this.outbox.record(messages, cancel, events[events.length - 1].globalPosition, now);
      enqueued += messages.length;
      if (events.length < this.batchSize) return enqueued;
    }
  }

  private async derive(
    event: RecordedEvent,
  ): Promise<{ messages: OutboxMessage[]; cancelAlertsOf?: string | string[] }> {
    const associationId = associationIdOf(event.streamId);
    if (associationId) return this.deriveAgrement(event, associationId);
    if (event.streamId.startsWith(commissionSessionStreamId(''))) return this.deriveSitting(event);
    if (event.streamId.startsWith(commissionStreamId(''))) return this.deriveMemberTerms(event);
    const caseId = caseIdOf(event.streamId);
    if (!caseId || !INTERESTING.has(event.type)) return { messages: [] };
    // The case as it stood after this event: who to tell, and the period it opened.
    const stream = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    let view;
    let context;
    try {
      const state = caseAggregate.fold(stream);
      view = caseView(state);
      context = state.context;
    } catch (error) {
      if (error instanceof CaseRecordPurgedError) return { messages: [] }; // purged since: nobody to tell
      throw error;
    }
    const derived = notificationsOf(
      event,
      caseId,
      {
        associationId: context.associationId,
        departement: context.departement,
        periodEnd: view.deadlines.periodEnd,
        finalPeriod: view.rights.finalPeriod,
      },
      this.baseUrl,
    );
    return {
      messages: derived.messages.map((m) => ({ ...m, departement: context.departement })),
      ...(derived.cancelAlertsOf ? { cancelAlertsOf: derived.cancelAlertsOf } : {}),
    };
  }

  /** COM-07: the convocation, then what changes the sitting the members were convened to. */
  private async deriveSitting(event: RecordedEvent): Promise<{ messages: OutboxMessage[] }> {
    if (event.type === 'SessionConvened') return { messages: convocationMessages(event, this.baseUrl) };
    if (event.type !== 'AgendaItemAdded' && event.type !== 'SessionCancelled') return { messages: [] };
    const stream = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const { context } = sessionAggregate.fold(stream);
    return { messages: sittingChangeMessages(event, context, this.baseUrl) };
  }

  /**
   * COM-02: a named member's term-expiry alert, scheduled when the member is appointed or the term
   * renewed; cancelled by a renewal (a new alert follows), a departure, or a successor on the seat.
   */
  private async deriveMemberTerms(
    event: RecordedEvent,
  ): Promise<{ messages: OutboxMessage[]; cancelAlertsOf?: string[] }> {
    if (!MEMBERSHIP_TERMS.has(event.type)) return { messages: [] };
    const stream = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const { context } = commissionAggregate.fold(stream);
    const departement = context.departement;
    if (!departement) return { messages: [] };
    const data = event.data as {
      memberId?: string;
      appointments?: readonly { memberId: string; replacesMemberId?: string }[];
    };
    const ended = new Set<string>();
    const started = new Set<string>();
    if (event.type === 'MembersAppointed') {
      for (const appointment of data.appointments ?? []) {
        started.add(appointment.memberId);
        if (appointment.replacesMemberId) ended.add(appointment.replacesMemberId);
      }
    } else if (event.type === 'MemberTermRenewed' && data.memberId) {
      ended.add(data.memberId);
      started.add(data.memberId);
    } else if (event.type === 'MemberLeft' && data.memberId) ended.add(data.memberId);
    const latest = new Map(context.members.map((member) => [member.memberId, member]));
    const messages = [...started].flatMap((memberId) => {
      const member = latest.get(memberId);
      return member && !member.leftOn ? memberTermAlerts(event, departement, member, this.baseUrl) : [];
    });
    return {
      messages,
      ...(ended.size > 0 ? { cancelAlertsOf: [...ended].map((id) => memberSubject(departement, id)) } : {}),
    };
  }

  /** AGR-06 / AGR-07: the expiry alert of an agrément term (cancelled by a renewal, withdrawal or expiry). */
  private async deriveAgrement(event: RecordedEvent, associationId: string) {
    const cancel = ENDS_AGREMENT_ALERTS.has(event.type) ? { cancelAlertsOf: associationId } : {};
    if (!STARTS_AGREMENT_TERM.has(event.type)) return { messages: [], ...cancel };
    const stream = await this.store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const state = associationAggregate.fold(stream);
    const deadlines = agrementDeadlines(state);
    const view = agrementView(state);
    return {
      messages: agrementExpiryAlerts(
        event,
        associationId,
        {
          validTo: deadlines.validTo,
          warningFrom: deadlines.expiryWarningFrom,
          headOffice: view.headOfficeDepartement,
        },
        this.baseUrl,
      ).map((m) => ({
        ...m,
        ...(view.headOfficeDepartement ? { departement: view.headOfficeDepartement } : {}),
      })),
      ...cancel,
    };
  }
}

function associationIdOf(streamId: string): string | undefined {
  const prefix = associationStreamId('');
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : undefined;
}

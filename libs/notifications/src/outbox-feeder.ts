import { EventStore, RecordedEvent } from '@psp/event-store';
import { agrementDeadlines, agrementView } from '@psp/association';
import { caseView } from '@psp/psp-case';
import {
  CaseRecordPurgedError,
  associationAggregate,
  associationStreamId,
  caseAggregate,
  caseIdOf,
} from '@psp/workflow';
import { ENDS_AGREMENT_ALERTS, STARTS_AGREMENT_TERM, agrementExpiryAlerts } from './agrement-alerts';
import { OutboxMessage } from './notification';
import { notificationsOf } from './notification-rules';
import { OutboxStore } from './outbox-store';

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
      const messages: OutboxMessage[] = [];
      const cancel: string[] = [];
      for (const event of events) {
        const derived = await this.derive(event);
        if (derived.cancelAlertsOf) cancel.push(derived.cancelAlertsOf);
        messages.push(...derived.messages);
      }
      await this.outbox.record(
        messages,
        cancel,
        events[events.length - 1].globalPosition,
        this.clock().toISOString(),
      );
      enqueued += messages.length;
      if (events.length < this.batchSize) return enqueued;
    }
  }

  private async derive(
    event: RecordedEvent,
  ): Promise<{ messages: OutboxMessage[]; cancelAlertsOf?: string }> {
    const associationId = associationIdOf(event.streamId);
    if (associationId) return this.deriveAgrement(event, associationId);
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
      messages: [...derived.messages],
      ...(derived.cancelAlertsOf ? { cancelAlertsOf: derived.cancelAlertsOf } : {}),
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
      ),
      ...cancel,
    };
  }
}

function associationIdOf(streamId: string): string | undefined {
  const prefix = associationStreamId('');
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : undefined;
}

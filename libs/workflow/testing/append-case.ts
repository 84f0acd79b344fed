import { randomUUID } from 'node:crypto';
import { EventStore } from '@psp/event-store';
import { PspCaseEvent } from '@psp/psp-case';
import { replayAccepted } from '../../../state-machines/psp-case/src/testing/fixtures';
import { caseStreamId } from '../src/cases/case-stream';

/**
 * A new case's events written straight to a store (no command), checked first against the case
 * machine (`replayAccepted` throws on an event it refuses): for tests of what reads the log.
 */
export async function appendCase(store: EventStore, caseId: string, events: PspCaseEvent[]): Promise<void> {
  replayAccepted(events);
  await store.append(
    caseStreamId(caseId),
    events.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.data as unknown as Record<string, unknown>,
      metadata: {
        occurredAt: '2024-10-01T09:00:00.000Z',
        schemaVersion: e.schemaVersion,
        machineVersion: 'test@1',
        actor: { id: 'agent-1', role: 'association' },
        commandId: randomUUID(),
        correlationId: randomUUID(),
        causationId: randomUUID(),
      },
    })),
    { expectedRevision: 'no_stream' },
  );
}

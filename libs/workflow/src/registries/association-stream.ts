import { RecordedEvent } from '@psp/event-store';
import {
  AGREMENT_MACHINE_VERSION,
  AgrementSnapshot,
  AgrementStreamEvent,
  foldAgrement,
} from '@psp/association';
import { Aggregate } from '../command/execute-command';

const PREFIX = 'psp-association-';

export function associationStreamId(associationId: string): string {
  return `${PREFIX}${associationId}`;
}

export function toAgrementEvent(event: RecordedEvent): AgrementStreamEvent {
  return {
    type: event.type,
    schemaVersion: event.metadata.schemaVersion,
    data: event.data,
  } as AgrementStreamEvent;
}

/** The agrément of an association: its stream folded through the association machine (PD-3). */
export const associationAggregate: Aggregate<AgrementSnapshot> = {
  machineVersion: `association@${AGREMENT_MACHINE_VERSION}`,
  fold: (events) => foldAgrement(events.map(toAgrementEvent)),
};

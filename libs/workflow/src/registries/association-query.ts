import { EventStore } from '@psp/event-store';
import { AgrementView, agrementView } from '@psp/association';
import { Actor } from '@psp/security';
import { StreamNotFoundError } from '../command/command-errors';
import { associationInScope } from './association-access';
import { associationAggregate, associationStreamId } from './association-stream';

export interface AssociationSnapshot {
  readonly associationId: string;
  /** The ETag to send back in If-Match. */
  readonly revision: number;
  /** Status, départements, validity, the application under instruction and the deadlines (AGR-04..AGR-08). */
  readonly agrement: AgrementView;
}

/** One association's agrément as the actor may see it, folded now; 404 out of scope. */
export async function loadAssociation(
  store: EventStore,
  associationId: string,
  actor: Actor,
): Promise<AssociationSnapshot> {
  const streamId = associationStreamId(associationId);
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new StreamNotFoundError(streamId);
  const state = associationAggregate.fold(events);
  if (!associationInScope(actor, associationId, state.context)) throw new StreamNotFoundError(streamId);
  return { associationId, revision: events[events.length - 1].revision, agrement: agrementView(state) };
}

import { EventStore } from '@psp/event-store';
import { sampleEvent } from '../fixtures/sample-event';
import { StoreContender } from './contender';

/** One of our stores, measured through the EventStore port: the same operations whatever the adapter. */
export function pspStoreContender(
  name: string,
  store: EventStore,
  durability: () => Promise<string>,
): StoreContender {
  return {
    name,
    durability,
    async appendOne(stream, revision) {
      await store.append(stream, [sampleEvent(stream, revision)], {
        expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
      });
    },
    async seedStream(stream, count) {
      const events = Array.from({ length: count }, (_, i) => sampleEvent(stream, i));
      await store.append(stream, events, { expectedRevision: 'no_stream' });
    },
    async readStream(stream) {
      return (await store.readStream(stream)).length;
    },
    close: () => store.close(),
  };
}

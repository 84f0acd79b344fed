import { describeEventStoreContract } from '@psp/event-store/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs against a real EventStoreDB/KurrentDB server only when one is named; the suite gives
// each run its own stream-name prefix, so a shared server is fine.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(
    'eventstoredb (EVENTSTORE_CONNECTION_STRING)',
    async () => ({
      store: await EventStoreDbEventStore.open({ connectionString }),
    }),
    { globalEventIds: false, purgeLeavesGlobalLog: true },
  );
} else {
  const message =
    'EventStoreDB contract suite skipped: set EVENTSTORE_CONNECTION_STRING to run it against a server';
  console.warn(message);
  describe('event-store contract: eventstoredb', () => {
    it.skip(message, () => undefined);
  });
}

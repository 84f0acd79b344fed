import { describeEventStoreContract, describeSnapshotStoreContract } from '@psp/event-store/testing';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('in-memory', async () => ({ store: new InMemoryEventStore() }));

describeSnapshotStoreContract('in-memory', async () => ({ store: new InMemoryEventStore() }));

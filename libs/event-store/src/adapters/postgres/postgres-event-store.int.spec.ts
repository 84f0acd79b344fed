import {
  describeEventStoreContract,
  describeSnapshotStoreContract,
  freshSchemaUrl,
} from '@psp/event-store/testing';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract('postgres (schema of its own per store)', async () => {
  const { url, drop } = freshSchemaUrl('contract');
  return { store: await PostgresEventStore.open({ url }), cleanup: drop };
});

describeSnapshotStoreContract('postgres (schema of its own per store)', async () => {
  const { url, drop } = freshSchemaUrl('snapshots');
  return { store: await PostgresEventStore.open({ url }), cleanup: drop };
});

import { PostgresEventStore } from '@psp/event-store';
import { sampleEvent } from '../fixtures/sample-event';
import { StoreContender } from './contender';

/** Our PostgreSQL store with its defaults (pool of 10, server's synchronous_commit). */
export async function pspPostgres(url: string, synchronousCommit: string): Promise<StoreContender> {
  const store = await PostgresEventStore.open({ url });
  return {
    name: 'ours: PostgresEventStore',
    async durability() {
      return `synchronous_commit=${synchronousCommit} (server default, not set by the store), pool of 10 connections`;
    },
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

import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { sampleEmmettEvent } from '../fixtures/sample-event';
import { StoreContender } from './contender';

/**
 * Emmett's PostgreSQL event store with its defaults: `getPostgreSQLEventStore(url)`
 * (a dumbo pool over pg's Pool, default size 10; schema created on first use).
 */
export async function emmettPostgres(url: string, synchronousCommit: string): Promise<StoreContender> {
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  return {
    name: 'Emmett getPostgreSQLEventStore (defaults)',
    async durability() {
      return `synchronous_commit=${synchronousCommit} (server default, not set by Emmett), pg pool of 10 connections`;
    },
    async appendOne(stream, revision) {
      // Emmett's stream versions count events: 0n is "no event yet", so expect `revision`.
      await store.appendToStream(stream, [sampleEmmettEvent(stream, revision)], {
        expectedStreamVersion: BigInt(revision),
      });
    },
    async seedStream(stream, count) {
      const events = Array.from({ length: count }, (_, i) => sampleEmmettEvent(stream, i));
      await store.appendToStream(stream, events, { expectedStreamVersion: 0n });
    },
    async readStream(stream) {
      return (await store.readStream(stream)).events.length;
    },
    close: () => store.close(),
  };
}

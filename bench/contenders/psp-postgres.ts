import { PostgresEventStore } from '@psp/event-store';
import { StoreContender } from './contender';
import { pspStoreContender } from './psp-store';

/** Our PostgreSQL store with its defaults (pool of 10, server's synchronous_commit). */
export async function pspPostgres(url: string, synchronousCommit: string): Promise<StoreContender> {
  const store = await PostgresEventStore.open({ url });
  return pspStoreContender(
    'ours: PostgresEventStore',
    store,
    async () =>
      `synchronous_commit=${synchronousCommit} (server default, not set by the store), pool of 10 connections`,
  );
}

import { resolve } from 'node:path';
import { EventStore } from './port/event-store.port';
import { InMemoryEventStore } from './adapters/memory/in-memory-event-store';
import { SqliteEventStore, SqliteSynchronous } from './adapters/sqlite/sqlite-event-store';
import { PostgresEventStore } from './adapters/postgres/postgres-event-store';
import { EventStoreDbEventStore } from './adapters/eventstoredb/eventstoredb-event-store';

/** The embedded default: a file next to where the product runs, no server to set up. */
export const DEFAULT_EVENT_STORE_URL = 'sqlite:./data/psp-events.sqlite';

export class EventStoreUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreUrlError';
  }
}

/**
 * Opens the store an `EVENT_STORE_URL` names:
 * - `sqlite:<file path>` (`?synchronous=FULL|NORMAL|OFF&groupCommit=false` for benchmarks), `sqlite::memory:`;
 * - `postgres://user@host:port/database?schema=name`;
 * - `esdb://…` or `kurrentdb://…`: an EventStoreDB/KurrentDB connection string;
 * - `memory:` for tests and demos (nothing is kept).
 */
export async function openEventStore(url: string = DEFAULT_EVENT_STORE_URL): Promise<EventStore> {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  switch (scheme) {
    case 'sqlite:': {
      const [path, query = ''] = url.slice('sqlite:'.length).split('?');
      if (!path)
        throw new EventStoreUrlError(
          'sqlite: needs a file path, for example sqlite:./data/psp-events.sqlite',
        );
      const params = new URLSearchParams(query);
      const synchronous = (params.get('synchronous') ?? 'FULL').toUpperCase();
      if (!['FULL', 'EXTRA', 'NORMAL', 'OFF'].includes(synchronous)) {
        throw new EventStoreUrlError(
          `sqlite: synchronous must be FULL, EXTRA, NORMAL or OFF, not ${synchronous}`,
        );
      }
      return new SqliteEventStore({
        file: path === ':memory:' ? path : resolve(path.replace(/^\/\/(?=\/)/, '')),
        synchronous: synchronous as SqliteSynchronous,
        groupCommit: params.get('groupCommit') !== 'false',
      });
    }
    case 'postgres:':
    case 'postgresql:':
      return PostgresEventStore.open({ url });
    case 'esdb:':
    case 'esdb+discover:':
    case 'kurrentdb:':
    case 'kurrentdb+discover:':
    case 'kurrent:':
    case 'kurrent+discover:':
      return EventStoreDbEventStore.open({ connectionString: url });
    case 'memory:':
      return new InMemoryEventStore();
    default:
      throw new EventStoreUrlError(
        `EVENT_STORE_URL must start with sqlite:, postgres://, esdb:// (or kurrentdb://) or memory:, got "${url.slice(0, 20)}…"`,
      );
  }
}

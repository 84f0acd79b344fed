import { SqliteEventStore } from '@psp/event-store';
import { StoreContender } from './contender';
import { pspStoreContender } from './psp-store';

/** Our embedded store with its defaults (WAL, synchronous=FULL), group commit on or off. */
export function pspSqlite(file: string, groupCommit = true): StoreContender {
  const store = new SqliteEventStore({ file, groupCommit });
  return pspStoreContender(
    `ours: SqliteEventStore (group commit ${groupCommit ? 'on' : 'off'})`,
    store,
    async () => {
      const { details } = await store.health();
      return `journal_mode=${String(details.journalMode)}, synchronous=${String(details.synchronous)}`;
    },
  );
}

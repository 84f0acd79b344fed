import { SqliteEventStore } from '@psp/event-store';
import { sampleEvent } from '../fixtures/sample-event';
import { StoreContender } from './contender';

/** Our embedded store with its defaults (WAL, synchronous=FULL), group commit on or off. */
export function pspSqlite(file: string, groupCommit = true): StoreContender {
  const store = new SqliteEventStore({ file, groupCommit });
  return {
    name: `ours: SqliteEventStore (group commit ${groupCommit ? 'on' : 'off'})`,
    async durability() {
      const { details } = await store.health();
      return `journal_mode=${String(details.journalMode)}, synchronous=${String(details.synchronous)}`;
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

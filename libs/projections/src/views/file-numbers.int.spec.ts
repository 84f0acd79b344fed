import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, NewEvent, PostgresEventStore, SqliteEventStore } from '@psp/event-store';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { CASE_RECORD_PURGED, caseStreamId } from '@psp/workflow';
import { Projector } from '../projector/projector';
import { PostgresReadModel } from '../read-model/postgres-read-model';
import { ReadModelDatabase } from '../read-model/read-model-database';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { FileNumbersProjection } from './file-numbers.projection';

/** The event store and read model of one engine, each test on files or a schema of its own. */
interface Engine {
  readonly store: EventStore & { close(): Promise<void> };
  readonly db: ReadModelDatabase;
  readonly cleanup: () => Promise<void>;
}

const engines: Record<string, () => Promise<Engine>> = {
  SQLite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'psp-file-numbers-'));
    return {
      store: new SqliteEventStore({ file: join(dir, 'events.sqlite') }),
      db: new SqliteReadModel(join(dir, 'read.sqlite')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
  PostgreSQL: async () => {
    const schema = freshSchemaUrl('fileno');
    return {
      store: await PostgresEventStore.open({ url: schema.url }),
      db: await PostgresReadModel.open(schema.url),
      cleanup: schema.drop,
    };
  },
};

/**
 * File numbers are written on letters and searched by: once given, a case keeps its number. A
 * retention purge deletes the case's `RequestOpened` from the log, so a rebuild that only counted
 * the requests left in the log would give every later case of that département and year the
 * number of the one before it.
 */
describe.each(Object.keys(engines))(
  'rv_file_numbers on %s: a number once given stays the case’s, through purges and rebuilds',
  (engine) => {
    let opened: Engine;
    let store: Engine['store'];
    let db: ReadModelDatabase;
    let projector: Projector;

    const metadata = () => ({
      actor: { id: 'agent', role: 'association' },
      commandId: randomUUID(),
      occurredAt: '2026-01-10T10:00:00.000Z',
      schemaVersion: 1,
    });

    async function open(departement: string, openedOn: string): Promise<string> {
      const caseId = randomUUID();
      const event: NewEvent = {
        id: randomUUID(),
        type: 'RequestOpened',
        data: { departement, openedOn },
        metadata: metadata(),
      };
      await store.append(caseStreamId(caseId), [event], { expectedRevision: 'no_stream' });
      return caseId;
    }

    async function purge(caseId: string): Promise<void> {
      const tombstone: NewEvent = {
        id: randomUUID(),
        type: CASE_RECORD_PURGED,
        data: { purgedThroughRevision: 0, openedOn: '2026-01-10', statusHistory: [], finalStatus: 'closed' },
        metadata: metadata(),
      };
      await store.purgeStream(caseStreamId(caseId), tombstone, { expectedRevision: 0 });
    }

    async function numbers(): Promise<Record<string, string>> {
      await projector.waitUntilCaughtUp();
      const rows = await db.all<{ case_id: string; file_number: string }>(
        'SELECT case_id, file_number FROM rv_file_numbers',
      );
      return Object.fromEntries(rows.map((row) => [row.case_id, row.file_number]));
    }

    beforeEach(async () => {
      opened = await engines[engine]();
      ({ store, db } = opened);
      projector = new Projector(store, db, [new FileNumbersProjection()]);
      await projector.start();
    });

    afterEach(async () => {
      await projector.stop();
      await db.close();
      await store.close();
      await opened.cleanup();
    });

    it('a rebuild after a purge gives every case the number it had, the purged one included', async () => {
      const first = await open('69', '2026-01-10');
      const purged = await open('69', '2026-02-10');
      const third = await open('69', '2026-03-10');
      const elsewhere = await open('13', '2026-03-11');
      const before = await numbers();
      expect(before).toEqual({
        [first]: '69-2026-0001',
        [purged]: '69-2026-0002',
        [third]: '69-2026-0003',
        [elsewhere]: '13-2026-0001',
      });

      await purge(purged);
      expect(await numbers()).toEqual(before); // the purged case keeps its row: its number is never given again

      await projector.rebuild('file_numbers');
      expect(await numbers()).toEqual(before);

      // The next request of the same département and year takes the next number, not a freed one.
      const fourth = await open('69', '2026-04-10');
      expect((await numbers())[fourth]).toBe('69-2026-0004');
    });

    it('a rebuild twice over, with requests opened meanwhile, still gives the same numbers', async () => {
      const cases = [await open('69', '2026-01-10'), await open('69', '2026-01-11')];
      await numbers(); // numbered before the purge (years before it, in real life)
      await purge(cases[0]);
      await projector.rebuild('file_numbers');
      cases.push(await open('69', '2026-01-12'));
      await projector.rebuild('file_numbers');
      expect(await numbers()).toEqual({
        [cases[0]]: '69-2026-0001',
        [cases[1]]: '69-2026-0002',
        [cases[2]]: '69-2026-0003',
      });
    });
  },
);

describe('rv_file_numbers on SQLite: the tables of a deployed version', () => {
  it('get an index added to the version after they were created, at the next start', async () => {
    const { store, db, cleanup } = await engines.SQLite();
    let projector = new Projector(store, db, [new FileNumbersProjection()]);
    try {
      await projector.start();
      await store.append(
        caseStreamId(randomUUID()),
        [
          {
            id: randomUUID(),
            type: 'RequestOpened',
            data: { departement: '69', openedOn: '2026-01-10' },
            metadata: { occurredAt: '2026-01-10T10:00:00.000Z', schemaVersion: 1 },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      await projector.waitUntilCaughtUp();
      await projector.stop();
      const index = 'rv_file_numbers_v1_by_departement_year';
      const indexes = () =>
        db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?", [index]);
      // As deployed before the index existed: the same version's table, without it.
      await db.run(`DROP INDEX ${index}`);
      expect(await indexes()).toEqual([]);
      projector = new Projector(store, db, [new FileNumbersProjection()]);
      await projector.start();
      expect(await indexes()).toEqual([{ name: index }]);
      expect(await db.all('SELECT file_number FROM rv_file_numbers')).toEqual([
        { file_number: '69-2026-0001' },
      ]);
    } finally {
      await projector.stop();
      await db.close();
      await store.close();
      await cleanup();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '@psp/event-store';
import { appendCase } from '@psp/workflow/testing';
import { activeCase } from '../../../../state-machines/psp-case/src/testing/fixtures';
import { ReadModelTransaction } from '../read-model/read-model-database';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { DeadlinesProjection } from './deadlines.projection';

describe('deadlines: the rows of a case opened in the batch', () => {
  let dir: string;
  let db: SqliteReadModel;
  const store = new InMemoryEventStore();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psp-deadline-rows-'));
    db = new SqliteReadModel(join(dir, 'read.sqlite'));
    for (const caseId of ['a', 'b']) await appendCase(store, caseId, activeCase());
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Applies the log in batches of `size` (every event at once when undefined), recording the DELETEs. */
  async function build(name: string, size?: number) {
    const projection = new DeadlinesProjection(store);
    const table = (part?: string) => `${name}${part ? `_${part}` : ''}`;
    const deletes: string[] = [];
    const tx: ReadModelTransaction = {
      run: async (sql, params) => {
        if (sql.startsWith('DELETE')) deletes.push(sql);
        return db.run(sql, params);
      },
      all: (sql, params) => db.all(sql, params),
    };
    await projection.createTables(db, table);
    const events = await store.readAll();
    for (let i = 0; i < events.length; i += size ?? events.length) {
      await projection.applyAll(tx, events.slice(i, i + (size ?? events.length)), table);
    }
    const rows = await db.all(`SELECT * FROM ${table()} ORDER BY deadline_id`);
    return { deletes, rows };
  }

  it('writes them without a DELETE first, and the same rows as smaller batches that replace them', async () => {
    const once = await build('dl_once');
    const small = await build('dl_small', 3);
    expect(once.rows.length).toBeGreaterThan(0);
    expect(once.deletes).toEqual([]);
    expect(small.deletes.length).toBeGreaterThan(0); // later batches replace the rows the first wrote
    expect(small.rows).toEqual(once.rows);
  });
});

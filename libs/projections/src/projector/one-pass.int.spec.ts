import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';
import { generateCases } from '@psp/workflow/testing';
import { SqliteReadModel } from '../read-model/sqlite-read-model';
import { allProjections } from '../views/all-projections';
import { CaseStateCache } from '../views/case-state-cache';
import { FileNumbersProjection } from '../views/file-numbers.projection';
import { Projector } from './projector';
import { dumpViews as dump } from './view-dump';

describe('one read of the log for every view', () => {
  let dir: string;
  let store: SqliteEventStore;
  let events: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psp-one-pass-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    ({ events } = await generateCases({ store, events: 3_000, seed: 7, concurrency: 40 }));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('views built in batches (indicator_facts batch path included) equal views built one event at a time', async () => {
    const one = new SqliteReadModel(join(dir, 'one.sqlite'));
    const many = new SqliteReadModel(join(dir, 'many.sqlite'));
    const byOne = new Projector(store, one, allProjections(store), { batchSize: 1 });
    const byBatch = new Projector(store, many, allProjections(store), { batchSize: 700 });
    try {
      await byOne.start();
      await byBatch.start();
      await byOne.waitUntilCaughtUp(120_000);
      await byBatch.waitUntilCaughtUp(120_000);
      const expected = await dump(one, byOne);
      expect(expected.indicator_facts.length).toBeGreaterThan(100);
      expect(expected.indicator_facts_events.length).toBeGreaterThan(expected.indicator_facts.length);
      expect(await dump(many, byBatch)).toEqual(expected);
    } finally {
      await byOne.stop();
      await byBatch.stop();
      await one.close();
      await many.close();
    }
  });

  it('views that leave unchanged rows alone equal views that write every case again on every event', async () => {
    // The reference never knows the state before an event, so it writes every case's rows each time.
    const reference = new SqliteReadModel(join(dir, 'reference.sqlite'));
    const live = new SqliteReadModel(join(dir, 'live.sqlite'));
    const stateAt = jest.spyOn(CaseStateCache.prototype, 'stateAt').mockReturnValue(undefined);
    const byReference = new Projector(store, reference, allProjections(store), { batchSize: 1 });
    try {
      await byReference.start();
      await byReference.waitUntilCaughtUp(120_000);
      await byReference.stop();
    } finally {
      stateAt.mockRestore();
    }
    const known = jest.spyOn(CaseStateCache.prototype, 'stateAt');
    const byLive = new Projector(store, live, allProjections(store), { batchSize: 1 });
    try {
      await byLive.start();
      await byLive.waitUntilCaughtUp(120_000);
      // The live views did know the state before most events (so they skipped what had not changed).
      const hits = known.mock.results.filter((r) => r.value !== undefined).length;
      expect(hits).toBeGreaterThan(events);
      expect(await dump(live, byLive)).toEqual(await dump(reference, byReference));
    } finally {
      known.mockRestore();
      await byLive.stop();
      await reference.close();
      await live.close();
    }
  });

  it('rebuilds every view in one pass: each batch of the log is read once for all views', async () => {
    const db = new SqliteReadModel(join(dir, 'rebuild.sqlite'));
    const projections = allProjections(store);
    const projector = new Projector(store, db, projections, { batchSize: 500 });
    try {
      const before = await (async () => {
        await projector.start();
        await projector.waitUntilCaughtUp(120_000);
        return dump(db, projector);
      })();
      const readsBefore = projector.logReads;
      const rebuilt = await projector.rebuildAll();
      expect(rebuilt.map((r) => r.name)).toEqual(projections.map((p) => p.name));
      for (const { name, version } of rebuilt) expect(await projector.activeVersion(name)).toBe(version);
      // One read per batch of the log (and a few at its end), not one per view and batch.
      const batches = Math.ceil(events / 500);
      expect(projector.logReads - readsBefore).toBeLessThan(batches * 2 + projections.length * 2);
      expect(await dump(db, projector)).toEqual(before);
    } finally {
      await projector.stop();
      await db.close();
    }
  });

  /**
   * Projects the log live in batches of 10, then rebuilds every view in batches of
   * `rebuildBatchSize`: the reads of the log the rebuild issued, the live tables and the rebuilt ones.
   */
  async function rebuildInBatches(file: string, rebuildBatchSize: number) {
    const db = new SqliteReadModel(join(dir, file));
    const projections = allProjections(store);
    const projector = new Projector(store, db, projections, { batchSize: 10, rebuildBatchSize });
    try {
      await projector.start();
      await projector.waitUntilCaughtUp(120_000);
      const before = await dump(db, projector);
      const readsBefore = projector.logReads;
      await projector.rebuildAll();
      return {
        reads: projector.logReads - readsBefore,
        views: projections.length,
        before,
        after: await dump(db, projector),
      };
    } finally {
      await projector.stop();
      await db.close();
    }
  }

  it('a rebuild reads the log in its own larger batches (rebuildBatchSize) and gives the same tables', async () => {
    const { reads, views, before, after } = await rebuildInBatches('rebuild-batches.sqlite', 1_000);
    // Batches of 1,000 (a few reads at the end of the log), where live batches of 10 need hundreds.
    expect(reads).toBeLessThan(Math.ceil(events / 1_000) * 2 + views * 2);
    expect(after).toEqual(before);
  });

  it('a rebuild keeps its views in step, however few events a view handles: more batches than the log keeps, each still read once', async () => {
    // Batches of 50: most hold no RequestOpened (file_numbers' only event type), and there are
    // more of them than the shared log keeps (32), so a view let through them without its
    // transaction would run ahead and leave the others to read those batches again.
    const { reads, views, before, after } = await rebuildInBatches('rebuild-in-step.sqlite', 50);
    const batches = Math.ceil(events / 50);
    expect(batches).toBeGreaterThan(32);
    // Once per batch, give or take: 66–69 reads for 60 batches when run alone, 77 seen with the
    // whole suite running beside it (the runners drift apart more on a loaded machine and a few
    // batches are read again). Views running ahead read most batches again: 347 reads for 100
    // batches when that broke.
    expect(reads).toBeLessThan(batches * 1.5 + views * 2);
    expect(after).toEqual(before);
  });

  it('file_numbers finds the next rank through an index, not a scan of its table', async () => {
    const db = new SqliteReadModel(join(dir, 'file-numbers.sqlite'));
    const projection = new FileNumbersProjection();
    const table = () => 'rv_file_numbers_v9';
    try {
      await db.transaction((tx) => projection.createTables(tx, table));
      const plan = await db.all<{ detail: string }>(
        `EXPLAIN QUERY PLAN SELECT MAX(rank) AS rank FROM ${table()} WHERE departement = ? AND year = ?`,
        ['69', 2026],
      );
      expect(plan.map((p) => p.detail).join(' ')).toMatch(
        /USING COVERING INDEX rv_file_numbers_v9_by_departement_year/,
      );
    } finally {
      await db.close();
    }
  });

  it('coalesces nudges: a burst of them wakes the idle views for one shared read', async () => {
    const db = new SqliteReadModel(join(dir, 'nudges.sqlite'));
    const projector = new Projector(store, db, allProjections(store), { idleMs: 60_000 });
    try {
      await projector.start();
      await projector.waitUntilCaughtUp(120_000);
      // Let every runner settle into its idle wait.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const reads = projector.logReads;
      for (let i = 0; i < 100; i += 1) projector.nudge();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(projector.logReads - reads).toBe(1);
    } finally {
      await projector.stop();
      await db.close();
    }
  });
});

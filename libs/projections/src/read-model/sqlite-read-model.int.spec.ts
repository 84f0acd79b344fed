import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadModel } from './sqlite-read-model';

describe('SqliteReadModel: transactions asked for together commit together (ADR 0026)', () => {
  let dir: string;
  let file: string;
  let db: SqliteReadModel;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psp-read-model-'));
    file = join(dir, 'read.sqlite');
    db = new SqliteReadModel(file);
    await db.run('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What another connection sees committed. */
  function observer(): () => number[] {
    const other = new Database(file, { readonly: true });
    return () => (other.prepare('SELECT n FROM t ORDER BY n').all() as { n: number }[]).map((r) => r.n);
  }

  it('runs the works of one turn of the event loop in one transaction, a failing one rolled back alone', async () => {
    const committed = observer();
    const insert = (n: number) => db.transaction((tx) => tx.run('INSERT INTO t (n) VALUES (?)', [n]));
    const seenBySecond: number[][] = [];
    const results = await Promise.allSettled([
      insert(1),
      db.transaction(async (tx) => {
        seenBySecond.push(committed()); // the first work's row is not committed yet: one transaction
        await tx.run('INSERT INTO t (n) VALUES (?)', [2]);
        throw new Error('this view failed');
      }),
      insert(3),
      insert(1), // the primary key refuses it: only this one fails
    ]);
    expect(seenBySecond).toEqual([[]]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('this view failed'));
    expect(committed()).toEqual([1, 3]);
  });

  it('keeps its temporary files (the savepoints\' sub-journals) in memory', async () => {
    expect(await db.all('PRAGMA temp_store')).toEqual([{ temp_store: 2 }]);
  });

  it('answers each work with its own value; a transaction asked later commits on its own', async () => {
    const committed = observer();
    const first = await Promise.all([
      db.transaction(async (tx) => (await tx.run('INSERT INTO t (n) VALUES (1)'), 'a')),
      db.transaction(async () => 'b'),
    ]);
    expect(first).toEqual(['a', 'b']);
    expect(committed()).toEqual([1]);
    await db.transaction(async (tx) => {
      expect(committed()).toEqual([1]);
      await tx.run('INSERT INTO t (n) VALUES (2)');
    });
    expect(committed()).toEqual([1, 2]);
  });

  it('a lone work that fails leaves nothing behind', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (n) VALUES (7)');
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await db.all('SELECT n FROM t')).toEqual([]);
    await db.transaction((tx) => tx.run('INSERT INTO t (n) VALUES (8)'));
    expect(await db.all('SELECT n FROM t')).toEqual([{ n: 8 }]);
  });
});

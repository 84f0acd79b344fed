import { freshSchemaUrl } from '@psp/event-store/testing';
import { PostgresReadModel } from './postgres-read-model';

describe('PostgresReadModel: statements prepared once per connection', () => {
  let schema: ReturnType<typeof freshSchemaUrl>;
  let db: PostgresReadModel;

  beforeEach(async () => {
    schema = freshSchemaUrl('rmp');
    db = await PostgresReadModel.open(schema.url);
    await db.run('CREATE TABLE t (n BIGINT PRIMARY KEY, label TEXT)');
  });

  afterEach(async () => {
    await db.close();
    await schema.drop();
  });

  /** The statements prepared on the transaction's connection, by text. */
  const preparedOn = (tx: { all<Row>(sql: string): Promise<Row[]> }) =>
    tx
      .all<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY statement')
      .then((rows) => rows.map((r) => r.statement));

  it('prepares a write with parameters once and runs it again by name; never DDL, a statement without parameters or a read inside a transaction', async () => {
    const prepared = await db.transaction(async (tx) => {
      for (let n = 1; n <= 3; n += 1) await tx.run('INSERT INTO t (n, label) VALUES (?, ?)', [n, 'x']);
      await tx.all('SELECT n FROM t WHERE n = ?', [1]);
      await tx.run("UPDATE t SET label = 'y'");
      return preparedOn(tx);
    });
    expect(prepared).toEqual(['INSERT INTO t (n, label) VALUES ($1, $2)']);
    expect(await db.all('SELECT n, label FROM t ORDER BY n')).toEqual([
      { n: '1', label: 'y' },
      { n: '2', label: 'y' },
      { n: '3', label: 'y' },
    ]);
  });

  it('runs a prepared read again unnamed when the view it reads changed its columns', async () => {
    await db.run('INSERT INTO t (n, label) VALUES (1, $$one$$)');
    await db.run('CREATE VIEW v AS SELECT n, label FROM t');
    const read = () => db.all<{ label: unknown }>('SELECT label FROM v WHERE n = ?', [1]);
    // Every connection of the pool has prepared it (five at most, the pool's size).
    for (let i = 0; i < 10; i += 1) expect(await read()).toEqual([{ label: 'one' }]);
    // A rebuilt view swapped in: same name, the column now a number.
    await db.run('DROP VIEW v');
    await db.run('CREATE VIEW v AS SELECT n, n * 10 AS label FROM t');
    for (let i = 0; i < 10; i += 1) expect(await read()).toEqual([{ label: '10' }]);
  });
});

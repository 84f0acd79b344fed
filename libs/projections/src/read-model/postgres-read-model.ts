import { openSchemaPool } from '@psp/event-store';
import { Pool, PoolClient } from 'pg';
import { ReadModelDatabase, ReadModelTransaction, SqlValue } from './read-model-database';

/** `?` placeholders to `$n`, outside quoted strings. */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    out += char === '?' && !quoted ? `$${(n += 1)}` : char;
  }
  return out;
}

const params = (values: readonly SqlValue[]) => values.map((v) => (typeof v === 'bigint' ? v.toString() : v));

class PostgresTransaction implements ReadModelTransaction {
  constructor(private readonly client: PoolClient | Pool) {}
  async run(sql: string, values: readonly SqlValue[] = []): Promise<void> {
    await this.client.query(toPostgresPlaceholders(sql), params(values));
  }
  async all<Row>(sql: string, values: readonly SqlValue[] = []): Promise<Row[]> {
    const { rows } = await this.client.query(toPostgresPlaceholders(sql), params(values));
    return rows as Row[];
  }
}

/** Read views in PostgreSQL, in the same database and schema as the events: analysts query them with SQL. */
export class PostgresReadModel implements ReadModelDatabase {
  readonly dialect = 'postgres' as const;
  private readonly direct: PostgresTransaction;

  private constructor(private readonly pool: Pool) {
    this.direct = new PostgresTransaction(pool);
  }

  static async open(url: string): Promise<PostgresReadModel> {
    return new PostgresReadModel(await openSchemaPool(url, { max: 5 }));
  }

  run(sql: string, values?: readonly SqlValue[]): Promise<void> {
    return this.direct.run(sql, values);
  }

  all<Row>(sql: string, values?: readonly SqlValue[]): Promise<Row[]> {
    return this.direct.all<Row>(sql, values);
  }

  async transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresTransaction(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

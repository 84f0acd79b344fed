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

/** Statements with parameters that may be prepared: reads and writes, never DDL. */
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;
/** Writes whose result has no columns: their prepared form can never change its result type. */
const NO_RESULT_COLUMNS = /^\s*(INSERT|UPDATE|DELETE)\b/i;
/** Prepared statements per read model (each on every connection that ran it), at most. */
const MAX_PREPARED = 1_000;
/** SQL texts whose `$n` form is kept, at most. */
const MAX_KNOWN = 5_000;

interface Statement {
  /** The SQL with `$n` placeholders. */
  readonly text: string;
  /** The prepared statement's name, or undefined: sent unnamed (parsed and planned each time). */
  name?: string;
  /** May be prepared inside a transaction (see `Statements`). */
  readonly inTransaction: boolean;
}

/**
 * The read model's statements by SQL text, each prepared once per connection under a name of its
 * own (node-postgres keeps the names each connection has prepared). The API runs the same few
 * statements on every request and the projector on every event (the revocation check, a view's
 * upsert): parsing and planning one again cost the server about as much as running it (measured:
 * a revocation check 90-105 µs of server CPU unnamed, 30-35 µs prepared, and half the client's).
 * A prepared SELECT fails ("cached plan must not change result type", 0A000) if a view it reads is
 * swapped for one whose columns differ: outside a transaction it is then run again unnamed, and
 * never prepared again; inside a transaction the failure would abort the whole transaction, so
 * there only writes without RETURNING are prepared. Statements without parameters go unnamed (as
 * a simple query they may hold several statements), and so does DDL.
 */
class Statements {
  private readonly known = new Map<string, Statement>();
  private prepared = 0;

  of(sql: string, withParameters: boolean): Statement {
    let statement = this.known.get(sql);
    if (statement) return statement;
    const prepare = withParameters && PREPARABLE.test(sql) && this.prepared < MAX_PREPARED;
    statement = {
      text: toPostgresPlaceholders(sql),
      // A name is never given to another text: node-postgres refuses a name prepared with another.
      name: prepare ? `psp_rm_${(this.prepared += 1)}` : undefined,
      inTransaction: NO_RESULT_COLUMNS.test(sql) && !/\bRETURNING\b/i.test(sql),
    };
    if (this.known.size < MAX_KNOWN) this.known.set(sql, statement);
    return statement;
  }
}

/** "cached plan must not change result type": a prepared statement's view changed its columns. */
const isResultTypeChanged = (error: unknown) => (error as { code?: string } | null)?.code === '0A000';

class PostgresTransaction implements ReadModelTransaction {
  /** `inTransaction`: a connection inside `BEGIN … COMMIT`, not the pool's autocommit statements. */
  constructor(
    private readonly client: PoolClient | Pool,
    private readonly statements: Statements,
    private readonly inTransaction: boolean,
  ) {}
  async run(sql: string, values: readonly SqlValue[] = []): Promise<void> {
    await this.all(sql, values);
  }
  async all<Row>(sql: string, values: readonly SqlValue[] = []): Promise<Row[]> {
    const statement = this.statements.of(sql, values.length > 0);
    const name = this.inTransaction && !statement.inTransaction ? undefined : statement.name;
    if (name === undefined) return (await this.client.query(statement.text, params(values))).rows as Row[];
    try {
      return (await this.client.query({ name, text: statement.text, values: params(values) })).rows as Row[];
    } catch (error) {
      if (this.inTransaction || !isResultTypeChanged(error)) throw error;
      statement.name = undefined;
      return (await this.client.query(statement.text, params(values))).rows as Row[];
    }
  }
}

/** Read views in PostgreSQL, in the same database and schema as the events: analysts query them with SQL. */
export class PostgresReadModel implements ReadModelDatabase {
  readonly dialect = 'postgres' as const;
  private readonly direct: PostgresTransaction;
  private readonly statements = new Statements();

  private constructor(private readonly pool: Pool) {
    this.direct = new PostgresTransaction(pool, this.statements, false);
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
      const result = await work(new PostgresTransaction(client, this.statements, true));
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

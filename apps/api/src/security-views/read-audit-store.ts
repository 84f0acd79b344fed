import { randomUUID } from 'node:crypto';
import { ReadModelDatabase, ReadModelTransaction, SqlValue } from '@psp/projections';

/** One disclosure of one case (or one export) to one actor (ACL-06; anchors R11, R17). No personal value. */
export interface ReadAuditRecord {
  /** One id per HTTP request: an export of 40 cases is 40 rows with the same `readId`. */
  readonly readId: string;
  /** UTC, ISO 8601. */
  readonly occurredAt: string;
  readonly kind: 'read' | 'export';
  readonly actorRole: string;
  /** The token's opaque subject (a pseudonym, never a name). */
  readonly actorSubject: string;
  readonly actorDepartement?: string;
  readonly actorAssociationId?: string;
  readonly actorMemberId?: string;
  readonly method: string;
  /** The route pattern (`/cases/:caseId`), never the URL with its query. */
  readonly route: string;
  /** Undefined for an export that contained no case. */
  readonly caseId?: string;
  /** The case's département (the auditor's scope), or the actor's when unknown. */
  readonly departement?: string;
  /** The field paths disclosed (`view.status`, `person.givenName`); undefined when the route did not declare them. */
  readonly fields?: readonly string[];
  readonly contentType?: string;
}

export interface ReadAuditQuery {
  readonly caseId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly actorSubject?: string;
  readonly kind?: 'read' | 'export';
  /** Only records of this département (auditors of a département). */
  readonly departement?: string;
  readonly limit: number;
  readonly offset: number;
}

const COLUMNS = [
  'id',
  'read_id',
  'occurred_at',
  'kind',
  'actor_role',
  'actor_subject',
  'actor_departement',
  'actor_association_id',
  'actor_member_id',
  'method',
  'route',
  'case_id',
  'departement',
  'fields',
  'content_type',
] as const;

type Row = Record<(typeof COLUMNS)[number], string | null>;

const APPEND_ONLY = 'ACL-06: the read audit is append-only';

/**
 * The read audit: an append-only table `audit_case_reads` in the read-model database. It is not a
 * projection (nothing rebuilds it) and the database refuses UPDATE, DELETE (and TRUNCATE on
 * PostgreSQL) on it by trigger, so the API cannot rewrite what it recorded.
 */
export class ReadAuditStore {
  constructor(private readonly db: ReadModelDatabase) {}

  /** Creates the table and its triggers once; several API instances may start together (advisory lock). */
  async migrate(): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (this.db.dialect === 'postgres')
        await tx.all("SELECT pg_advisory_xact_lock(hashtext('audit_case_reads'))");
      await this.createSchema(tx);
    });
  }

  private async createSchema(tx: ReadModelTransaction): Promise<void> {
    await tx.run(`CREATE TABLE IF NOT EXISTS audit_case_reads (
      id TEXT PRIMARY KEY,
      read_id TEXT NOT NULL,
      occurred_at TEXT NOT NULL,
      kind TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      actor_subject TEXT NOT NULL,
      actor_departement TEXT,
      actor_association_id TEXT,
      actor_member_id TEXT,
      method TEXT NOT NULL,
      route TEXT NOT NULL,
      case_id TEXT,
      departement TEXT,
      fields TEXT,
      content_type TEXT
    )`);
    await tx.run(
      'CREATE INDEX IF NOT EXISTS audit_case_reads_case ON audit_case_reads (case_id, occurred_at)',
    );
    await tx.run('CREATE INDEX IF NOT EXISTS audit_case_reads_time ON audit_case_reads (occurred_at)');
    if (this.db.dialect === 'sqlite') {
      for (const operation of ['UPDATE', 'DELETE']) {
        await tx.run(
          `CREATE TRIGGER IF NOT EXISTS audit_case_reads_no_${operation.toLowerCase()}
           BEFORE ${operation} ON audit_case_reads
           BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
        );
      }
      return;
    }
    await tx.run(`CREATE OR REPLACE FUNCTION audit_case_reads_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${APPEND_ONLY}'; END $$`);
    await tx.run(`CREATE OR REPLACE TRIGGER audit_case_reads_append_only
      BEFORE UPDATE OR DELETE ON audit_case_reads
      FOR EACH ROW EXECUTE FUNCTION audit_case_reads_append_only()`);
    await tx.run(`CREATE OR REPLACE TRIGGER audit_case_reads_no_truncate
      BEFORE TRUNCATE ON audit_case_reads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_case_reads_append_only()`);
  }

  /** Appends the records of one request in one transaction (all or none). */
  async append(records: readonly ReadAuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
    await this.db.transaction(async (tx) => {
      for (const record of records) {
        const values: SqlValue[] = [
          randomUUID(),
          record.readId,
          record.occurredAt,
          record.kind,
          record.actorRole,
          record.actorSubject,
          record.actorDepartement ?? null,
          record.actorAssociationId ?? null,
          record.actorMemberId ?? null,
          record.method,
          record.route,
          record.caseId ?? null,
          record.departement ?? null,
          record.fields ? JSON.stringify(record.fields) : null,
          record.contentType ?? null,
        ];
        await tx.run(`INSERT INTO audit_case_reads (${COLUMNS.join(', ')}) VALUES ${placeholders}`, values);
      }
    });
  }

  async list(query: ReadAuditQuery): Promise<ReadAuditRecord[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const filters: [string, string | undefined][] = [
      ['case_id = ?', query.caseId],
      ['occurred_at >= ?', query.from],
      ['occurred_at < ?', query.to],
      ['actor_subject = ?', query.actorSubject],
      ['kind = ?', query.kind],
      ['departement = ?', query.departement],
    ];
    for (const [condition, value] of filters) {
      if (value === undefined) continue;
      where.push(condition);
      params.push(value);
    }
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS.join(', ')} FROM audit_case_reads
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY occurred_at, read_id, case_id LIMIT ? OFFSET ?`,
      [...params, query.limit, query.offset],
    );
    return rows.map((row): ReadAuditRecord => ({
      readId: row.read_id!,
      occurredAt: row.occurred_at!,
      kind: row.kind as ReadAuditRecord['kind'],
      actorRole: row.actor_role!,
      actorSubject: row.actor_subject!,
      ...optional('actorDepartement', row.actor_departement),
      ...optional('actorAssociationId', row.actor_association_id),
      ...optional('actorMemberId', row.actor_member_id),
      method: row.method!,
      route: row.route!,
      ...optional('caseId', row.case_id),
      ...optional('departement', row.departement),
      ...(row.fields ? { fields: JSON.parse(row.fields) as string[] } : {}),
      ...optional('contentType', row.content_type),
    }));
  }
}

const optional = <K extends string>(key: K, value: string | null) =>
  (value === null ? {} : { [key]: value }) as Partial<Record<K, string>>;

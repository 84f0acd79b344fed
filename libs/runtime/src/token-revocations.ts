import { ReadModelDatabase } from '@psp/projections';

/** One revocation: a single token by its `jti`, or every token of a subject issued up to a time. */
export type Revocation =
  | { readonly kind: 'token'; readonly tokenId: string }
  | { readonly kind: 'subject'; readonly subject: string; readonly issuedUpTo: Date };

export interface RevocationRecord {
  readonly kind: 'token' | 'subject';
  readonly value: string;
  /** For a subject: tokens issued at or before this instant are refused. */
  readonly issuedUpTo?: string;
  readonly revokedAt: string;
  readonly revokedBy: string;
  readonly reason: string;
}

/** What the authentication guard asks about each verified token. */
export interface TokenFacts {
  readonly subject: string;
  readonly tokenId?: string;
  readonly issuedAt?: Date;
}

const TABLE = 'security_token_revocations';

/**
 * Revocations recorded through each database object in this process: answers cached before one
 * are stale, whichever `TokenRevocations` of the process recorded it.
 */
const localRevocations = new WeakMap<ReadModelDatabase, number>();

/** Answers kept per database object and per token (bounded; the oldest are dropped first). */
const MAX_CACHED_ANSWERS = 10_000;

/**
 * Token revocations (R7), in the read-model database every API instance already uses: a table
 * of its own, outside the projections (a view rebuild never touches it). The guard asks on every
 * request, so a revocation holds from the next request on every instance. On SQLite the answer
 * for a token is kept while nothing can have changed it (ADR 0026): no revocation recorded by this
 * process since, and no commit by another process (`othersCommitted`, SQLite's data_version);
 * anything else asks the table. PostgreSQL (several instances) always asks.
 */
export class TokenRevocations {
  private answers = new Map<string, boolean>();
  private answersAt: { readonly others: number; readonly local: number } | undefined;

  constructor(private readonly db: ReadModelDatabase) {}

  async ensureSchema(): Promise<void> {
    await this.db.run(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (
         kind TEXT NOT NULL,
         value TEXT NOT NULL,
         issued_up_to_ms BIGINT,
         revoked_at TEXT NOT NULL,
         revoked_by TEXT NOT NULL,
         reason TEXT NOT NULL,
         PRIMARY KEY (kind, value)
       )`,
    );
  }

  /**
   * Records a revocation. Revoking a subject again moves its instant forward (never back);
   * revoking a token twice keeps the first record.
   */
  async revoke(revocation: Revocation, by: string, reason: string, now: Date): Promise<RevocationRecord> {
    const revokedAt = now.toISOString();
    // Before the write (SQLite runs it at once, in this turn): an answer being computed now is not kept.
    localRevocations.set(this.db, (localRevocations.get(this.db) ?? 0) + 1);
    if (revocation.kind === 'token') {
      await this.db.run(
        `INSERT INTO ${TABLE} (kind, value, issued_up_to_ms, revoked_at, revoked_by, reason)
         VALUES ('token', ?, NULL, ?, ?, ?) ON CONFLICT (kind, value) DO NOTHING`,
        [revocation.tokenId, revokedAt, by, reason],
      );
    } else {
      await this.db.run(
        `INSERT INTO ${TABLE} (kind, value, issued_up_to_ms, revoked_at, revoked_by, reason)
         VALUES ('subject', ?, ?, ?, ?, ?)
         ON CONFLICT (kind, value) DO UPDATE SET issued_up_to_ms = excluded.issued_up_to_ms,
           revoked_at = excluded.revoked_at, revoked_by = excluded.revoked_by, reason = excluded.reason
         WHERE excluded.issued_up_to_ms > ${TABLE}.issued_up_to_ms`,
        [revocation.subject, revocation.issuedUpTo.getTime(), revokedAt, by, reason],
      );
    }
    // SQLite keeps recent commits in the WAL (synchronous=NORMAL): checkpoint so the revocation
    // survives a power cut. PostgreSQL commits durably already.
    if (this.db.dialect === 'sqlite') await this.db.all('PRAGMA wal_checkpoint(FULL)');
    const value = revocation.kind === 'token' ? revocation.tokenId : revocation.subject;
    return (await this.find(revocation.kind, value))!;
  }

  /** Whether this token is revoked: by its id, or by its subject (a token without `iat` counts as old). */
  async isRevoked(token: TokenFacts): Promise<boolean> {
    const issuedMs = token.issuedAt ? token.issuedAt.getTime() : 0;
    const others = this.db.othersCommitted?.();
    if (others === undefined) return this.askTable(token, issuedMs);
    const local = localRevocations.get(this.db) ?? 0;
    if (this.answersAt?.others !== others || this.answersAt.local !== local) {
      this.answers = new Map();
      this.answersAt = { others, local };
    }
    const key = `${token.tokenId ?? ''}\u0000${token.subject}\u0000${issuedMs}`;
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    const revoked = await this.askTable(token, issuedMs);
    // Kept only if nothing was recorded meanwhile (the query and a revocation may interleave).
    if (this.db.othersCommitted?.() === others && (localRevocations.get(this.db) ?? 0) === local) {
      this.answers.set(key, revoked);
      if (this.answers.size > MAX_CACHED_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    }
    return revoked;
  }

  private async askTable(token: TokenFacts, issuedMs: number): Promise<boolean> {
    const rows = await this.db.all<{ kind: string }>(
      `SELECT kind FROM ${TABLE}
       WHERE (kind = 'token' AND value = ?) OR (kind = 'subject' AND value = ? AND issued_up_to_ms >= ?)
       LIMIT 1`,
      [token.tokenId ?? '', token.subject, issuedMs],
    );
    return rows.length > 0;
  }

  async find(kind: 'token' | 'subject', value: string): Promise<RevocationRecord | undefined> {
    const rows = await this.db.all<{
      kind: 'token' | 'subject';
      value: string;
      issued_up_to_ms: number | string | null;
      revoked_at: string;
      revoked_by: string;
      reason: string;
    }>(
      `SELECT kind, value, issued_up_to_ms, revoked_at, revoked_by, reason FROM ${TABLE} WHERE kind = ? AND value = ?`,
      [kind, value],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      kind: row.kind,
      value: row.value,
      ...(row.issued_up_to_ms === null
        ? {}
        : { issuedUpTo: new Date(Number(row.issued_up_to_ms)).toISOString() }),
      revokedAt: row.revoked_at,
      revokedBy: row.revoked_by,
      reason: row.reason,
    };
  }
}

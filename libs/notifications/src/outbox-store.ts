import { ReadModelDatabase, ReadModelTransaction } from '@psp/projections';
import { OutboxMessage } from './notification';

export interface PendingMessage extends OutboxMessage {
  readonly attempts: number;
}

export interface OutboxRow extends PendingMessage {
  readonly status: 'pending' | 'sent' | 'cancelled' | 'undeliverable';
  readonly sentAt?: string;
  readonly messageId?: string;
  /** The SMTP code of the last failure (never a message body). */
  readonly lastError?: string;
  readonly createdAt?: string;
}

/**
 * The outbox: `notification_outbox` and the feeder's checkpoint `notification_checkpoint`, in the
 * read-model database (docs/adr/0021). Not a view: never rebuilt, so nothing is enqueued twice.
 */
export class OutboxStore {
  constructor(readonly db: ReadModelDatabase) {}

  async migrate(): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (this.db.dialect === 'postgres')
        await tx.all("SELECT pg_advisory_xact_lock(hashtext('notification_outbox'))");
      await tx.run(`CREATE TABLE IF NOT EXISTS notification_outbox (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        recipient_kind TEXT NOT NULL,
        recipient_key TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        not_before TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts BIGINT NOT NULL,
        next_attempt_at TEXT NOT NULL,
        claimed_until TEXT,
        last_error TEXT,
        sent_at TEXT,
        message_id TEXT,
        created_at TEXT NOT NULL
      )`);
      await tx.run(
        'CREATE INDEX IF NOT EXISTS notification_outbox_due ON notification_outbox (status, next_attempt_at)',
      );
      // The feeder cancels a case's pending alerts on many events: without this index each cancel
      // scans the whole outbox, which blocked the API for minutes on a large store.
      await tx.run(
        'CREATE INDEX IF NOT EXISTS notification_outbox_case ON notification_outbox (case_id, status)',
      );
      // The département a message concerns (the outbox route, need to know); rows enqueued before have none.
      if (this.db.dialect === 'postgres') {
        await tx.run('ALTER TABLE notification_outbox ADD COLUMN IF NOT EXISTS departement TEXT');
      } else {
        const columns = await tx.all<{ name: string }>('PRAGMA table_info(notification_outbox)');
        if (!columns.some((c) => c.name === 'departement'))
          await tx.run('ALTER TABLE notification_outbox ADD COLUMN departement TEXT');
      }
      await tx.run(`CREATE TABLE IF NOT EXISTS notification_checkpoint (
        name TEXT PRIMARY KEY, position TEXT NOT NULL)`);
    });
  }

  async checkpoint(): Promise<bigint | undefined> {
    const rows = await this.db.all<{ position: string }>(
      "SELECT position FROM notification_checkpoint WHERE name = 'outbox'",
    );
    return rows[0] ? BigInt(rows[0].position) : undefined;
  }

  /**
   * Enqueues messages, cancels alerts and moves the checkpoint in one transaction (all or none).
   * The checkpoint only moves forward: a slower instance replaying a batch another already
   * recorded changes nothing (the ids are deterministic).
   */
  async record(
    messages: readonly OutboxMessage[],
    cancelAlertsOf: readonly string[],
    position: bigint,
    now: string,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (this.db.dialect === 'postgres')
        await tx.all("SELECT pg_advisory_xact_lock(hashtext('notification_outbox'))");
      for (const caseId of cancelAlertsOf) {
        await tx.run(
          `UPDATE notification_outbox SET status = 'cancelled'
           WHERE case_id = ? AND status = 'pending' AND kind LIKE 'deadline:%' AND not_before > ?`,
          [caseId, now],
        );
      }
      for (const m of messages) await insert(tx, m, now);
      await tx.run(
        `INSERT INTO notification_checkpoint (name, position) VALUES ('outbox', ?)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position
         WHERE CAST(notification_checkpoint.position AS BIGINT) < CAST(excluded.position AS BIGINT)`,
        [position.toString()],
      );
    });
  }

  /**
   * Claims up to `limit` due messages for `leaseMs` (another instance skips them meanwhile); a
   * claim that lapses (a crash) makes them due again: at least once.
   */
  async claimDue(now: string, leaseUntil: string, limit: number): Promise<PendingMessage[]> {
    const due = await this.db.all<Record<string, string | number>>(
      `SELECT id FROM notification_outbox
       WHERE status = 'pending' AND not_before <= ? AND next_attempt_at <= ?
         AND (claimed_until IS NULL OR claimed_until < ?)
       ORDER BY created_at, id LIMIT ${Math.max(1, Math.floor(limit))}`,
      [now, now, now],
    );
    const claimed: PendingMessage[] = [];
    for (const { id } of due) {
      const rows = await this.db.all<Record<string, string | number>>(
        `UPDATE notification_outbox SET claimed_until = ?
         WHERE id = ? AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)
         RETURNING id, case_id, kind, recipient_kind, recipient_key, subject, body, not_before, attempts`,
        [leaseUntil, String(id), now],
      );
      if (rows[0]) claimed.push(fromRow(rows[0]));
    }
    return claimed;
  }

  async markSent(id: string, messageId: string, now: string): Promise<void> {
    await this.db.run(
      `UPDATE notification_outbox SET status = 'sent', sent_at = ?, message_id = ?, claimed_until = NULL,
         attempts = attempts + 1, last_error = NULL WHERE id = ?`,
      [now, messageId, id],
    );
  }

  async markFailed(id: string, error: string, nextAttemptAt: string, undeliverable = false): Promise<void> {
    await this.db.run(
      `UPDATE notification_outbox SET status = ?, attempts = attempts + 1, last_error = ?,
         next_attempt_at = ?, claimed_until = NULL WHERE id = ?`,
      [undeliverable ? 'undeliverable' : 'pending', error.slice(0, 200), nextAttemptAt, id],
    );
  }

  async list(caseId?: string): Promise<OutboxRow[]> {
    const rows = await this.db.all<Record<string, string | number>>(
      `SELECT * FROM notification_outbox ${caseId ? 'WHERE case_id = ?' : ''} ORDER BY created_at, id`,
      caseId ? [caseId] : [],
    );
    return rows.map(rowOf);
  }

  /**
   * The messages of one département, newest first, optionally of one status (`failed`: pending
   * after a failure, or undeliverable); at most `limit`.
   */
  async listForDepartement(
    departement: string,
    options: { readonly status?: 'pending' | 'sent' | 'failed' | 'cancelled'; readonly limit?: number } = {},
  ): Promise<OutboxRow[]> {
    const where = ['departement = ?'];
    if (options.status === 'failed')
      where.push("(status = 'undeliverable' OR (status = 'pending' AND last_error IS NOT NULL))");
    else if (options.status) where.push('status = ?');
    const params =
      options.status && options.status !== 'failed' ? [departement, options.status] : [departement];
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 100)), 500);
    const rows = await this.db.all<Record<string, string | number>>(
      `SELECT * FROM notification_outbox WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT ${limit}`,
      params,
    );
    return rows.map(rowOf);
  }
}

function rowOf(row: Record<string, string | number>): OutboxRow {
  return {
    ...fromRow(row),
    status: row.status as OutboxRow['status'],
    ...(row.sent_at ? { sentAt: String(row.sent_at) } : {}),
    ...(row.message_id ? { messageId: String(row.message_id) } : {}),
    ...(row.last_error ? { lastError: String(row.last_error) } : {}),
    ...(row.created_at ? { createdAt: String(row.created_at) } : {}),
  };
}

async function insert(tx: ReadModelTransaction, m: OutboxMessage, now: string): Promise<void> {
  await tx.run(
    `INSERT INTO notification_outbox (id, case_id, departement, kind, recipient_kind, recipient_key, subject, body,
       not_before, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
    [
      m.id,
      m.caseId,
      m.departement ?? null,
      m.kind,
      m.recipientKind,
      m.recipientKey,
      m.subject,
      m.body,
      m.notBefore,
      m.notBefore,
      now,
    ],
  );
}

function fromRow(row: Record<string, string | number>): PendingMessage {
  return {
    id: String(row.id),
    caseId: String(row.case_id),
    ...(row.departement ? { departement: String(row.departement) } : {}),
    kind: String(row.kind),
    recipientKind: row.recipient_kind as PendingMessage['recipientKind'],
    recipientKey: String(row.recipient_key),
    subject: String(row.subject),
    body: String(row.body),
    notBefore: String(row.not_before),
    attempts: Number(row.attempts),
  };
}

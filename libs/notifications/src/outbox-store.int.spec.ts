import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { PostgresReadModel, ReadModelDatabase, SqliteReadModel } from '@psp/projections';
import { OutboxMessage } from './notification';
import { OutboxStore } from './outbox-store';

const message = (id: string, notBefore = '1970-01-01T00:00:00.000Z'): OutboxMessage => ({
  id,
  caseId: '00000000-0000-4000-8000-0000000000f1',
  kind: id.startsWith('alert') ? 'deadline:renewal-60' : 'decision',
  recipientKind: 'association',
  recipientKey: 'asso-1',
  subject: 'subject',
  body: 'body',
  notBefore,
});

const databases: [string, () => Promise<{ db: ReadModelDatabase; cleanup: () => Promise<void> }>][] = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'psp-outbox-store-'));
      return {
        db: new SqliteReadModel(join(dir, 'read.sqlite')),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const schema = freshSchemaUrl('outbox');
      return { db: await PostgresReadModel.open(schema.url), cleanup: schema.drop };
    },
  ],
];

describe.each(databases)('the outbox on %s', (_name, open) => {
  it('enqueues once per id, moves its checkpoint forward only, leases claims, cancels pending alerts', async () => {
    const { db, cleanup } = await open();
    try {
      const outbox = new OutboxStore(db);
      await outbox.migrate();
      await outbox.migrate(); // idempotent
      await outbox.record(
        [message('m1'), message('alert-1', '2024-07-01T08:00:00.000Z')],
        [],
        10n,
        '2024-03-01T00:00:00.000Z',
      );
      await outbox.record([message('m1')], [], 5n, '2024-03-01T00:00:00.000Z'); // a slower replay
      expect(await outbox.checkpoint()).toBe(10n);
      expect((await outbox.list()).map((r) => r.id).sort()).toEqual(['alert-1', 'm1']);

      const now = '2024-03-02T00:00:00.000Z';
      const claimed = await outbox.claimDue(now, '2024-03-02T00:01:00.000Z', 10);
      expect(claimed.map((m) => m.id)).toEqual(['m1']);
      expect(await outbox.claimDue(now, '2024-03-02T00:01:00.000Z', 10)).toEqual([]); // leased
      await outbox.markSent('m1', '<x@psp>', now);
      await outbox.record([], ['00000000-0000-4000-8000-0000000000f1'], 11n, now);
      const rows = await outbox.list();
      expect(rows.find((r) => r.id === 'm1')).toMatchObject({ status: 'sent', messageId: '<x@psp>' });
      expect(rows.find((r) => r.id === 'alert-1')).toMatchObject({ status: 'cancelled' });
    } finally {
      await db.close();
      await cleanup();
    }
  });

  it('cancels a case’s alerts through an index, not a scan of the whole outbox', async () => {
    const { db, cleanup } = await open();
    try {
      const outbox = new OutboxStore(db);
      await outbox.migrate();
      const plan = JSON.stringify(
        await db.all(
          `${db.dialect === 'postgres' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} UPDATE notification_outbox SET status = 'cancelled'
           WHERE case_id = ? AND status = 'pending' AND kind LIKE 'deadline:%' AND not_before > ?`,
          ['00000000-0000-4000-8000-0000000000f1', '2024-03-02T00:00:00.000Z'],
        ),
      );
      if (db.dialect === 'postgres') {
        // An empty table may be scanned by the planner; the index must exist for a large one.
        const indexes = await db.all<{ indexname: string }>(
          "SELECT indexname FROM pg_indexes WHERE tablename = 'notification_outbox'",
        );
        expect(indexes.map((i) => i.indexname)).toContain('notification_outbox_case');
      } else {
        expect(plan).toContain('notification_outbox_case');
      }
    } finally {
      await db.close();
      await cleanup();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '@psp/event-store/testing';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('sqlite (file, WAL, synchronous FULL, group commit)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-sqlite-'));
  return {
    store: new SqliteEventStore({ file: join(dir, 'events.sqlite') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeEventStoreContract('sqlite (file, one commit per append)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-sqlite-'));
  return {
    store: new SqliteEventStore({ file: join(dir, 'events.sqlite'), groupCommit: false }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
